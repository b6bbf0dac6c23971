package io.herald.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which secret signs, which verify and which hashes, before and after rotations. */
class KeyRingTest {

    private static final Duration WINDOW = Duration.ofDays(90);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static SigningSecret generation(int n, Instant at) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) n);
        return new SigningSecret(n, secret, at);
    }

    @Test
    void theNewestSignsTheOlderVerifyWithinTheWindowAfterTheirSuccessorAndTheFirstHashes() {
        SigningSecret g1 = generation(1, T0);
        SigningSecret g2 = generation(2, T0.plus(Duration.ofDays(10)));
        SigningSecret g3 = generation(3, T0.plus(Duration.ofDays(200)));
        KeyRing ring = KeyRing.at(null, List.of(g1, g2, g3), T0.plus(Duration.ofDays(250)), WINDOW);

        assertArrayEquals(g3.secret(), ring.signing());
        assertEquals(2, ring.verifying().size(), "g1 expired 90 days after g2 was made; g2 verifies until day 290");
        assertArrayEquals(g3.secret(), ring.verifying().get(0));
        assertArrayEquals(g2.secret(), ring.verifying().get(1));
        assertArrayEquals(g1.secret(), ring.hashing(), "rotation never changes the hashing secret");

        KeyRing later = KeyRing.at(null, List.of(g1, g2, g3), T0.plus(Duration.ofDays(291)), WINDOW);
        assertEquals(1, later.verifying().size());
    }

    @Test
    void aConfiguredSecretSignsAndHashesAndTheDatabasesStillVerify() {
        byte[] configured = "the configured secret of 32 bytes!".getBytes();
        SigningSecret g1 = generation(1, T0);
        KeyRing ring = KeyRing.at(configured, List.of(g1), T0, WINDOW);

        assertArrayEquals(configured, ring.signing());
        assertArrayEquals(configured, ring.hashing());
        assertEquals(2, ring.verifying().size());
    }

    @Test
    void aShortSecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeyRing.of(new byte[31]));
    }
}
