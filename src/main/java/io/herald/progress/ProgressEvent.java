package io.herald.progress;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.Map;

/**
 * The data of a "progress" server-sent event: a campaign's status, its delivery counts (every status), total, done
 * (deliveries in a final status), progress (done / total), rate (messages SENT per second over the last 10 s), its
 * last error, and when it was read.
 */
@JsonbNillable                       // statusReason and lastError are written as null, not left out
public record ProgressEvent(long id, String status, String statusReason, Map<String, Long> counts, long total,
                            long done, double progress, double rate, String lastError, Instant at) {

    /** The same event without its time: two events with equal states say the same. */
    State state() {
        return new State(status, statusReason, counts, rate, lastError);
    }

    record State(String status, String statusReason, Map<String, Long> counts, double rate, String lastError) {
    }

    /** Whether the campaign will change no more: COMPLETED, CANCELLED or FAILED (a FAILED one waits for an operator). */
    boolean isFinal() {
        return status.equals("COMPLETED") || status.equals("CANCELLED") || status.equals("FAILED");
    }
}
