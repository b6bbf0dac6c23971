package io.herald.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Whom the send step mails, or why it skips a recipient: the API's rules checked again on every row. */
class MessageProcessorTest {

    @Test
    void internationalisedDomainIsMailedAsALabels() {
        var to = CampaignMessages.addressee("anna@bücher.example", "Anna Müller");

        assertNull(to.skipReason());
        assertEquals("anna@xn--bcher-kva.example", to.mailbox().getAddress());
        assertEquals("Anna Müller", to.mailbox().getPersonal());
    }

    @Test
    void utf8LocalPartIsSkippedBecauseHeraldDoesNotUseSmtpUtf8() {
        var to = CampaignMessages.addressee("jörg@bücher.example", null);

        assertNull(to.mailbox());
        assertEquals("UTF-8 local part needs SMTPUTF8, which Herald does not use", to.skipReason());
    }

    @Test
    void tooLongLocalPartIsSkippedAsAnInvalidAddress() {
        String email = "l".repeat(65) + "@example.com";

        assertEquals("invalid address '" + email + "': local part is 65 octets long; RFC 5321 allows at most 64",
                CampaignMessages.addressee(email, null).skipReason());
    }

    @Test
    void controlCharacterInTheNameIsSkippedNamingIt() {
        assertEquals("name contains a control character (U+0007) at position 5 "
                        + "(CR or LF and other control characters must not go into a mail header)",
                CampaignMessages.addressee("bell@example.com", "Bell\u0007Name").skipReason());
    }
}
