package io.herald.delivery;

/**
 * Where one recipient's message stands: PENDING → SENDING → SENT | DEFERRED | FAILED | SKIPPED | UNKNOWN.
 * SENDING is written (and committed) before the SMTP transaction starts, so a row found in SENDING when a job
 * execution starts was interrupted by a crash: it becomes UNKNOWN, as does a message whose connection died after
 * it was transmitted. DEFERRED rows go back to SENDING when their next attempt is due; UNKNOWN rows do only
 * under the campaign's RESEND policy. CANCELLED: the campaign was cancelled before this message was sent.
 * BOUNCED: the message went out (SENT, or UNKNOWN) and a hard bounce (5.x.x) came back for it later, recorded by
 * the process-bounces job (io.herald.bounce); final, like SENT.
 */
public enum DeliveryStatus {
    PENDING, SENDING, SENT, DEFERRED, FAILED, SKIPPED, UNKNOWN, CANCELLED, BOUNCED;

    /** Statuses the send step picks up (DEFERRED only once its next attempt is due). */
    public boolean isSendable() {
        return this == PENDING || this == DEFERRED;
    }
}
