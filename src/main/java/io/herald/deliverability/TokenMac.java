package io.herald.deliverability;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 with the server's secret, separated by purpose: a MAC made for one kind of token ("unsubscribe-v1",
 * "verp-bounces") never verifies as another, although one secret signs them all. Thread-safe.
 */
final class TokenMac {

    /** RFC 2104 wants a key at least as long as the hash output: 32 bytes for SHA-256. */
    static final int MIN_SECRET_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    TokenMac(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the token secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** The first length bytes of HMAC(secret, purpose NUL data). */
    byte[] sign(String purpose, byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // a Mac is not thread-safe, and making one costs about a microsecond
            mac.init(key);
            mac.update(purpose.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(data), length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }

    /** True if candidate is exactly the length-byte MAC of data; compared in constant time. */
    boolean matches(String purpose, byte[] data, byte[] candidate, int length) {
        return candidate.length == length && MessageDigest.isEqual(sign(purpose, data, length), candidate);
    }
}
