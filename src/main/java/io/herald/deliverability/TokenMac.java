package io.herald.deliverability;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
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

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

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

    /** {@code <version>.<payload>.<mac>}, both parts base64url without padding: a token safe in a URL or a form. */
    String seal(String version, String purpose, byte[] payload, int length) {
        return version + "." + ENCODER.encodeToString(payload) + "."
                + ENCODER.encodeToString(sign(purpose, payload, length));
    }

    /**
     * The payload of a token that seal made, or empty unless this secret sealed it exactly so: other versions, more
     * than maxLength characters, truncated, padded or re-encoded parts and a wrong MAC are all refused.
     */
    Optional<byte[]> open(String token, String version, String purpose, int length, int maxLength) {
        if (token == null || token.length() > maxLength) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !version.equals(parts[0])) {
            return Optional.empty();
        }
        byte[] payload = decode(parts[1]);
        byte[] candidate = decode(parts[2]);
        return payload != null && candidate != null && matches(purpose, payload, candidate, length)
                ? Optional.of(payload) : Optional.empty();
    }

    /**
     * The bytes of a base64url part, or null unless the text is exactly how seal wrote them: the decoder alone
     * would accept padding and ignore the spare low bits of the last character, so a changed token could pass.
     */
    private static byte[] decode(String part) {
        try {
            byte[] bytes = DECODER.decode(part);
            return ENCODER.encodeToString(bytes).equals(part) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
