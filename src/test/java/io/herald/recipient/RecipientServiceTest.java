package io.herald.recipient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which entries of POST /lists/{id}/recipients are refused, and the reason each one is given. */
class RecipientServiceTest {

    private static String problem(String email, String name) {
        return RecipientService.problemWith(new RecipientRequest(email, name, Map.of()));
    }

    @Test
    void internationalisedAddressesAreAccepted() {
        assertNull(problem("user@bücher.example", "Anna"));
        assertNull(problem("user@例え.jp", null));
        assertNull(problem("jörg@bücher.example", "Jörg"));    // stored; the send step skips it (no SMTPUTF8)
    }

    @Test
    void addressLongerThanRfc5321AllowsIsRefused() {
        assertTrue(problem("a".repeat(65) + "@example.com", null).contains("local part is 65 octets long"));
        assertTrue(problem("a".repeat(60) + "@" + "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(54) + ".example.com", null)
                .contains("address is 255 octets long; RFC 5321 allows at most 254"));
    }

    @Test
    void controlCharacterInTheNameIsRefusedNamingIt() {
        assertEquals("name contains a control character (U+000B) at position 4 "
                + "(CR or LF and other control characters must not go into a mail header)", problem("a@example.com", "Ada\u000BL"));
        assertTrue(problem("a@example.com", "Evil\r\nBcc: x@evil.example").contains("CR or LF"));
        assertTrue(problem("a@example.com", "\u001B[31mRed").contains("control character (U+001B) at position 1"));
    }

    @Test
    void controlCharacterInTheAddressIsRefusedNamingIt() {
        assertEquals("email 'a\u0007b@example.com' is invalid: address contains a control character (U+0007) at position 2",
                problem("a\u0007b@example.com", null));
    }
}
