package io.herald.suppression;

/**
 * Why an address is suppressed: the recipient unsubscribed, a hard bounce, a spam complaint, an operator's entry, or
 * the person was erased (DELETE /people/{address}: the entry holds the address's keyed hash, see AddressHash).
 */
public enum SuppressionReason {
    UNSUBSCRIBED, HARD_BOUNCE, COMPLAINT, MANUAL, ERASED
}
