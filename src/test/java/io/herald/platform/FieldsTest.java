package io.herald.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request fields that end up in mail headers or in the envelope: refused with a 400 naming the field. */
class FieldsTest {

    private static ApiException refused(Runnable check) {
        ApiException e = assertThrows(ApiException.class, check::run);
        assertEquals(400, e.status());
        return e;
    }

    @ParameterizedTest
    @ValueSource(chars = {'\u0000', '\u0007', '\t', '\n', '\u000B', '\r', '\u001B', '\u001F', '\u007F'})
    void everyControlCharacterIsRefusedInAHeaderValue(char control) {
        ApiException e = refused(() -> Fields.headerSafe("fromName", "News" + control + "Desk"));

        assertEquals("fromName", e.field());
        assertEquals(String.format("fromName contains a control character (U+%04X) at position 5 "
                + "(CR or LF and other control characters must not go into a mail header)", (int) control), e.getMessage());
    }

    @Test
    void printableTextIncludingNonAsciiPassesUnchanged() {
        assertEquals("Jörg's \"Bücher\" — 例え ~", Fields.headerSafe("fromName", "Jörg's \"Bücher\" — 例え ~"));
        assertNull(Fields.headerSafe("fromName", null));
        assertNull(Fields.headerProblem("name", "Ada Lovelace"));
    }

    @Test
    void headerProblemReportsInsteadOfThrowing() {
        assertTrue(Fields.headerProblem("name", "Ada\u000BLovelace").startsWith("name contains a control character (U+000B) at position 4"));
    }

    @Test
    void addressProblemIsTheNormalizersProblem() {
        assertNull(Fields.addressProblem("jörg@bücher.example"));    // valid; sendable or not is decided at send time
        assertTrue(Fields.addressProblem("a".repeat(65) + "@example.com").contains("65 octets"));
    }

    @Test
    void senderAddressIsStoredAsItWillBeSent() {
        assertEquals("news@xn--bcher-kva.example", Fields.address("fromAddress", " news@bücher.example ", true));
        assertEquals("news@herald.example", Fields.address("fromAddress", "news@herald.example", true));
        assertNull(Fields.address("replyTo", " ", false));
    }

    @Test
    void senderAddressWithUtf8LocalPartIsRefused() {
        ApiException e = refused(() -> Fields.address("fromAddress", "jörg@herald.example", true));

        assertEquals("fromAddress", e.field());
        assertTrue(e.getMessage().contains("UTF-8 local part needs SMTPUTF8, which Herald does not use"), e.getMessage());
    }

    @Test
    void senderAddressTooLongIsRefusedNamingTheLimit() {
        ApiException e = refused(() -> Fields.address("replyTo", "a".repeat(65) + "@herald.example", false));

        assertEquals("replyTo", e.field());
        assertTrue(e.getMessage().contains("is not a valid e-mail address: local part is 65 octets long; RFC 5321 allows at most 64"),
                e.getMessage());
    }
}
