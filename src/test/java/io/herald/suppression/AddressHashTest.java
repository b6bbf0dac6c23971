package io.herald.suppression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.mail.AddressKey;
import io.herald.recipient.Recipient;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class AddressHashTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final AddressHash HASH = new AddressHash(SECRET);

    @Test
    void theHashIsTheHmacSha256OfTheKeyWithItsPurposeInHex() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        byte[] expected = mac.doFinal("herald-erasure-v1\0ann@example.com".getBytes(StandardCharsets.UTF_8));

        assertEquals("hmac-sha256:" + HexFormat.of().formatHex(expected), HASH.of("ann@example.com"));
        assertEquals(12 + 64, HASH.of("ann@example.com").length());
        assertFalse(HASH.of("ann@example.com").contains("@"), "never mistaken for an address");
    }

    @Test
    void addressesHeraldMatchesAsOneHashAsOne() {
        // the key (mail/AddressKey, by default the whole address case-insensitive), as the email_key columns hold it
        assertEquals(HASH.of(Recipient.keyOf("ann@example.com")), HASH.of(Recipient.keyOf("ann@EXAMPLE.Com")));
        assertEquals(HASH.of(Recipient.keyOf("ann@example.com")), HASH.of(Recipient.keyOf("Ann@example.com")));
        assertNotEquals(HASH.of(AddressKey.of("ann@example.com", AddressKey.Match.EXACT)),
                HASH.of(AddressKey.of("Ann@example.com", AddressKey.Match.EXACT)), "unless HERALD_ADDRESS_MATCH=exact");
    }

    @Test
    void anotherSecretMakesAnotherHashAndAnotherKeyId() {
        AddressHash other = new AddressHash("another secret, 32 bytes or more!".getBytes(StandardCharsets.US_ASCII));

        assertNotEquals(HASH.of("ann@example.com"), other.of("ann@example.com"));
        assertNotEquals(HASH.keyId(), other.keyId());
        assertEquals(HASH.keyId(), new AddressHash(SECRET).keyId(), "stable for one secret");
        assertTrue(HASH.keyId().matches("[0-9a-f]{16}"), HASH.keyId());
    }

    @Test
    void lookupsHoldEachKeyAndItsHashMappedBackToTheKey() {
        Map<String, String> lookups = HASH.lookups(List.of("ann@example.com", "bob@example.com"));

        assertEquals(4, lookups.size(), lookups.toString());
        assertEquals("ann@example.com", lookups.get("ann@example.com"));
        assertEquals("ann@example.com", lookups.get(HASH.of("ann@example.com")));
        assertEquals("bob@example.com", lookups.get(HASH.of("bob@example.com")));
    }

    @Test
    void aShortSecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AddressHash(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> new AddressHash(null));
    }
}
