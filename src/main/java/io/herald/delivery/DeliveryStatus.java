package io.herald.delivery;

/**
 * Where one recipient's message stands: PENDING → SENDING → SENT | DEFERRED | FAILED | SKIPPED.
 * SENDING is written (and committed) before the SMTP transaction starts, so a row left in SENDING after a
 * crash is exactly a message whose fate is unknown. DEFERRED rows go back to SENDING when their next attempt
 * is due.
 */
public enum DeliveryStatus {
    PENDING, SENDING, SENT, DEFERRED, FAILED, SKIPPED;

    /** Statuses the send step picks up (DEFERRED only once its next attempt is due). */
    public boolean isSendable() {
        return this == PENDING || this == DEFERRED;
    }
}
