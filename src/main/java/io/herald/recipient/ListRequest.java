package io.herald.recipient;

/** Body of POST /lists. */
public record ListRequest(String name) {
}
