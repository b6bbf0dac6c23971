package io.herald.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** spamd's answers to REPORT, as spamd 4.0.1 (-L) wrote them, read into a verdict. */
class SpamdReplyTest {

    /** Recorded from spamd 4.0.1: headers end in CRLF, the report's lines in LF. */
    private static final String SPAM = "SPAMD/1.1 0 EX_OK\r\nContent-length: 1583\r\nSpam: True ; 8.9 / 5.0\r\n\r\n"
            + """
            Spam detection software, running on the system "vm",
            has identified this incoming email as possible spam.

            Content preview:  100% FREE! Click here to claim your GUARANTEED cash prize.
               Viagra, cialis, no prescription needed! [...]\s

            Content analysis details:   (8.9 points, 5.0 required)

             pts rule name              description
            ---- ---------------------- --------------------------------------------------
            -0.0 NO_RECEIVED            Informational: message has no Received headers
             1.9 NO_PRESCRIPTION        BODY: No prescription needed
             0.5 SUBJ_ALL_CAPS          Subject is all capitals
             2.2 HTML_SHORT_LINK_IMG_1  HTML is very short with a linked image
             1.0 ADVANCE_FEE_2_NEW_MONEY Advance Fee fraud and lots of money

            """;

    private static SpamdVerdict parse(String reply) throws SpamdException {
        return SpamdReply.parse(reply.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSpamVerdictHasTheScoreSpamdsThresholdAndEveryRuleInOrder() throws Exception {
        SpamdVerdict v = parse(SPAM);
        assertEquals(8.9, v.score());
        assertEquals(5.0, v.spamdThreshold());
        assertTrue(v.spamdSaysSpam());
        assertEquals(List.of(
                new RuleHit("NO_RECEIVED", -0.0, "Informational: message has no Received headers"),
                new RuleHit("NO_PRESCRIPTION", 1.9, "BODY: No prescription needed"),
                new RuleHit("SUBJ_ALL_CAPS", 0.5, "Subject is all capitals"),
                new RuleHit("HTML_SHORT_LINK_IMG_1", 2.2, "HTML is very short with a linked image"),
                new RuleHit("ADVANCE_FEE_2_NEW_MONEY", 1.0, "Advance Fee fraud and lots of money")), v.rules());
    }

    @Test
    void aCleanVerdictWithNegativeScores() throws Exception {
        SpamdVerdict v = parse("SPAMD/1.1 0 EX_OK\r\nContent-length: 200\r\nSpam: False ; -0.1 / 5.0\r\n\r\n"
                + "Content analysis details:   (-0.1 points, 5.0 required)\n\n"
                + " pts rule name              description\n"
                + "---- ---------------------- --------------------------------------------------\n"
                + "-0.1 DKIM_VALID             Message has at least one valid DKIM or DK signature\n");
        assertEquals(-0.1, v.score());
        assertFalse(v.spamdSaysSpam());
        assertEquals(List.of(new RuleHit("DKIM_VALID", -0.1, "Message has at least one valid DKIM or DK signature")),
                v.rules());
    }

    @Test
    void aLongDescriptionContinuesOnIndentedLines() throws Exception {
        SpamdVerdict v = parse("SPAMD/1.1 0 EX_OK\r\nSpam: Yes ; 5.0 / 5.0\r\n\r\n"
                + "---- ---------------------- --------------------------------------------------\n"
                + " 0.0 URIBL_BLOCKED          ADMINISTRATOR NOTICE: The query to URIBL was\n"
                + "                            blocked.  See\n"
                + "                            100 lines of the wiki\n"
                + " 5.0 LOCAL_TEST             A local rule\n"
                + "\n"
                + "The original message was not completely plain text.\n");
        assertTrue(v.spamdSaysSpam(), "'Yes' as older spamd versions say");
        assertEquals(List.of(
                new RuleHit("URIBL_BLOCKED", 0.0, "ADMINISTRATOR NOTICE: The query to URIBL was blocked.  See"
                        + " 100 lines of the wiki"),
                new RuleHit("LOCAL_TEST", 5.0, "A local rule")), v.rules());
    }

    @Test
    void aReportWithoutATableHasNoRules() throws Exception {
        SpamdVerdict v = parse("SPAMD/1.1 0 EX_OK\r\nSpam: False ; 0.0 / 5.0\r\n\r\n");
        assertEquals(0.0, v.score());
        assertEquals(List.of(), v.rules());
    }

    @Test
    void anErrorStatusIsSpamdRefusing() {
        SpamdException e = assertThrows(SpamdException.class,
                () -> parse("SPAMD/1.0 76 Bad header line: (EOF)\r\n"));
        assertEquals("spamd refused the check: 76 Bad header line: (EOF)", e.getMessage());
    }

    @Test
    void somethingElseThanSpamdIsNamed() {
        SpamdException notSpamd = assertThrows(SpamdException.class, () -> parse("HTTP/1.1 400 Bad Request\r\n\r\n"));
        assertTrue(notSpamd.getMessage().contains("not spamd's") && notSpamd.getMessage().contains("HTTP/1.1 400"),
                notSpamd.getMessage());
        SpamdException noVerdict = assertThrows(SpamdException.class,
                () -> parse("SPAMD/1.1 0 EX_OK\r\nContent-length: 0\r\n\r\n"));
        assertTrue(noVerdict.getMessage().contains("no 'Spam: True"), noVerdict.getMessage());
        assertEquals("the connection was closed without an answer",
                assertThrows(SpamdException.class, () -> parse("")).getMessage());
    }
}
