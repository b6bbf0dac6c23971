package io.herald.audit;

import jakarta.annotation.Resource;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * Deletes each batch the reader found, in the chunk's transaction (one batch per chunk: item-count 1), so a batch
 * is deleted and its checkpoint saved together.
 */
@Named
@Dependent
public class PurgeAuditWriter extends AbstractItemWriter {

    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    /**
     * For restart drills and tests (default none): a run started afresh fails after committing this many batches,
     * as a crash or a database error would end it; its restart is not failed again.
     */
    @Inject
    @BatchProperty
    String failAfterBatches;

    private boolean fresh;
    private long written;

    @Override
    public void open(Serializable checkpoint) {
        fresh = checkpoint == null;
    }

    @Override
    public void writeItems(List<Object> items) throws SQLException {
        if (fresh && failAfterBatches != null && !failAfterBatches.isBlank()
                && written == Long.parseLong(failAfterBatches.trim())) {
            throw new IllegalStateException("failAfterBatches=" + failAfterBatches + ": failing as asked");
        }
        for (Object item : items) {
            delete((PurgeBatch) item);
        }
        written += items.size();
    }

    @Override
    public Serializable checkpointInfo() {
        return Boolean.TRUE;                           // on restart, open() sees that the run had begun before
    }

    private void delete(PurgeBatch batch) throws SQLException {
        String sql = "DELETE FROM audit_entry WHERE id IN ("
                + String.join(", ", Collections.nCopies(batch.ids().size(), "?")) + ")";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < batch.ids().size(); i++) {
                ps.setObject(i + 1, batch.ids().get(i));
            }
            ps.executeUpdate();
        }
    }
}
