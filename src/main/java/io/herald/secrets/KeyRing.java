package io.herald.secrets;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The secrets one moment of the server uses: one signs what Herald makes now (unsubscribe links, undo receipts, VERP
 * addresses), the verifying ones (the signing one first) are each tried on what comes back, and the hashing one keys
 * erased addresses (suppression/AddressHash) and never changes with rotation. Immutable.
 */
public final class KeyRing {

    /** RFC 2104 wants a key at least as long as the hash output: 32 bytes for SHA-256. */
    public static final int MIN_SECRET_BYTES = 32;

    private final byte[] signing;
    private final List<byte[]> verifying;
    private final byte[] hashing;

    /** A ring of these secrets (each at least 32 bytes): secrets/ServerKeys builds it with at(), tests directly. */
    public KeyRing(byte[] signing, List<byte[]> verifying, byte[] hashing) {
        this.signing = checked(signing);
        this.verifying = verifying.stream().map(KeyRing::checked).toList();
        this.hashing = checked(hashing);
    }

    /** One secret for everything: HERALD_UNSUBSCRIBE_SECRET alone, or a test's. */
    public static KeyRing of(byte[] secret) {
        return new KeyRing(secret, List.of(secret), secret);
    }

    /**
     * The ring at {@code now}: the configured secret (HERALD_UNSUBSCRIBE_SECRET, may be null) signs and hashes if set;
     * otherwise the newest generation signs and generation 1 (the oldest) hashes. The configured secret and the
     * newest generation always verify; an older generation verifies until {@code linkWindow} after its successor
     * was made (a link it signed is at most that old). generations: ordered by generation, at least one.
     */
    public static KeyRing at(byte[] configured, List<SigningSecret> generations, Instant now, Duration linkWindow) {
        SigningSecret newest = generations.get(generations.size() - 1);
        List<byte[]> verifying = new ArrayList<>();
        if (configured != null) {
            verifying.add(configured);
        }
        verifying.add(newest.secret());
        for (int i = generations.size() - 2; i >= 0; i--) {
            if (generations.get(i + 1).createdAt().plus(linkWindow).isAfter(now)) {
                verifying.add(generations.get(i).secret());
            }
        }
        byte[] signing = configured != null ? configured : newest.secret();
        byte[] hashing = configured != null ? configured : generations.get(0).secret();
        return new KeyRing(signing, verifying, hashing);
    }

    /** The secret that signs: a copy. */
    public byte[] signing() {
        return signing.clone();
    }

    /** The secrets that verify, the signing one first: copies. */
    public List<byte[]> verifying() {
        return verifying.stream().map(byte[]::clone).toList();
    }

    /** The secret that keys erased addresses' hashes: a copy. */
    public byte[] hashing() {
        return hashing.clone();
    }

    private static byte[] checked(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("a signing secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        return secret.clone();
    }
}
