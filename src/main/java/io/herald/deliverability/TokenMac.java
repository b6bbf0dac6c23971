package io.herald.deliverability;

import io.herald.secrets.KeyRing;
import io.herald.secrets.KeySource;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 with the server's secrets, separated by purpose: a MAC made for one kind of token ("unsubscribe-v1",
 * "verp-bounces") never verifies as another, although one secret signs them all. The key ring's signing secret
 * makes MACs; each of its verifying secrets is tried on a MAC that comes back (a link signed before a rotation),
 * and a ring read again if none matched (another node rotated). Thread-safe.
 */
final class TokenMac {

    /** RFC 2104 wants a key at least as long as the hash output: 32 bytes for SHA-256. */
    static final int MIN_SECRET_BYTES = KeyRing.MIN_SECRET_BYTES;

    private static final String ALGORITHM = "HmacSHA256";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final KeySource keys;

    /** One secret signs and verifies (at least 32 bytes). */
    TokenMac(byte[] secret) {
        this(KeySource.fixed(KeyRing.of(secret)));
    }

    TokenMac(KeySource keys) {
        this.keys = keys;
    }

    /** The first length bytes of HMAC(signing secret, purpose NUL data). */
    byte[] sign(String purpose, byte[] data, int length) {
        return sign(keys.current().signing(), purpose, data, length);
    }

    private static byte[] sign(byte[] secret, String purpose, byte[] data, int length) {
        SecretKeySpec key = new SecretKeySpec(secret, ALGORITHM);
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

    /**
     * True if candidate is exactly the length-byte MAC of data under one of the verifying secrets, each compared in
     * constant time; the ring is read again once when none matches.
     */
    boolean matches(String purpose, byte[] data, byte[] candidate, int length) {
        if (candidate.length != length) {
            return false;
        }
        KeyRing ring = keys.current();
        if (matchesAny(ring, purpose, data, candidate, length)) {
            return true;
        }
        KeyRing fresher = keys.afterMiss();
        return fresher != ring && matchesAny(fresher, purpose, data, candidate, length);
    }

    private static boolean matchesAny(KeyRing ring, String purpose, byte[] data, byte[] candidate, int length) {
        for (byte[] secret : ring.verifying()) {
            if (MessageDigest.isEqual(sign(secret, purpose, data, length), candidate)) {
                return true;
            }
        }
        return false;
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
