package io.herald.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The address rules the API and the send step share: RFC 5321 lengths, control characters, IDN domains. */
class AddressNormalizerTest {

    private static AddressNormalizer.Result normalize(String address) {
        return AddressNormalizer.normalize(address);
    }

    private static void assertInvalid(String address, String problemPart) {
        var r = normalize(address);
        assertFalse(r.valid(), address + " should be invalid");
        assertNull(r.address());
        assertTrue(r.problem().contains(problemPart), "'" + r.problem() + "' should contain '" + problemPart + "'");
    }

    @Test
    void plainAddressIsSentAsGiven() {
        var r = normalize("  ada@example.com ");

        assertTrue(r.valid());
        assertEquals("ada@example.com", r.address());
        assertFalse(r.needsSmtpUtf8());
    }

    @Test
    void internationalisedDomainIsSentAsALabels() {
        assertEquals("user@xn--bcher-kva.example", normalize("user@bücher.example").address());
        assertEquals("user@xn--r8jz45g.jp", normalize("user@例え.jp").address());
        assertFalse(normalize("user@例え.jp").needsSmtpUtf8());
    }

    @Test
    void utf8LocalPartIsValidButNeedsSmtpUtf8() {
        var r = normalize("jörg@bücher.example");

        assertTrue(r.valid(), r.problem());
        assertTrue(r.needsSmtpUtf8());
        assertEquals("jörg@xn--bcher-kva.example", r.address());
        assertEquals("UTF-8 local part needs SMTPUTF8, which Herald does not use", AddressNormalizer.NEEDS_SMTPUTF8);
    }

    @Test
    void localPartOf64OctetsIsTheLimit() {
        assertTrue(normalize("a".repeat(64) + "@example.com").valid());
        assertInvalid("a".repeat(65) + "@example.com", "local part is 65 octets long; RFC 5321 allows at most 64");
    }

    @Test
    void localPartLengthCountsUtf8OctetsNotCharacters() {
        assertTrue(normalize("ü".repeat(32) + "@example.com").valid());               // 32 characters, 64 octets
        assertInvalid("ü".repeat(33) + "@example.com", "local part is 66 octets long");  // 33 characters, 66 octets
    }

    @Test
    void addressOf254OctetsIsTheLimit() {
        assertTrue(normalize(addressOfOctets(254)).valid());
        assertInvalid(addressOfOctets(255), "address is 255 octets long; RFC 5321 allows at most 254");
    }

    @Test
    void addressLengthCountsTheDomainAsSent() {
        // "bücher." is 8 octets in UTF-8 but "xn--bcher-kva." is 14: the limit applies to what goes into RCPT TO
        String address = addressOfOctets(245).replace("@", "@bücher.");
        assertEquals(253, address.getBytes(StandardCharsets.UTF_8).length);

        assertInvalid(address, "address is 259 octets long with its domain as A-labels; RFC 5321 allows at most 254");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b@example.com", "a\u0007b@example.com", "ab@example.com\u007f", "a\tb@example.com",
        "ab@exa\u001bmple.com", "ab@example.com\r\nBcc: x@evil.example"})
    void controlCharactersAnywhereAreRefusedNamingTheCharacter(String address) {
        var r = normalize(address);

        assertFalse(r.valid());
        assertTrue(r.problem().startsWith("address contains a control character (U+00"), r.problem());
    }

    @Test
    void controlCharacterProblemNamesCodePointAndPosition() {
        assertEquals("address contains a control character (U+000B) at position 3", normalize("ab\u000B@example.com").problem());
    }

    @Test
    void domainThatIdnRefusesIsInvalid() {
        assertInvalid("a@" + "x".repeat(64) + ".example", "is not a valid host name");   // a label has at most 63
        assertInvalid("a@-x.example", "is not a valid host name");
    }

    @Test
    void domainNeedsADotUnlessItIsAnAddressLiteral() {
        assertInvalid("a@localhost", "domain 'localhost' has no dot");
        assertEquals("a@[192.0.2.1]", normalize("a@[192.0.2.1]").address());
    }

    @Test
    void theEarlierRulesStillHold() {
        assertInvalid(null, "missing");
        assertInvalid("  ", "missing");
        assertInvalid("not-an-address", "malformed address: Missing final '@domain'");
        assertInvalid("nodomain@", "malformed address");
        assertInvalid("two@@example.com", "malformed address");
        assertInvalid("Ada <ada@example.com>", "not a bare address");
        assertInvalid("a@b.example, c@d.example", "malformed address");
    }

    /** An ASCII address of exactly n octets: a 60-octet local part and a domain of labels of at most 63. */
    private static String addressOfOctets(int n) {
        StringBuilder domain = new StringBuilder("example.com");
        int missing = n - 61 - domain.length();
        while (missing > 0) {
            int label = Math.min(63, missing - 1);
            domain.insert(0, "d".repeat(label) + ".");
            missing -= label + 1;
        }
        String address = "l".repeat(60) + "@" + domain;
        assertEquals(n, address.length());
        return address;
    }
}
