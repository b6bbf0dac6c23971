package io.herald.audit;

import io.herald.platform.ApiException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Reads the audit log (table audit_entry) for the API, oldest first (attempted_at, then id): one page at a time, or
 * every matching entry streamed as CSV. With an address the database walks audit_entry_rcpt_key (rcpt_key,
 * attempted_at); with only a time range, audit_entry_attempted (attempted_at, id).
 */
@ApplicationScoped
public class AuditLog {

    static final int MAX_PAGE_SIZE = 1000;

    /** Rows fetched per round trip while exporting: the export holds this many in memory, not the whole log. */
    static final int EXPORT_FETCH_SIZE = 500;

    private static final String COLUMNS = "id, attempted_at, campaign_id, delivery_id, message_id, mail_from, rcpt_to,"
            + " smtp_server, reply_code, enhanced_code, reply_text, outcome, latency_ms, node_name, kind, account";

    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    /** One page; 400 naming the parameter when page or size is out of range. */
    public AuditPage page(AuditFilter filter, int page, int size) {
        if (page < 0) {
            throw ApiException.badRequest("page", "page must be 0 or more, not " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.badRequest("size", "size must be between 1 and " + MAX_PAGE_SIZE + ", not " + size);
        }
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = prepare(c, "SELECT COUNT(*) FROM audit_entry" + filter.where(), filter)) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<AuditEntryView> items = new ArrayList<>();
            try (PreparedStatement ps = prepare(c, select(filter) + " OFFSET " + (long) page * size
                    + " ROWS FETCH NEXT " + size + " ROWS ONLY", filter)) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(view(rs));
                    }
                }
            }
            return new AuditPage(page, size, total, items);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the audit log failed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes the header and every matching entry as CSV. The rows are read with a cursor (auto-commit off, which
     * PostgreSQL's driver needs to fetch in pieces) and written as they come.
     */
    public void export(AuditFilter filter, Writer out) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = prepare(c, select(filter), filter)) {
                ps.setFetchSize(EXPORT_FETCH_SIZE);
                out.write(CsvCells.record(AuditEntryView.COLUMNS));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.write(CsvCells.record(view(rs).cells()));
                    }
                }
            } finally {
                c.rollback();                                    // read only: nothing to keep
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IOException("exporting the audit log failed: " + e.getMessage(), e);
        }
        out.flush();
    }

    private static String select(AuditFilter filter) {
        return "SELECT " + COLUMNS + " FROM audit_entry" + filter.where() + " ORDER BY attempted_at, id";
    }

    private static PreparedStatement prepare(Connection c, String sql, AuditFilter filter) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        List<Object> params = filter.params();
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
        return ps;
    }

    private static AuditEntryView view(ResultSet rs) throws SQLException {
        return new AuditEntryView(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class).toInstant(),
                rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                integer(rs, 9), rs.getString(10), rs.getString(11), rs.getString(12), integer(rs, 13),
                rs.getString(14), rs.getString(15), rs.getString(16));
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
