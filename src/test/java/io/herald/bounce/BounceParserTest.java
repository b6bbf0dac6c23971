package io.herald.bounce;

import static io.herald.bounce.BounceReport.Kind.HARD;
import static io.herald.bounce.BounceReport.Kind.UNCLASSIFIED;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.bounce.BounceReport.Kind;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What each kind of message in the bounce mailbox is read as: real MTAs' reports, an auto-reply, and junk. */
class BounceParserTest {

    private static final Session SESSION = Session.getInstance(new Properties());
    private static final String LOCAL_PART = "bounces";

    private final BounceParser parser = new BounceParser();

    @Nested
    class Fixtures {

        @ParameterizedTest(name = "{0} is {1} for {2} ({3})")
        @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
                postfix-user-unknown.eml         | HARD         | ann@example.com      | 5.1.1  | c7-d1042-Kx3q9Z | <7.1042.5b1f0c3e-2d4a-4f7e-9a61-0c8e4a2b7d13@news.herald.example>
                exim-mailbox-full.eml            | SOFT         | carol@example.net    | 4.2.2  | c7-d1043-Pq8w2L | <7.1043.0e9d6a57-7c1b-4b8e-8f0a-2a6c3e91d4b5@news.herald.example>
                exchange-ndr.eml                 | HARD         | dave@contoso.example | 5.1.10 | c7-d1044-Zt5m1R | <7.1044.9c3e1f20-6a5b-4e8d-b7c4-51d2e0f3a6b8@news.herald.example>
                gmail-style.eml                  | HARD         | erin@example.org     | 5.1.1  | c9-d2001-Hb7n4T | <9.2001.f4e2a8c1-3b7d-4c6e-a2f9-8d1b0e5c7a34@news.herald.example>
                postfix-delayed.eml              | SOFT         | frank@slow.example   | 4.4.1  | c7-d1045-Wy2k6D | <7.1045.2d7a9e14-8f3c-4b61-a0d5-6e9c1b4f2a87@news.herald.example>
                delivered-as-multipart-mixed.eml | HARD         | grace@example.com    | 5.2.1  | c7-d1046-Jm3v8S | <7.1046.7b3d5f19-0e2a-4c8b-9d6f-4a1e8c2b5d70@news.herald.example>
                auto-reply.eml                   | UNCLASSIFIED | -                    | -      | c7-d1047-Ns4x7F | <7.1047.c5a8e3d2-41f7-4b09-8e6a-9f2d7c1b3e58@news.herald.example>
                """)
        void eachFixtureNamesItsKindRecipientStatusTokenAndMessageId(String file, Kind kind, String recipient,
                                                                     String status, String token, String messageId)
                throws Exception {
            BounceReport report = parser.parse(fixture(file), LOCAL_PART);

            assertAll(
                    () -> assertEquals(kind, report.kind(), report::describe),
                    () -> assertEquals(recipient, report.recipient()),
                    () -> assertEquals(status, report.status()),
                    () -> assertEquals(token, report.verpToken()),
                    () -> assertEquals(messageId, report.originalMessageId()));
        }

        @ParameterizedTest(name = "{0}: {2} said \"{1}\"")
        @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
                postfix-user-unknown.eml         | smtp; 550 5.1.1 <ann@example.com>: Recipient address rejected: User unknown in virtual mailbox table | mx.example.com
                exim-mailbox-full.eml            | smtp; 452 4.2.2 <carol@example.net>: Mailbox full                                                   | mx1.example.net
                exchange-ndr.eml                 | smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup          | -
                postfix-delayed.eml              | X-Postfix; connect to mx.slow.example[192.0.2.25]:25: Connection timed out                           | -
                delivered-as-multipart-mixed.eml | smtp; 550 5.2.1 <grace@example.com>: Mailbox disabled for this recipient                             | mx.example.com
                """)
        void theDiagnosticIsOneLineAndTheRemoteMtaIsAHostName(String file, String diagnostic, String remoteMta)
                throws Exception {
            BounceReport report = parser.parse(fixture(file), LOCAL_PART);

            assertAll(
                    () -> assertEquals(diagnostic, report.diagnostic()),
                    () -> assertEquals(remoteMta, report.remoteMta()),
                    () -> assertNull(report.reason()));
        }

        @Test
        void gmailsMultiLineReplyIsUnfoldedAndItsRemoteMtaCommentDropped() throws Exception {
            BounceReport report = parser.parse(fixture("gmail-style.eml"), LOCAL_PART);

            assertAll(
                    () -> assertEquals("smtp; 550-5.1.1 The email account that you tried to reach does not exist. "
                            + "Please try 550-5.1.1 double-checking the recipient's email address for typos or "
                            + "550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1 "
                            + "https://support.google.com/mail/?p=NoSuchUser a1b2c3d4e5f6-1234567890.12 - gsmtp",
                            report.diagnostic()),
                    () -> assertEquals("mx.example.org", report.remoteMta()));
        }

        @Test
        void anOutOfOfficeReplyIsKeptForReviewWithItsTokenAndTheMessageItAnswers() throws Exception {
            BounceReport report = parser.parse(fixture("auto-reply.eml"), LOCAL_PART);

            assertAll(
                    () -> assertEquals(UNCLASSIFIED, report.kind()),
                    () -> assertEquals("no message/delivery-status part: not a delivery status notification",
                            report.reason()),
                    () -> assertEquals("UNCLASSIFIED: no message/delivery-status part: not a delivery status "
                            + "notification", report.describe()));
        }

        @Test
        void aDelayNoticeIsSoftEvenThoughItsDeliveredToHasNoToken() throws Exception {
            // Dovecot's Delivered-To names the mailbox ("bounces@…"); Postfix's X-Original-To keeps the token
            BounceReport report = parser.parse(fixture("postfix-delayed.eml"), LOCAL_PART);

            assertEquals("SOFT frank@slow.example 4.4.1: X-Postfix; connect to mx.slow.example[192.0.2.25]:25: "
                    + "Connection timed out", report.describe());
        }
    }

    @Nested
    class Addressing {

        @Test
        void withoutATokenInItsOwnHeadersTheReturnedMessagesReturnPathGivesIt() throws Exception {
            String text = fixtureText("postfix-user-unknown.eml")
                    .replace("Delivered-To: bounces+c7-d1042-Kx3q9Z@", "Delivered-To: bounces@")
                    .replace("To: bounces+c7-d1042-Kx3q9Z@", "To: bounces@")
                    .replace("for <bounces+c7-d1042-Kx3q9Z@", "for <bounces@");

            BounceReport report = parser.parse(message(text), LOCAL_PART);

            assertAll(
                    () -> assertEquals(HARD, report.kind()),
                    () -> assertEquals("c7-d1042-Kx3q9Z", report.verpToken()));
        }

        @Test
        void anotherLocalPartFindsNoToken() throws Exception {
            BounceReport report = parser.parse(fixture("postfix-user-unknown.eml"), "returns");

            assertAll(
                    () -> assertEquals(HARD, report.kind()),
                    () -> assertNull(report.verpToken()),
                    () -> assertEquals("<7.1042.5b1f0c3e-2d4a-4f7e-9a61-0c8e4a2b7d13@news.herald.example>",
                            report.originalMessageId()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " "})
        void aBlankLocalPartIsTheCallersMistake(String localPart) {
            assertThrows(IllegalArgumentException.class, () -> parser.parse(fixture("auto-reply.eml"), localPart));
        }
    }

    @Nested
    class DeliveryStatusFields {

        @Test
        void aDsnWithoutStatusIsUnclassifiedButKeepsTheRecipient() throws Exception {
            BounceReport report = parser.parse(dsn("""
                    Reporting-MTA: dns; mail.herald.example

                    Final-Recipient: rfc822; ann@example.com
                    Action: failed
                    Diagnostic-Code: smtp; 550 no such user
                    """), LOCAL_PART);

            assertAll(
                    () -> assertEquals(UNCLASSIFIED, report.kind()),
                    () -> assertEquals("Action failed without a Status", report.reason()),
                    () -> assertEquals("ann@example.com", report.recipient()),
                    () -> assertEquals("t0k3n", report.verpToken()));
        }

        @Test
        void aSuccessNoticeIsUnclassified() throws Exception {
            BounceReport report = parser.parse(dsn("""
                    Reporting-MTA: dns; mail.herald.example

                    Final-Recipient: rfc822; ann@example.com
                    Action: delivered
                    Status: 2.0.0
                    """), LOCAL_PART);

            assertAll(
                    () -> assertEquals(UNCLASSIFIED, report.kind()),
                    () -> assertEquals("Action 'delivered' is not a failure", report.reason()),
                    () -> assertEquals("2.0.0", report.status()));
        }

        @Test
        void theFailedRecipientIsPickedAmongSeveral() throws Exception {
            BounceReport report = parser.parse(dsn("""
                    Reporting-MTA: dns; mail.herald.example

                    Final-Recipient: rfc822; bob@example.com
                    Action: delivered
                    Status: 2.0.0

                    Final-Recipient: rfc822; ann@example.com
                    Action: failed
                    Status: 5.1.1 (user unknown)
                    """), LOCAL_PART);

            assertEquals("HARD ann@example.com 5.1.1", report.describe());
        }

        @Test
        void originalRecipientIsTheAddressHeraldSentTo() throws Exception {
            BounceReport report = parser.parse(dsn("""
                    Reporting-MTA: dns; mail.example.com

                    Original-Recipient: rfc822; ann@example.com
                    Final-Recipient: rfc822; ann.smith@mailbox.example.com
                    Action: failed
                    Status: 5.2.1
                    """), LOCAL_PART);

            assertEquals("ann@example.com", report.recipient());
        }

        @Test
        void aDsnMissingTheBlankLineAfterItsPerMessageFieldsIsStillRead() throws Exception {
            BounceReport report = parser.parse(dsn("""
                    Reporting-MTA: dns; mail.herald.example
                    Final-Recipient: rfc822; ann@example.com
                    Action: failed
                    Status: 5.1.1
                    """), LOCAL_PART);

            assertEquals("HARD ann@example.com 5.1.1", report.describe());
        }

        @Test
        void aBase64EncodedDeliveryStatusPartIsDecodedFirst() throws Exception {
            String fields = """
                    Reporting-MTA: dns; mail.herald.example

                    Final-Recipient: rfc822; ann@example.com
                    Action: delayed
                    Status: 4.7.1
                    """;
            String encoded = Base64.getMimeEncoder().encodeToString(fields.getBytes(StandardCharsets.US_ASCII));

            BounceReport report = parser.parse(message(report("Content-Transfer-Encoding: base64\n\n" + encoded)),
                    LOCAL_PART);

            assertEquals("SOFT ann@example.com 4.7.1", report.describe());
        }
    }

    @Nested
    class Malformed {

        @Test
        void randomBytesAreUnclassifiedWithoutAnException() throws Exception {
            byte[] junk = new byte[4096];
            new Random(42).nextBytes(junk);

            BounceReport report = parser.parse(new MimeMessage(SESSION, new ByteArrayInputStream(junk)), LOCAL_PART);

            assertAll(
                    () -> assertEquals(UNCLASSIFIED, report.kind()),
                    () -> assertNotNull(report.reason()));
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {
                "",
                "not a message at all",
                "Content-Type: multipart/report\n\nno boundary parameter\n",
                "Content-Type: multipart/report; boundary=b\n\n--b\nContent-Type: message/delivery-status\n\n"
                        + "Final-Recipient: rfc822; ann@example.com\nAction: failed\n",
                "Content-Type: multipart/report; boundary=b\n\n--b\nContent-Type: message/delivery-status\n"
                        + "Content-Transfer-Encoding: base64\n\n!!!! not base64 ????\n--b--\n",
                "Content-Type: multipart/mixed; boundary=\"\n\n--\n",
                "Content-Type: ;;;\nDelivered-To: bounces+@\nTo: <bounces+",
                "Content-Type: message/delivery-status\n\n\u0000\u0001\u00ff\n\n\n:::\n",
        })
        void brokenMessagesAreUnclassifiedWithAReason(String text) throws Exception {
            BounceReport report = parser.parse(message(text), LOCAL_PART);

            assertAll(
                    () -> assertEquals(UNCLASSIFIED, report.kind(), report::describe),
                    () -> assertNotNull(report.reason()));
        }

        @Test
        void aDeliveryStatusPartTooLargeToBeRealIsRefusedUnread() throws Exception {
            String huge = "X-Padding: " + "x".repeat(ReportParts.MAX_DELIVERY_STATUS_BYTES) + "\n";

            BounceReport report = parser.parse(dsn(huge), LOCAL_PART);

            assertAll(
                    () -> assertEquals(UNCLASSIFIED, report.kind()),
                    () -> assertTrue(report.reason().startsWith("the delivery-status part cannot be read"),
                            report.reason()),
                    () -> assertEquals("t0k3n", report.verpToken()));
        }
    }

    private static MimeMessage fixture(String file) throws Exception {
        try (InputStream in = BounceParserTest.class.getResourceAsStream("/bounces/" + file)) {
            assertNotNull(in, "no fixture " + file);
            return new MimeMessage(SESSION, in);
        }
    }

    private static String fixtureText(String file) throws Exception {
        try (InputStream in = BounceParserTest.class.getResourceAsStream("/bounces/" + file)) {
            assertNotNull(in, "no fixture " + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static MimeMessage message(String text) throws Exception {
        return new MimeMessage(SESSION, new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** A minimal multipart/report to bounces+t0k3n@… whose delivery-status part holds {@code fields}. */
    private static MimeMessage dsn(String fields) throws Exception {
        return message(report("\n" + fields));
    }

    /** The report's text; {@code deliveryStatusPart} starts with the part's own headers after Content-Type. */
    private static String report(String deliveryStatusPart) {
        return """
                From: MAILER-DAEMON@mail.herald.example
                To: bounces+t0k3n@bounces.herald.example
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: text/plain

                Your message could not be delivered.
                --b
                Content-Type: message/delivery-status
                """ + deliveryStatusPart + """

                --b--
                """;
    }
}
