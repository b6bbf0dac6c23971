package io.herald.recipient.imports;

import io.herald.recipient.AddRecipientsResult;
import io.herald.recipient.RecipientService;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds a chunk's accepted rows to the list through RecipientService.addBatch (the rules of POST /lists/{id}/recipients:
 * address, name, attributes; the chunk's addresses already in the list are found in one query, so a duplicate is a
 * rejection, never a failed chunk), then records every rejection and the import's counts. All in the chunk's
 * transaction, with the reader's checkpoint: a restart neither adds nor reports a row twice.
 */
@Named
@Dependent
public class ImportWriter extends AbstractItemWriter {

    /** How a duplicate within the chunk is described: "email x appears earlier in this file". */
    private static final String ORIGIN = "this file";

    @Inject
    JobContext jobContext;

    @Inject
    ImportStore store;

    @Inject
    RecipientService recipients;

    private long importId;
    private long listId;

    @Override
    public void open(Serializable checkpoint) {
        importId = ImportRecipientsJob.importId(jobContext);
        listId = store.find(importId).getListId();
    }

    @Override
    public void writeItems(List<Object> items) {
        write(items.stream().map(ImportRow.class::cast).toList());
    }

    private void write(List<ImportRow> rows) {
        List<ImportRow> candidates = rows.stream().filter(ImportRow::isAccepted).toList();
        AddRecipientsResult result = recipients.addBatch(listId, candidates.stream().map(ImportRow::entry).toList(), ORIGIN);
        List<ImportRejection> rejections = new ArrayList<>();
        for (ImportRow row : rows) {
            if (!row.isAccepted()) {
                rejections.add(new ImportRejection(importId, row.line(), row.raw(), row.reason()));
            }
        }
        for (AddRecipientsResult.Rejection r : result.rejected()) {
            ImportRow row = candidates.get(r.index());
            rejections.add(new ImportRejection(importId, row.line(), row.raw(), r.reason()));
        }
        store.recordChunk(importId, rows.size(), result.added(), rejections);
    }
}
