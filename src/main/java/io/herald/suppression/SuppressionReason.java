package io.herald.suppression;

/** Why an address is suppressed: the recipient unsubscribed, a hard bounce, a spam complaint, or an operator's entry. */
public enum SuppressionReason {
    UNSUBSCRIBED, HARD_BOUNCE, COMPLAINT, MANUAL
}
