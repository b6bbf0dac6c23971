package io.herald.audit;

import jakarta.annotation.Resource;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Reads the audit entries older than the cutoff a batch at a time, oldest first, by keyset on (attempted_at, id)
 * (index audit_entry_attempted): each query starts after the last entry of the batch before, so it never walks
 * over entries already deleted. The cutoff (now - retention) is fixed at the run's first start and kept in the
 * checkpoint; a restarted run goes on from its last committed batch with the same cutoff.
 */
@Named
@Dependent
public class PurgeAuditReader extends AbstractItemReader {

    private static final Logger LOG = Logger.getLogger(PurgeAuditReader.class);

    @Inject
    JobContext jobContext;

    @Inject
    Clock clock;

    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    /** The instant the retention counts back from (ISO-8601), for tests and catch-up runs; default: the clock. */
    @Inject
    @BatchProperty
    String now;

    /** Days to keep (default: herald.audit.retention-days, HERALD_AUDIT_RETENTION_DAYS, 180). */
    @Inject
    @BatchProperty
    String retentionDays;

    /** Entries deleted per transaction (default 1000 in purge-audit.xml): short transactions, short locks. */
    @Inject
    @BatchProperty
    String batchSize;

    private PurgeCheckpoint position;
    private int limit;

    @Override
    public void open(Serializable checkpoint) {
        limit = Integer.parseInt(batchSize.trim());
        if (checkpoint != null) {
            position = (PurgeCheckpoint) checkpoint;
            LOG.infof("%s goes on after %s, %d entries deleted so far, cutoff %s", PurgeAuditJob.NAME,
                    position.lastAttemptedAt(), position.deleted(), position.cutoff());
            return;
        }
        Instant from = now == null || now.isBlank() ? clock.instant() : Instant.parse(now.trim());
        int days = retentionDays == null || retentionDays.isBlank()
                ? AuditRetention.fromSystemProperties().days() : new AuditRetention(Integer.parseInt(retentionDays.trim())).days();
        position = new PurgeCheckpoint(from.minus(Duration.ofDays(days)), null, null, 0);
        LOG.infof("%s deletes the audit entries attempted before %s (%d days before %s)", PurgeAuditJob.NAME,
                position.cutoff(), days, from);
    }

    @Override
    public Object readItem() throws SQLException {
        PurgeBatch batch = next();
        if (batch == null) {
            jobContext.setExitStatus("deleted " + position.deleted() + " audit entries attempted before "
                    + position.cutoff());
            return null;
        }
        position = position.after(batch);
        return batch;
    }

    @Override
    public Serializable checkpointInfo() {
        return position;
    }

    private PurgeBatch next() throws SQLException {
        boolean first = position.lastId() == null;
        String sql = "SELECT id, attempted_at FROM audit_entry WHERE attempted_at < ?"
                + (first ? "" : " AND (attempted_at, id) > (?, ?)")
                + " ORDER BY attempted_at, id FETCH FIRST " + limit + " ROWS ONLY";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, position.cutoff().atOffset(ZoneOffset.UTC));
            if (!first) {
                ps.setObject(2, position.lastAttemptedAt().atOffset(ZoneOffset.UTC));
                ps.setObject(3, position.lastId());
            }
            List<UUID> ids = new ArrayList<>(limit);
            Instant last = null;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                    last = rs.getObject(2, OffsetDateTime.class).toInstant();
                }
            }
            return ids.isEmpty() ? null : new PurgeBatch(ids, last, ids.get(ids.size() - 1));
        }
    }
}
