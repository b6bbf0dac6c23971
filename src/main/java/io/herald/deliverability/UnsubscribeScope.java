package io.herald.deliverability;

/**
 * What a recipient chose on the unsubscribe page: LIST, this list only (the address is suppressed in the list), or
 * ALL, everything from this sender (every list holding the address, and suppressed in every list).
 */
public enum UnsubscribeScope {
    LIST, ALL
}
