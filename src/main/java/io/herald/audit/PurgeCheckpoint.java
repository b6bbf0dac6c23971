package io.herald.audit;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * Where a purge-audit run stands: the cutoff it deletes before (fixed at the run's first start, so a restart deletes
 * the rest of what the run was asked to delete and nothing newer), the key of the last entry of the last committed
 * batch (null before the first) and how many entries it has deleted.
 */
record PurgeCheckpoint(Instant cutoff, Instant lastAttemptedAt, UUID lastId, long deleted) implements Serializable {

    PurgeCheckpoint after(PurgeBatch batch) {
        return new PurgeCheckpoint(cutoff, batch.lastAttemptedAt(), batch.lastId(), deleted + batch.ids().size());
    }
}
