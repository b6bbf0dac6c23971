package io.herald.deliverability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.secrets.KeyRing;
import io.herald.secrets.KeySource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class UnsubscribeTokenTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final UnsubscribeToken TOKENS = new UnsubscribeToken(SECRET);

    @Test
    void aTokenNamesTheCampaignAndRecipientItWasMadeFor() {
        String token = TOKENS.create(7, 1234);

        assertEquals(Optional.of(new CampaignRecipient(7, 1234)), TOKENS.verify(token));
    }

    @Test
    void theLargestIdsRoundTrip() {
        assertEquals(Optional.of(new CampaignRecipient(Long.MAX_VALUE, Long.MAX_VALUE)),
                TOKENS.verify(TOKENS.create(Long.MAX_VALUE, Long.MAX_VALUE)));
    }

    @Test
    void aTokenIsVersionedShortAndSafeInAUrlPath() {
        String token = TOKENS.create(7, 1234);

        assertTrue(token.startsWith("v1."), token);
        assertEquals(69, token.length(), token);
        assertTrue(token.matches("[A-Za-z0-9_.-]+"), token);
    }

    @Test
    void theSameIdsGiveTheSameTokenAndOthersAnother() {
        assertEquals(TOKENS.create(7, 1234), TOKENS.create(7, 1234));
        assertNotEquals(TOKENS.create(7, 1234), TOKENS.create(7, 1235));
        assertNotEquals(TOKENS.create(7, 1234), TOKENS.create(8, 1234));
    }

    @Test
    void anotherServersSecretMakesTokensThisServerRefuses() {
        byte[] other = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

        assertEquals(Optional.empty(), TOKENS.verify(new UnsubscribeToken(other).create(7, 1234)));
    }

    @Test
    void afterARotationTheOldSecretsLinksVerifyWhileItIsInTheRingAndTheNewOneSigns() {
        byte[] newer = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
        String before = TOKENS.create(7, 1234);
        var rotated = new AtomicReference<>(
                new KeyRing(newer, List.of(newer, SECRET), SECRET));
        UnsubscribeToken afterRotation = new UnsubscribeToken(rotated::get);

        assertEquals(Optional.of(new CampaignRecipient(7, 1234)), afterRotation.verify(before));
        assertEquals(new UnsubscribeToken(newer).create(7, 1234), afterRotation.create(7, 1234));

        rotated.set(new KeyRing(newer, List.of(newer), SECRET));            // the window after the rotation is over
        assertEquals(Optional.empty(), afterRotation.verify(before));
    }

    @Test
    void aTokenMatchingNoSecretMakesTheRingBeReadAgainOnce() {
        byte[] newer = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
        var reads = new AtomicInteger();
        KeySource source = new KeySource() {
            @Override
            public KeyRing current() {
                return KeyRing.of(SECRET);
            }

            @Override
            public KeyRing afterMiss() {
                reads.incrementAndGet();                    // another node rotated: its newer secret is in the table
                return new KeyRing(newer, List.of(newer, SECRET), SECRET);
            }
        };
        String fromTheOtherNode = new UnsubscribeToken(newer).create(7, 1234);

        assertEquals(Optional.of(new CampaignRecipient(7, 1234)), new UnsubscribeToken(source).verify(fromTheOtherNode));
        assertEquals(1, reads.get());
    }

    @Test
    void aTokenWithAnotherRecipientsPayloadIsRefused() {
        String[] mine = TOKENS.create(7, 1234).split("\\.");
        String[] theirs = TOKENS.create(7, 1235).split("\\.");

        assertEquals(Optional.empty(), TOKENS.verify(mine[0] + "." + theirs[1] + "." + mine[2]));
    }

    @Test
    void aForgedMacIsRefused() {
        String[] parts = TOKENS.create(7, 1234).split("\\.");
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);

        assertEquals(Optional.empty(), TOKENS.verify(parts[0] + "." + parts[1] + "." + forged));
    }

    @Test
    void everyOneCharacterChangeIsRefused() {
        String token = TOKENS.create(7, 1234);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        for (int i = 0; i < token.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c != token.charAt(i)) {
                    String altered = token.substring(0, i) + c + token.substring(i + 1);
                    assertEquals(Optional.empty(), TOKENS.verify(altered), altered);
                }
            }
        }
    }

    @Test
    void truncatedTokensAreRefused() {
        String token = TOKENS.create(7, 1234);
        for (int length = 0; length < token.length(); length++) {
            assertEquals(Optional.empty(), TOKENS.verify(token.substring(0, length)), token.substring(0, length));
        }
    }

    @Test
    void otherVersionsAreRefused() {
        String rest = TOKENS.create(7, 1234).substring(2);

        assertEquals(Optional.empty(), TOKENS.verify("v2" + rest));
        assertEquals(Optional.empty(), TOKENS.verify("v0" + rest));
        assertEquals(Optional.empty(), TOKENS.verify("V1" + rest));
        assertEquals(Optional.empty(), TOKENS.verify(rest.substring(1)));
    }

    @Test
    void paddingExtraPartsAndGarbageAreRefused() {
        String token = TOKENS.create(7, 1234);

        assertEquals(Optional.empty(), TOKENS.verify(token + "="));
        assertEquals(Optional.empty(), TOKENS.verify(token + "."));
        assertEquals(Optional.empty(), TOKENS.verify(token + ".x"));
        assertEquals(Optional.empty(), TOKENS.verify(token.replace('.', ',')));
        assertEquals(Optional.empty(), TOKENS.verify("v1.!!!!.????"));
        assertEquals(Optional.empty(), TOKENS.verify(""));
        assertEquals(Optional.empty(), TOKENS.verify(null));
        assertEquals(Optional.empty(), TOKENS.verify(token + "A".repeat(1000)));
    }

    @Test
    void aSecretShorterThan32BytesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new UnsubscribeToken(new byte[31]));
    }

    @Test
    void idsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> TOKENS.create(0, 1));
        assertThrows(IllegalArgumentException.class, () -> TOKENS.create(1, -1));
    }
}
