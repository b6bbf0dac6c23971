package io.herald.delivery;

import static io.herald.mail.SmtpOutcome.Kind.ACCEPTED;
import static io.herald.mail.SmtpOutcome.Kind.PERMANENT;
import static io.herald.mail.SmtpOutcome.Kind.TRANSIENT;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.mail.SmtpOutcome;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What one SMTP attempt does to a delivery: SENT, DEFERRED until its next attempt, or FAILED with a reason. */
class AttemptResultTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final RetrySchedule RETRY =
            new RetrySchedule(Duration.ofSeconds(30), 5, RetrySchedule.DEFAULT_MAX_DELAY);

    private static final SmtpOutcome QUEUED =
            new SmtpOutcome(ACCEPTED, 250, "2.0.0", "250 2.0.0 Ok: queued as 4F2", false);
    private static final SmtpOutcome USER_UNKNOWN =
            new SmtpOutcome(PERMANENT, 550, "5.1.1", "550 5.1.1 <x@example.com>: User unknown", false);
    private static final SmtpOutcome MAILBOX_FULL =
            new SmtpOutcome(TRANSIENT, 452, "4.2.2", "452 4.2.2 Mailbox full", false);
    private static final SmtpOutcome TIMED_OUT = new SmtpOutcome(TRANSIENT, null, null,
            "connection lost: SocketTimeoutException: Read timed out", true);

    @Test
    void anAcceptedMessageIsSentWithNoReasonAndNoNextAttempt() {
        assertEquals(new AttemptResult(DeliveryStatus.SENT, 250, "2.0.0", "250 2.0.0 Ok: queued as 4F2",
                        null, null, NOW),
                AttemptResult.of(QUEUED, 1, RETRY, NOW));
    }

    @ParameterizedTest(name = "a permanent refusal at attempt {0} fails the delivery")
    @ValueSource(ints = {1, 3, 5})
    void aPermanentRefusalFailsAtOnceWhateverAttemptsAreLeft(int attempts) {
        assertEquals(new AttemptResult(DeliveryStatus.FAILED, 550, "5.1.1", "550 5.1.1 <x@example.com>: User unknown",
                        "rejected: 550 5.1.1 <x@example.com>: User unknown", null, NOW),
                AttemptResult.of(USER_UNKNOWN, attempts, RETRY, NOW));
    }

    @ParameterizedTest(name = "a transient failure at attempt {0} is tried again at {1}")
    @CsvSource(textBlock = """
            1, 2026-01-01T00:00:30Z
            2, 2026-01-01T00:01:00Z
            3, 2026-01-01T00:02:00Z
            4, 2026-01-01T00:04:00Z
            """)
    void aTransientFailureBeforeTheLastAttemptIsDeferredByTheSchedule(int attempts, Instant next) {
        AttemptResult result = AttemptResult.of(MAILBOX_FULL, attempts, RETRY, NOW);

        assertAll(
                () -> assertEquals(DeliveryStatus.DEFERRED, result.status()),
                () -> assertEquals(next, result.nextAttemptAt()),
                () -> assertEquals(RETRY.nextAttempt(attempts, NOW), result.nextAttemptAt()),
                () -> assertEquals(452, result.replyCode()),
                () -> assertEquals("4.2.2", result.enhancedCode()),
                () -> assertEquals("452 4.2.2 Mailbox full", result.replyText()),
                () -> assertTrue(result.reason().contains("452 4.2.2 Mailbox full"), result.reason()),
                () -> assertEquals(NOW, result.at()));
    }

    @Test
    void aTransientFailureAtTheLastAttemptGivesUp() {
        assertEquals(new AttemptResult(DeliveryStatus.FAILED, 452, "4.2.2", "452 4.2.2 Mailbox full",
                        "gave up after 5 attempts: 452 4.2.2 Mailbox full", null, NOW),
                AttemptResult.of(MAILBOX_FULL, 5, RETRY, NOW));
    }

    @Test
    void aLostConnectionWithNoReplyIsDeferred() {
        AttemptResult result = AttemptResult.of(TIMED_OUT, 1, RETRY, NOW);

        assertAll(
                () -> assertEquals(DeliveryStatus.DEFERRED, result.status()),
                () -> assertEquals(NOW.plusSeconds(30), result.nextAttemptAt()),
                () -> assertNull(result.replyCode()),
                () -> assertNull(result.enhancedCode()),
                () -> assertTrue(result.reason().contains("connection lost"), result.reason()));
    }

    @Test
    void aLostConnectionAtTheLastAttemptGivesUpAndSaysWhy() {
        AttemptResult result = AttemptResult.of(TIMED_OUT, 5, RETRY, NOW);

        assertAll(
                () -> assertEquals(DeliveryStatus.FAILED, result.status()),
                () -> assertNull(result.nextAttemptAt()),
                () -> assertEquals("gave up after 5 attempts: connection lost: SocketTimeoutException: Read timed out",
                        result.reason()));
    }

    private static final SmtpOutcome LOST_AFTER_DATA = new SmtpOutcome(SmtpOutcome.Kind.UNKNOWN, null, null,
            "connection lost after the message was sent: SocketException: Connection reset", true);

    @Test
    void anUnknownOutcomeUnderReportIsRecordedUnknownAndNeverRetried() {
        AttemptResult result = AttemptResult.of(LOST_AFTER_DATA, 1, NOW, RETRY, UnknownPolicy.REPORT, NOW);

        assertEquals(DeliveryStatus.UNKNOWN, result.status());
        assertNull(result.nextAttemptAt());
        assertTrue(result.reason().contains("policy report"), result.reason());
    }

    @Test
    void anUnknownOutcomeUnderResendIsDeferredLikeATransientFailure() {
        AttemptResult result = AttemptResult.of(LOST_AFTER_DATA, 1, NOW, RETRY, UnknownPolicy.RESEND, NOW);

        assertEquals(DeliveryStatus.DEFERRED, result.status());
        assertEquals(NOW.plusSeconds(30), result.nextAttemptAt());
    }

    @Test
    void aTransientFailurePastTheGiveUpAgeFailsEvenWithAttemptsLeft() {
        Instant firstAttempt = NOW.minus(java.time.Duration.ofDays(2));
        AttemptResult result = AttemptResult.of(MAILBOX_FULL, 2, firstAttempt, RETRY, UnknownPolicy.REPORT, NOW);

        assertEquals(DeliveryStatus.FAILED, result.status());
        assertTrue(result.reason().startsWith("gave up after 2 attempts: "), result.reason());
    }

    @Test
    void aRefusalOfTheSenderFailsTheDelivery() {
        var refused = new SmtpOutcome(SmtpOutcome.Kind.SYSTEMIC, 553, "5.7.1", "553 5.7.1 Sender address rejected", false);

        assertEquals(DeliveryStatus.FAILED, AttemptResult.of(refused, 1, NOW, RETRY, UnknownPolicy.REPORT, NOW).status());
    }
}
