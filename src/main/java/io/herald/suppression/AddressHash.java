package io.herald.suppression;

import io.herald.secrets.ServerKeyRing;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed hash an erased address leaves in the suppression list: "hmac-sha256:" and the hex HMAC-SHA256 of the
 * address's key (mail/AddressKey) under the server's secret, with a purpose prefix so it never
 * equals a MAC the same secret makes for unsubscribe links. Without the secret nobody can tell whose hash it is,
 * and with it an address given later (an import, POST /lists/{id}/recipients) is recognised. Thread-safe.
 *
 * <p>The secret must be the same on every node and across restarts: under another secret an erased address no longer
 * matches its entry and may be mailed again. The server's (secrets/KeyRing.hashing) is HERALD_UNSUBSCRIBE_SECRET
 * when set, else generation 1 of the secrets kept in the database: rotation makes new secrets sign links, never a
 * new hashing secret, because nothing can re-hash the entries already made (their addresses are gone).
 */
public final class AddressHash {

    /** What every stored hash starts with; never a valid address (no '@'). */
    public static final String PREFIX = "hmac-sha256:";

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] PURPOSE = "herald-erasure-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_ID_PURPOSE = "herald-erasure-key-id\0".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;

    /** A hash under this secret (at least 32 bytes). */
    public AddressHash(byte[] secret) {
        if (secret == null || secret.length < 32) {
            throw new IllegalArgumentException("the erasure secret must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /**
     * The server's: keyed by the key ring's hashing secret (HERALD_UNSUBSCRIBE_SECRET, or else the first signing
     * secret Herald generated in its database, which rotation never replaces), so it is stable.
     */
    public static AddressHash server() {
        return new AddressHash(ServerKeyRing.INSTANCE.current().hashing());
    }

    /** The stored form of an address's key: PREFIX + 64 hex digits. */
    public String of(String emailKey) {
        return PREFIX + HexFormat.of().formatHex(mac(PURPOSE, emailKey));
    }

    /**
     * A short id of the secret (16 hex digits, not the secret): kept in each erased entry's note, so entries made
     * under an earlier secret, which no longer match their address, can be counted and reported.
     */
    public String keyId() {
        return HexFormat.of().formatHex(mac(KEY_ID_PURPOSE, "")).substring(0, 16);
    }

    /**
     * What to look for in suppression.email_key for these keys: each key and its hash, mapped to the key. One Mac for
     * all of them: a 100,000-row import hashes each row once, about a microsecond each.
     */
    public Map<String, String> lookups(Collection<String> keys) {
        Mac mac = newMac();
        Map<String, String> lookups = new LinkedHashMap<>();
        for (String k : keys) {
            lookups.put(k, k);
            mac.update(PURPOSE);
            lookups.put(PREFIX + HexFormat.of().formatHex(mac.doFinal(k.getBytes(StandardCharsets.UTF_8))), k);
        }
        return lookups;
    }

    private byte[] mac(byte[] purpose, String data) {
        Mac mac = newMac();
        mac.update(purpose);
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe: one per call
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }
}
