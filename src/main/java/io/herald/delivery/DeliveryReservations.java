package io.herald.delivery;

import io.herald.recipient.AttributesConverter;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The send step's reservations: a page of deliveries for one send partition, found, locked, marked with their owner
 * and loaded with their recipients in plain JDBC on one connection (the hot path of DeliveryReader: once per page).
 */
@ApplicationScoped
public class DeliveryReservations {

    /** Herald's JTA datasource: a connection taken inside a transaction is enlisted in it. */
    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    /**
     * Reserves for one send partition (owner, on this node) up to {@code size} of the campaign's deliveries that
     * nobody holds and that are to be sent now (PENDING, DEFERRED and due, UNKNOWN under RESEND), with id after
     * {@code afterId}, in id order, and returns them. The rows are locked with FOR UPDATE SKIP LOCKED, so partitions
     * and nodes reserving at the same moment take different rows and never wait on each other, and marked with the
     * owner (claim_node, claim_owner) before the locks go, in a transaction of their own. Only the owner then claims
     * them for sending (SendLedger); DeliveryStore.release gives back what it did not send.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public List<DeliveryItem> reserve(long campaignId, String node, long owner, long afterId, Instant now, int size,
                                      UnknownPolicy unknownPolicy) {
        try (Connection connection = dataSource.getConnection()) {
            return reserve(connection, new Page(campaignId, afterId, now, size, unknownPolicy), node, owner);
        } catch (SQLException e) {
            throw new IllegalStateException("reserving deliveries of campaign " + campaignId + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** Which rows a reservation looks for: the campaign's, after afterId, to be sent at now, at most size. */
    record Page(long campaignId, long afterId, Instant now, int size, UnknownPolicy unknownPolicy) {
    }

    /**
     * The condition on delivery d that it is to be sent now: PENDING, DEFERRED and due at the parameter {@code now}
     * (its placeholder: "?" or "?2"), UNKNOWN too under RESEND. The one place of this rule (DeliveryStore.available
     * asks it too).
     */
    static String ready(UnknownPolicy unknownPolicy, String now) {
        return "(d.status IN " + (unknownPolicy == UnknownPolicy.RESEND ? "('PENDING', 'UNKNOWN')" : "('PENDING')")
                + " OR (d.status = 'DEFERRED' AND d.next_attempt_at <= " + now + "))";
    }

    /**
     * The reservation's SQL on a connection in the caller's transaction, which must commit before the locks go. Two
     * steps, because H2 (2.2.224) reads every remaining row of the campaign for a {@code FOR UPDATE} query on an index
     * other than the primary key, and locks each that matches, before it applies FETCH FIRST (docs/performance.md,
     * "The reservation query"): first the ids of the next rows to take, without locks, read in the order of the index
     * (campaign_id, id), which stops after the page; then those rows by id, with FOR UPDATE SKIP LOCKED, which reads
     * only them, locks them and checks the condition again on what it locked. Rows another partition locked meanwhile
     * are skipped: the next ids are looked up until the page is full or the campaign has none left.
     */
    static List<DeliveryItem> reserve(Connection connection, Page page, String node, long owner) throws SQLException {
        var locking = new Locking(connection, page);
        List<Row> rows = new ArrayList<>();
        long after = page.afterId();
        while (rows.size() < page.size()) {
            int wanted = page.size() - rows.size();
            List<Long> ids = next(connection, page, after, wanted);
            if (ids.isEmpty()) {
                break;
            }
            rows.addAll(locking.lock(ids));
            if (ids.size() < wanted) {
                break;                                       // the campaign has no more rows to take after these
            }
            after = ids.get(ids.size() - 1);
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        claim(connection, rows, node, owner, page.size());
        return items(rows);
    }

    /** The ids of the next rows to take after {@code after}, up to {@code wanted}, in id order, without locks. */
    private static List<Long> next(Connection connection, Page page, long after, int wanted) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT d.id FROM delivery d
                WHERE d.campaign_id = ? AND d.id > ? AND d.claim_owner IS NULL AND """ + ready(page.unknownPolicy(), "?")
                + """

                ORDER BY d.campaign_id, d.id
                FETCH FIRST ? ROWS ONLY""")) {
            ps.setLong(1, page.campaignId());
            ps.setLong(2, after);
            ps.setObject(3, time(page.now()));
            ps.setInt(4, wanted);
            List<Long> ids = new ArrayList<>(wanted);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    /** One locked delivery row and its recipient's columns (null when its recipient was erased). */
    private record Row(long id, DeliveryStatus status, int attempts, Instant firstAttemptAt, String messageId,
                       Long recipientId, String email, String name, String attributes) {
    }

    /**
     * Locks rows by id with SKIP LOCKED, keeping those still to be taken, and reads them with their recipient: the
     * page's size in placeholders, the ids then nulls, so the statement's text is the same for every page. The
     * recipient is outer-joined, which both databases leave unlocked (PostgreSQL is told so with OF d, which H2 does
     * not know).
     */
    private static final class Locking {

        private final Connection connection;
        private final Page page;
        private final String sql;

        Locking(Connection connection, Page page) throws SQLException {
            this.connection = connection;
            this.page = page;
            boolean postgresql = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)
                    .contains("postgresql");
            this.sql = """
                    SELECT d.id, d.status, d.attempts, d.first_attempt_at, d.message_id, r.id, r.email, r.name,
                           r.attributes
                    FROM delivery d LEFT JOIN recipient r ON r.id = d.recipient_id
                    WHERE d.id IN (""" + placeholders(page.size()) + ") AND d.campaign_id = ? AND d.claim_owner IS NULL"
                    + " AND " + ready(page.unknownPolicy(), "?")
                    + " ORDER BY d.id FOR UPDATE" + (postgresql ? " OF d" : "") + " SKIP LOCKED";
        }

        List<Row> lock(List<Long> ids) throws SQLException {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                setIds(ps, 1, ids, page.size());
                ps.setLong(page.size() + 1, page.campaignId());
                ps.setObject(page.size() + 2, time(page.now()));
                List<Row> rows = new ArrayList<>(ids.size());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        OffsetDateTime first = rs.getObject(4, OffsetDateTime.class);
                        Long recipientId = rs.getObject(6, Long.class);
                        rows.add(new Row(rs.getLong(1), DeliveryStatus.valueOf(rs.getString(2)), rs.getInt(3),
                                first == null ? null : first.toInstant(), rs.getString(5),
                                recipientId, rs.getString(7), rs.getString(8), rs.getString(9)));
                    }
                }
                return rows;
            }
        }
    }

    /** Marks the locked rows with their owner, in one statement of the page's size (see Locking). */
    private static void claim(Connection connection, List<Row> rows, String node, long owner, int size)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "UPDATE delivery SET claim_node = ?, claim_owner = ? WHERE id IN (" + placeholders(size) + ")")) {
            ps.setString(1, node);
            ps.setLong(2, owner);
            setIds(ps, 3, rows.stream().map(Row::id).toList(), size);
            ps.executeUpdate();
        }
    }

    /**
     * The page as the send step reads it, in id order (each lookup's rows come after the previous one's): a row whose
     * recipient was erased is reserved (and given back at release) but not returned, as the inner join of the JPA
     * query this replaces did.
     */
    private static List<DeliveryItem> items(List<Row> rows) {
        List<DeliveryItem> items = new ArrayList<>(rows.size());
        for (Row r : rows) {
            if (r.recipientId() != null) {
                items.add(new DeliveryItem(r.id(), r.status(), r.attempts(), r.firstAttemptAt(), r.messageId(),
                        r.recipientId(), r.email(), r.name(), AttributesConverter.fromJson(r.attributes())));
            }
        }
        return Collections.unmodifiableList(items);
    }

    /** Sets size parameters from index first on: the ids, then nulls (which match no row). */
    private static void setIds(PreparedStatement ps, int first, List<Long> ids, int size) throws SQLException {
        for (int i = 0; i < size; i++) {
            if (i < ids.size()) {
                ps.setLong(first + i, ids.get(i));
            } else {
                ps.setNull(first + i, Types.BIGINT);
            }
        }
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
