package io.herald.suppression;

/** Body of POST /suppressions: the address, the list it applies to (none = every list), why (default MANUAL), a note. */
public record SuppressionRequest(String address, Long listId, String reason, String note) {
}
