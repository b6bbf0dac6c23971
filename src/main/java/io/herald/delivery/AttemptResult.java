package io.herald.delivery;

import io.herald.mail.SmtpOutcome;
import java.time.Instant;

/** The new state of a delivery after one SMTP attempt: SENT, DEFERRED (with its next attempt), FAILED or UNKNOWN. */
public record AttemptResult(DeliveryStatus status, Integer replyCode, String enhancedCode, String replyText,
                            String reason, Instant nextAttemptAt, Instant at) {

    /** Without a first-attempt time (give-up age not applied) and with the REPORT policy for unknown outcomes. */
    public static AttemptResult of(SmtpOutcome outcome, int attempts, RetrySchedule retry, Instant now) {
        return of(outcome, attempts, null, retry, UnknownPolicy.REPORT, now);
    }

    /**
     * Decides the delivery's new state from the server's answer, the attempts made (this one included), when the
     * first attempt was, the retry schedule and the campaign's policy for messages whose fate is unknown.
     */
    public static AttemptResult of(SmtpOutcome outcome, int attempts, Instant firstAttemptAt, RetrySchedule retry,
                                   UnknownPolicy unknownPolicy, Instant now) {
        return switch (outcome.kind()) {
            case ACCEPTED -> result(DeliveryStatus.SENT, outcome, null, null, now);
            case PERMANENT, SYSTEMIC -> result(DeliveryStatus.FAILED, outcome, "rejected: " + outcome.describe(), null, now);
            case UNKNOWN -> unknownPolicy == UnknownPolicy.REPORT
                    ? result(DeliveryStatus.UNKNOWN, outcome, "unknown: " + outcome.describe()
                            + " (policy report: not sent again)", null, now)
                    : retry(outcome, attempts, firstAttemptAt, retry, now);
            case TRANSIENT -> retry(outcome, attempts, firstAttemptAt, retry, now);
        };
    }

    private static AttemptResult retry(SmtpOutcome outcome, int attempts, Instant firstAttemptAt, RetrySchedule retry,
                                       Instant now) {
        if (retry.exhausted(attempts) || retry.tooOld(firstAttemptAt, now)) {
            return result(DeliveryStatus.FAILED, outcome, "gave up after " + attempts + " attempts: " + outcome.describe(),
                    null, now);
        }
        return result(DeliveryStatus.DEFERRED, outcome, "deferred: " + outcome.describe(),
                retry.nextAttempt(attempts, now), now);
    }

    private static AttemptResult result(DeliveryStatus status, SmtpOutcome o, String reason, Instant next, Instant now) {
        return new AttemptResult(status, o.replyCode(), o.enhancedCode(), o.replyText(), reason, next, now);
    }
}
