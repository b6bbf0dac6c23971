package io.herald.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.mail.AddressKey.Match;
import org.junit.jupiter.api.Test;

/** The identity rule: one key per mailbox, whatever the case; "exact" keeps Herald's earlier rule. */
class AddressKeyTest {

    @Test
    void byDefaultTheWholeAddressIsCaseInsensitive() {
        assertEquals("dup@example.test", AddressKey.of("DUP@Example.TEST", Match.IGNORE_CASE));
        assertEquals(AddressKey.of("ann@example.com", Match.IGNORE_CASE), AddressKey.of("Ann@EXAMPLE.com", Match.IGNORE_CASE));
    }

    @Test
    void unicodeLocalPartsAreCaseFoldedAndComposed() {
        assertEquals("jörg@example.com", AddressKey.of("JÖRG@example.com", Match.IGNORE_CASE));
        assertEquals(AddressKey.of("strasse@example.com", Match.IGNORE_CASE), AddressKey.of("STRAßE@example.com", Match.IGNORE_CASE),
                "ß folds as SS does");
        assertEquals(AddressKey.of("j\u00f6rg@example.com", Match.IGNORE_CASE), AddressKey.of("jo\u0308rg@example.com", Match.IGNORE_CASE),
                "a composed and a decomposed ö are one character");
        assertEquals("istanbul@example.com", AddressKey.of("ISTANBUL@example.com", Match.IGNORE_CASE),
                "no locale's rules: I is i, not a dotless ı");
    }

    @Test
    void theDomainIsItsALabel() {
        assertEquals("jörg@xn--bcher-kva.example", AddressKey.of("Jörg@BÜCHER.example", Match.IGNORE_CASE));
        assertEquals(AddressKey.of("a@xn--bcher-kva.example", Match.IGNORE_CASE), AddressKey.of("a@bücher.example", Match.IGNORE_CASE));
        assertEquals("a@[192.0.2.1]", AddressKey.of("A@[192.0.2.1]", Match.IGNORE_CASE));
    }

    @Test
    void exactKeepsTheLocalPartAsGivenAndLowerCasesTheDomain() {
        assertEquals("DUP@example.test", AddressKey.of("DUP@Example.TEST", Match.EXACT));
        assertNotEquals(AddressKey.of("dup@example.test", Match.EXACT), AddressKey.of("DUP@example.test", Match.EXACT));
    }

    @Test
    void theSettingIsIgnoreCaseOrExact() {
        assertEquals(Match.IGNORE_CASE, Match.parse(null));
        assertEquals(Match.IGNORE_CASE, Match.parse(" "));
        assertEquals(Match.EXACT, Match.parse("Exact"));
        var e = assertThrows(IllegalArgumentException.class, () -> Match.parse("lower"));
        assertEquals("herald.address-match (HERALD_ADDRESS_MATCH) is 'lower'; it must be ignore-case (the default) or exact",
                e.getMessage());
    }
}
