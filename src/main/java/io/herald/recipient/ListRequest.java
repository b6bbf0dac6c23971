package io.herald.recipient;

/** Body of POST /lists: the name, and unsubscribeScope "list" (default: an unsubscribe suppresses in this list) or "all". */
public record ListRequest(String name, String unsubscribeScope) {
}
