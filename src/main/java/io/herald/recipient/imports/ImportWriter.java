package io.herald.recipient.imports;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

/**
 * Adds a chunk's accepted rows to the list and records every rejection (the processor's, and the addresses already in
 * the list or earlier in the file) and the import's counts, through ImportLedger: all in the chunk's transaction, with
 * the reader's checkpoint, so a restart neither adds nor reports a row twice.
 */
@Named
@Dependent
public class ImportWriter extends AbstractItemWriter {

    @Inject
    JobContext jobContext;

    @Inject
    ImportStore store;

    @Inject
    ImportLedger ledger;

    @Inject
    Clock clock;

    private long importId;
    private long listId;

    @Override
    public void open(Serializable checkpoint) {
        importId = ImportRecipientsJob.importId(jobContext);
        listId = store.find(importId).getListId();
    }

    @Override
    public void writeItems(List<Object> items) throws SQLException {
        ledger.write(importId, listId, items.stream().map(ImportRow.class::cast).toList(), clock.instant());
    }
}
