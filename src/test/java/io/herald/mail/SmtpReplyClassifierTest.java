package io.herald.mail;

import static io.herald.mail.SmtpOutcome.Kind.ACCEPTED;
import static io.herald.mail.SmtpOutcome.Kind.PERMANENT;
import static io.herald.mail.SmtpOutcome.Kind.TRANSIENT;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What an SMTP reply, or the exception Angus Mail throws for it, means: accepted, try later, or refused for good. */
class SmtpReplyClassifierTest {

    private static final Address[] NONE = {};

    @Nested
    class ReplyCodes {

        @Test
        void a250IsAcceptedWithItsCodeAndText() {
            assertEquals(new SmtpOutcome(ACCEPTED, 250, "2.0.0", "250 2.0.0 Ok: queued as 4F2", false),
                    SmtpReplyClassifier.classifyReply(250, "250 2.0.0 Ok: queued as 4F2"));
        }

        @ParameterizedTest(name = "{0} is transient and the connection stays usable")
        @CsvSource(delimiter = '|', textBlock = """
                450 | 450 4.2.1 Mailbox temporarily unavailable
                451 | 451 4.3.0 Local error in processing
                452 | 452 4.2.2 Mailbox full
                """)
        void fourHundredRepliesAreTransientOnAnOpenConnection(int code, String reply) {
            SmtpOutcome outcome = SmtpReplyClassifier.classifyReply(code, reply);

            assertAll(
                    () -> assertEquals(TRANSIENT, outcome.kind()),
                    () -> assertEquals(code, outcome.replyCode()),
                    () -> assertEquals(reply, outcome.replyText()),
                    () -> assertFalse(outcome.connectionLost()));
        }

        @Test
        void a421IsTransientAndMeansTheServerClosedTheConnection() {
            // RFC 5321 §3.8: 421 is the server telling us it is closing the channel
            assertEquals(new SmtpOutcome(TRANSIENT, 421, "4.3.2", "421 4.3.2 Service shutting down", true),
                    SmtpReplyClassifier.classifyReply(421, "421 4.3.2 Service shutting down"));
        }

        @ParameterizedTest(name = "{0} is permanent")
        @CsvSource(delimiter = '|', textBlock = """
                550 | 550 5.1.1 <a@b.example>: User unknown
                551 | 551 5.1.6 User not local; please try <a@c.example>
                552 | 552 5.2.2 Mailbox full, over quota
                553 | 553 5.1.3 Mailbox name not allowed
                554 | 554 5.7.1 Message rejected as spam
                """)
        void fiveHundredRepliesArePermanent(int code, String reply) {
            SmtpOutcome outcome = SmtpReplyClassifier.classifyReply(code, reply);

            assertAll(
                    () -> assertEquals(PERMANENT, outcome.kind()),
                    () -> assertEquals(code, outcome.replyCode()),
                    () -> assertEquals(reply, outcome.replyText()),
                    () -> assertFalse(outcome.connectionLost()));
        }
    }

    @Nested
    class EnhancedStatusCodes {

        @ParameterizedTest(name = "\"{1}\" carries enhanced code {2}")
        @CsvSource(delimiter = '|', textBlock = """
                550 | 550 5.1.1 <a@b>: User unknown                | 5.1.1
                452 | 452 4.2.2 Mailbox full                       | 4.2.2
                250 | 250 2.0.0 Ok                                 | 2.0.0
                452 | 452-4.2.2 Mailbox full                       | 4.2.2
                550 | 550 User unknown                             |
                550 | 550 Message refused, see policy 5.7.1 online |
                """)
        void isTheRfc3463CodeRightAfterTheReplyCodeOrNothing(int code, String reply, String expected) {
            assertEquals(expected, SmtpReplyClassifier.classifyReply(code, reply).enhancedCode());
        }
    }

    @Nested
    class ReplyText {

        @Test
        void aMultiLineReplyBecomesOneLine() {
            String reply = "452-4.2.2 Mailbox full\r\n452-4.2.2 Quota exceeded\n452 4.2.2 Try again later\r\n";

            assertEquals("452-4.2.2 Mailbox full 452-4.2.2 Quota exceeded 452 4.2.2 Try again later",
                    SmtpReplyClassifier.classifyReply(452, reply).replyText());
        }

        @ParameterizedTest(name = "a very long {0} reply is cut to 1000 characters")
        @ValueSource(ints = {250, 451, 550})
        void aVeryLongReplyIsTruncatedTo1000Characters(int code) {
            String reply = code + " " + "x".repeat(5000);

            String text = SmtpReplyClassifier.classifyReply(code, reply).replyText();

            assertEquals(1000, text.length());
            assertTrue(text.startsWith(code + " xxx"), text);
        }

        @Test
        void aReplyWithoutAValidCodeIsTransientAndDropsTheConnection() {
            SmtpOutcome outcome = SmtpReplyClassifier.classifyReply(-1, "HTTP/1.1 400 Bad Request");

            assertAll(
                    () -> assertEquals(TRANSIENT, outcome.kind()),
                    () -> assertNull(outcome.replyCode()),
                    () -> assertEquals("unexpected reply: HTTP/1.1 400 Bad Request", outcome.replyText()),
                    () -> assertTrue(outcome.connectionLost()));
        }

        @Test
        void aVeryLongReplyWithoutAValidCodeIsBoundedToo() {
            String text = SmtpReplyClassifier.classifyReply(-1, "<html>" + "x".repeat(5000)).replyText();

            assertTrue(text.length() <= 1000, "reply text is " + text.length() + " characters long");
            assertTrue(text.startsWith("unexpected reply: <html>xxx"), text);
        }
    }

    @Nested
    class AngusExceptions {

        /** RCPT TO refused: Angus wraps the per-address failure in a SendFailedException "Invalid Addresses". */
        private static SendFailedException recipientRefused(int code, String serverResponse) throws Exception {
            InternetAddress rcpt = new InternetAddress("x@example.com");
            SMTPAddressFailedException failed =
                    new SMTPAddressFailedException(rcpt, "RCPT TO:<x@example.com>", code, serverResponse);
            // Angus lists a 5xx address as invalid and a 4xx address as valid but unsent
            Address[] refused = {rcpt};
            return code >= 500
                    ? new SendFailedException("Invalid Addresses", failed, NONE, NONE, refused)
                    : new SendFailedException("Invalid Addresses", failed, NONE, refused, NONE);
        }

        @Test
        void aRecipientRejectedWith550IsPermanent() throws Exception {
            // Angus keeps the server's reply as read, with its trailing newline
            SendFailedException e =
                    recipientRefused(550, "550 5.1.1 <x@example.com>: Recipient address rejected: User unknown\n");

            assertEquals(new SmtpOutcome(PERMANENT, 550, "5.1.1",
                            "550 5.1.1 <x@example.com>: Recipient address rejected: User unknown", false),
                    SmtpReplyClassifier.classify(e));
        }

        @Test
        void aRecipientDeferredWith450IsTransient() throws Exception {
            SendFailedException e = recipientRefused(450, "450 4.2.0 <x@example.com>: Recipient address rejected: "
                    + "Greylisted, see https://postgrey.example/\n");

            assertEquals(new SmtpOutcome(TRANSIENT, 450, "4.2.0", "450 4.2.0 <x@example.com>: Recipient address "
                            + "rejected: Greylisted, see https://postgrey.example/", false),
                    SmtpReplyClassifier.classify(e));
        }

        @Test
        void aMessageRejectedAfterItsDataIsPermanent() {
            // "." ends the DATA phase: that is the command a content filter answers
            SMTPSendFailedException e =
                    new SMTPSendFailedException(".", 554, "554 5.7.1 Message rejected as spam", null, null, null, null);

            assertEquals(new SmtpOutcome(PERMANENT, 554, "5.7.1", "554 5.7.1 Message rejected as spam", false),
                    SmtpReplyClassifier.classify(e));
        }

        @Test
        void aSenderDeferredWith451IsTransient() throws Exception {
            SMTPSenderFailedException e = new SMTPSenderFailedException(new InternetAddress("news@example.org"),
                    "MAIL FROM:<news@example.org>", 451, "451 4.3.0 Temporary lookup failure\n");

            assertEquals(new SmtpOutcome(TRANSIENT, 451, "4.3.0", "451 4.3.0 Temporary lookup failure", false),
                    SmtpReplyClassifier.classify(e));
        }

        @Test
        void aSenderRejectedWith553IsSystemicBecauseNoOtherMessageCanPass() throws Exception {
            // what Angus throws for MAIL FROM 5xx: the command's failure, with the sender's failure chained to it
            String response = "553 5.7.1 <news@example.org>: Sender address rejected: not owned by user\n";
            SMTPSendFailedException e =
                    new SMTPSendFailedException("MAIL FROM:<news@example.org>", 553, response, null, null, null, null);
            e.setNextException(new SMTPSenderFailedException(new InternetAddress("news@example.org"),
                    "MAIL FROM:<news@example.org>", 553, response));

            assertEquals(new SmtpOutcome(SmtpOutcome.Kind.SYSTEMIC, 553, "5.7.1",
                            "553 5.7.1 <news@example.org>: Sender address rejected: not owned by user", false),
                    SmtpReplyClassifier.classify(e));
        }

        @Test
        void authenticationRequiredAtMailFromIsSystemic() throws Exception {
            SMTPSendFailedException e = new SMTPSendFailedException("MAIL FROM:<news@example.org>", 530,
                    "530 5.7.0 Authentication required\n", null, null, null, null);

            assertEquals(SmtpOutcome.Kind.SYSTEMIC, SmtpReplyClassifier.classify(e).kind());
        }

        @Test
        void aRecipientRefusedWith550IsPermanentNotSystemic() throws Exception {
            var rcpt = new SMTPAddressFailedException(new InternetAddress("x@example.com"), "RCPT TO:<x@example.com>", 550,
                    "550 5.1.1 <x@example.com>: Recipient address rejected: User unknown");

            var outcome = SmtpReplyClassifier.classify(rcpt);
            assertEquals(PERMANENT, outcome.kind());
            assertTrue(outcome.isBadMailbox());
        }

        @Test
        void aConnectionLostAfterTheMessageWasTransmittedIsUnknown() {
            MessagingException e = new MessagingException("Exception reading response", new java.net.SocketException("Connection reset"));

            var outcome = SmtpReplyClassifier.classify(e, true);
            assertEquals(SmtpOutcome.Kind.UNKNOWN, outcome.kind());
            assertTrue(outcome.connectionLost());
            assertTrue(outcome.replyText().startsWith("connection lost after the message was sent"), outcome.replyText());
        }

        @Test
        void throttlingRepliesAreRecognised() {
            assertTrue(SmtpReplyClassifier.classifyReply(421, "421 4.7.0 Try again later, closing connection").isThrottling());
            assertTrue(SmtpReplyClassifier.classifyReply(450, "450 4.7.1 Rate limit exceeded").isThrottling());
            assertFalse(SmtpReplyClassifier.classifyReply(452, "452 4.2.2 Mailbox full").isThrottling());
        }

        @Test
        void aReadTimeoutIsTransientWithNoReplyAndALostConnection() {
            MessagingException e =
                    new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out"));

            SmtpOutcome outcome = SmtpReplyClassifier.classify(e);

            assertAll(
                    () -> assertEquals(TRANSIENT, outcome.kind()),
                    () -> assertNull(outcome.replyCode()),
                    () -> assertNull(outcome.enhancedCode()),
                    () -> assertTrue(outcome.connectionLost()),
                    () -> assertTrue(outcome.replyText().contains("Read timed out"), outcome.replyText()));
        }

        @Test
        void aResetConnectionIsTransientWithNoReplyAndALostConnection() {
            MessagingException e =
                    new MessagingException("Can't send command to SMTP host", new SocketException("Connection reset"));

            SmtpOutcome outcome = SmtpReplyClassifier.classify(e);

            assertAll(
                    () -> assertEquals(TRANSIENT, outcome.kind()),
                    () -> assertNull(outcome.replyCode()),
                    () -> assertTrue(outcome.connectionLost()),
                    () -> assertTrue(outcome.replyText().contains("Connection reset"), outcome.replyText()));
        }

        @Test
        void aRefusedConnectionIsTransientWithNoReply() {
            MailConnectException e = new MailConnectException(new SocketConnectException("Could not connect",
                    new ConnectException("Connection refused"), "127.0.0.1", 25, 1000));

            SmtpOutcome outcome = SmtpReplyClassifier.classify(e);

            assertAll(
                    () -> assertEquals(TRANSIENT, outcome.kind()),
                    () -> assertNull(outcome.replyCode()),
                    () -> assertNull(outcome.enhancedCode()),
                    () -> assertTrue(outcome.connectionLost()),
                    () -> assertTrue(outcome.replyText().contains("Connection refused"), outcome.replyText()));
        }
    }
}
