package io.herald.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The purge-audit step's item: the ids of up to batchSize entries to delete, and the key of the last of them. */
record PurgeBatch(List<UUID> ids, Instant lastAttemptedAt, UUID lastId) {
}
