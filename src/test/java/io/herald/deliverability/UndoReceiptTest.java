package io.herald.deliverability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UndoReceiptTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final UndoReceipt RECEIPTS = new UndoReceipt(SECRET);
    private static final CampaignRecipient LINK = new CampaignRecipient(7, 1234);
    private static final Instant AT = Instant.parse("2026-12-05T22:00:00Z");
    private static final Unsubscribed EVERYTHING = new Unsubscribed(UnsubscribeScope.ALL, List.of(1234L, 99L), 42, 3);

    @Test
    void aReceiptSaysWhatItsUnsubscribeChangedExceptTheSkippedCount() {
        String receipt = RECEIPTS.create(LINK, EVERYTHING, AT).orElseThrow();

        assertEquals(Optional.of(new Unsubscribed(UnsubscribeScope.ALL, List.of(1234L, 99L), 42, 0)),
                RECEIPTS.verify(receipt, LINK, AT.plusSeconds(5)));
        assertTrue(receipt.matches("u1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), receipt);
    }

    @Test
    void aReceiptWorksOnlyWithItsOwnLink() {
        String receipt = RECEIPTS.create(LINK, EVERYTHING, AT).orElseThrow();

        assertEquals(Optional.empty(), RECEIPTS.verify(receipt, new CampaignRecipient(7, 1235), AT));
        assertEquals(Optional.empty(), RECEIPTS.verify(receipt, new CampaignRecipient(8, 1234), AT));
    }

    @Test
    void aReceiptExpiresAfterAnHour() {
        String receipt = RECEIPTS.create(LINK, EVERYTHING, AT).orElseThrow();

        assertTrue(RECEIPTS.verify(receipt, LINK, AT.plus(UndoReceipt.VALIDITY)).isPresent());
        assertEquals(Optional.empty(), RECEIPTS.verify(receipt, LINK, AT.plus(UndoReceipt.VALIDITY).plusSeconds(1)));
    }

    @Test
    void everyOneCharacterChangeAndAnotherSecretAreRefused() {
        String receipt = RECEIPTS.create(LINK, new Unsubscribed(UnsubscribeScope.LIST, List.of(1234L), 0, 0), AT)
                .orElseThrow();
        for (int i = 0; i < receipt.length(); i++) {
            char c = receipt.charAt(i) == 'A' ? 'B' : 'A';
            String altered = receipt.substring(0, i) + c + receipt.substring(i + 1);
            assertEquals(Optional.empty(), RECEIPTS.verify(altered, LINK, AT), altered);
        }
        byte[] other = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
        String theirs = new UndoReceipt(other).create(LINK, EVERYTHING, AT).orElseThrow();
        assertEquals(Optional.empty(), RECEIPTS.verify(theirs, LINK, AT));
    }

    @Test
    void anUnsubscribeTokenIsNoReceipt() {
        String token = new UnsubscribeToken(SECRET).create(7, 1234);

        assertEquals(Optional.empty(), RECEIPTS.verify(token, LINK, AT));
        assertEquals(Optional.empty(), RECEIPTS.verify("u1" + token.substring(2), LINK, AT));
        assertEquals(Optional.empty(), RECEIPTS.verify(null, LINK, AT));
    }

    @Test
    void tooManyRecipientsMakeNoReceipt() {
        List<Long> many = Collections.nCopies(UndoReceipt.MAX_RECIPIENTS + 1, 5L);

        assertEquals(Optional.empty(), RECEIPTS.create(LINK, new Unsubscribed(UnsubscribeScope.ALL, many, 0, 0), AT));
        assertTrue(RECEIPTS.create(LINK, new Unsubscribed(UnsubscribeScope.ALL, many.subList(1, many.size()), 0, 0), AT)
                .flatMap(r -> RECEIPTS.verify(r, LINK, AT)).isPresent());
    }
}
