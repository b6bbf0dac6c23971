package io.herald.recipient.imports;

import java.time.Instant;

/** GET /imports/{id}: where the import stands; rowsRead = added + rejected, all as committed so far. */
public record ImportView(long id, long listId, String status, String statusReason, long rowsRead, long added, long rejected,
                         String file, Long executionId, Instant createdAt, Instant startedAt, Instant finishedAt) {

    static ImportView of(RecipientImport i) {
        return new ImportView(i.getId(), i.getListId(), i.getStatus().name(), i.getStatusReason(), i.getRowsRead(),
                i.getAdded(), i.getRejected(), i.isUploaded() ? i.getFileName() : i.getSource().toString(),
                i.getJobExecutionId(), i.getCreatedAt(), i.getStartedAt(), i.getFinishedAt());
    }
}
