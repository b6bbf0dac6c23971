package io.herald.delivery;

import io.herald.mail.SmtpOutcome;
import java.time.Instant;

/** The new state of a delivery after one SMTP attempt: SENT, DEFERRED (with its next attempt) or FAILED. */
public record AttemptResult(DeliveryStatus status, Integer replyCode, String enhancedCode, String replyText,
                            String reason, Instant nextAttemptAt, Instant at) {

    /** Decides SENT, DEFERRED or FAILED from the server's answer, the attempts made and the retry schedule. */
    public static AttemptResult of(SmtpOutcome outcome, int attempts, RetrySchedule retry, Instant now) {
        return switch (outcome.kind()) {
            case ACCEPTED -> new AttemptResult(DeliveryStatus.SENT, outcome.replyCode(), outcome.enhancedCode(),
                    outcome.replyText(), null, null, now);
            case PERMANENT -> new AttemptResult(DeliveryStatus.FAILED, outcome.replyCode(), outcome.enhancedCode(),
                    outcome.replyText(), "rejected: " + outcome.describe(), null, now);
            case TRANSIENT -> retry.exhausted(attempts)
                    ? new AttemptResult(DeliveryStatus.FAILED, outcome.replyCode(), outcome.enhancedCode(),
                            outcome.replyText(), "gave up after " + attempts + " attempts: " + outcome.describe(), null, now)
                    : new AttemptResult(DeliveryStatus.DEFERRED, outcome.replyCode(), outcome.enhancedCode(),
                            outcome.replyText(), "deferred: " + outcome.describe(), retry.nextAttempt(attempts, now), now);
        };
    }
}
