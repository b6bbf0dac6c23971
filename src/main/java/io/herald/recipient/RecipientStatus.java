package io.herald.recipient;

/** Whether a recipient may be mailed: only ACTIVE recipients get deliveries. */
public enum RecipientStatus {
    ACTIVE, UNSUBSCRIBED, BOUNCED
}
