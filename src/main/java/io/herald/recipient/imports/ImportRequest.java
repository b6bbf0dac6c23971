package io.herald.recipient.imports;

/** Body of POST /lists/{id}/imports for a file already on the server: {"path": "/srv/lists/customers.csv"}. */
public record ImportRequest(String path) {
}
