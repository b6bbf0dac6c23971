package io.herald.recipient.imports;

/** Answer of POST /lists/{id}/imports and /imports/{id}/restart: the import and the job execution that runs it. */
public record ImportStarted(long id, long executionId) {
}
