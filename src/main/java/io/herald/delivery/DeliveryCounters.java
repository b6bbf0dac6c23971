package io.herald.delivery;

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
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The per-status delivery counts of each campaign (table delivery_counter, see V13): moved by exactly what each status
 * change of the delivery table changed, in the same transaction, and read with one small query instead of counting
 * the delivery table. Each writer has its own rows (a send partition: {@link #partition}; the API and the timers:
 * {@link #API}), so concurrent writers do not queue on one row; a count is the sum over the senders.
 */
@ApplicationScoped
public class DeliveryCounters {

    /** The sender key of every writer that is not a send partition: the API, the bounce and unsubscribe handlers. */
    public static final int API = 0;

    /** Herald's JTA datasource: a connection taken inside a transaction is enlisted in it. */
    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    /**
     * The sender key of send partition {@code index} (0-based) on the node with id {@code node} (herald_node.id):
     * node × 1000 + index + 1, so that the nodes of a cluster sending one campaign do not queue on each other's rows.
     */
    public static int partition(int node, int index) {
        return node * 1000 + index + 1;
    }

    /** Status changes of one sender, gathered before they are applied in one go: per (campaign, status) a delta. */
    public static final class Changes {
        private final int sender;
        private final Map<Key, Delta> deltas = new HashMap<>();

        public Changes(int sender) {
            this.sender = sender;
        }

        /** n deliveries of the campaign went from one status to another (n = the rows the update changed). */
        public Changes move(long campaignId, DeliveryStatus from, DeliveryStatus to, long n) {
            if (n != 0 && from != to) {
                add(campaignId, from, -n);
                add(campaignId, to, n);
            }
            return this;
        }

        /** n deliveries of the campaign were created in this status (or, n negative, deleted). */
        public Changes add(long campaignId, DeliveryStatus status, long n) {
            if (n != 0) {
                delta(campaignId, status).n += n;
            }
            return this;
        }

        /** Also records the campaign's latest error (a reply or reason) on the status it led to. */
        public Changes error(long campaignId, DeliveryStatus status, String text, Instant at) {
            Delta d = delta(campaignId, status);
            if (text != null && (d.errorAt == null || !at.isBefore(d.errorAt))) {
                d.error = text.length() > 2000 ? text.substring(0, 2000) : text;
                d.errorAt = at;
            }
            return this;
        }

        private Delta delta(long campaignId, DeliveryStatus status) {
            return deltas.computeIfAbsent(new Key(campaignId, status.name()), k -> new Delta());
        }
    }

    private record Key(long campaignId, String status) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(campaignId, o.campaignId);
            return c != 0 ? c : status.compareTo(o.status);
        }
    }

    private static final class Delta {
        long n;
        String error;
        Instant errorAt;
    }

    /** What a campaign's counter rows say: deliveries per status (every status present), and its latest error. */
    public record Counts(Map<String, Long> byStatus, String lastError, Instant lastErrorAt) {

        static final List<DeliveryStatus> DONE = List.of(DeliveryStatus.SENT, DeliveryStatus.FAILED,
                DeliveryStatus.SKIPPED, DeliveryStatus.UNKNOWN, DeliveryStatus.CANCELLED, DeliveryStatus.BOUNCED);

        public static Counts none() {
            return new Counts(zeros(), null, null);
        }

        public long total() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Deliveries in a final status: SENT, FAILED, SKIPPED, UNKNOWN, CANCELLED, BOUNCED. */
        public long done() {
            return DONE.stream().mapToLong(s -> byStatus.getOrDefault(s.name(), 0L)).sum();
        }

        /** done / total, 0 when there is no delivery. */
        public double progress() {
            long total = total();
            return total == 0 ? 0 : (double) done() / total;
        }
    }

    /**
     * Applies the changes in the caller's transaction, which made them: per (campaign, status) one conditional
     * UPDATE of the sender's row (in key order, so two writers never wait on each other crosswise), and an INSERT
     * for a row that does not exist yet.
     */
    @Transactional(TxType.MANDATORY)
    public void apply(Changes changes) {
        List<Map.Entry<Key, Delta>> entries = new ArrayList<>(changes.deltas.entrySet());
        entries.removeIf(e -> e.getValue().n == 0 && e.getValue().error == null);
        if (entries.isEmpty()) {
            return;
        }
        entries.sort(Map.Entry.comparingByKey());
        jdbc(c -> {
            List<Map.Entry<Key, Delta>> missing = new ArrayList<>();
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE delivery_counter SET deliveries = deliveries + ?,
                           last_error = COALESCE(?, last_error), last_error_at = COALESCE(?, last_error_at)
                    WHERE campaign_id = ? AND sender = ? AND status = ?""")) {
                for (var e : entries) {
                    update.setLong(1, e.getValue().n);
                    update.setString(2, e.getValue().error);
                    update.setObject(3, time(e.getValue().errorAt), Types.TIMESTAMP_WITH_TIMEZONE);
                    update.setLong(4, e.getKey().campaignId());
                    update.setInt(5, changes.sender);
                    update.setString(6, e.getKey().status());
                    update.addBatch();
                }
                int[] updated = update.executeBatch();
                for (int i = 0; i < updated.length; i++) {
                    if (updated[i] == 0) {
                        missing.add(entries.get(i));
                    }
                }
            }
            if (!missing.isEmpty()) {
                try (PreparedStatement insert = c.prepareStatement("""
                        INSERT INTO delivery_counter (campaign_id, sender, status, deliveries, last_error, last_error_at)
                        VALUES (?, ?, ?, ?, ?, ?)""")) {
                    for (var e : missing) {
                        insert.setLong(1, e.getKey().campaignId());
                        insert.setInt(2, changes.sender);
                        insert.setString(3, e.getKey().status());
                        insert.setLong(4, e.getValue().n);
                        insert.setString(5, e.getValue().error);
                        insert.setObject(6, time(e.getValue().errorAt), Types.TIMESTAMP_WITH_TIMEZONE);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
        });
    }

    /** Shorthand for one move of one campaign by one sender, in the caller's transaction. */
    @Transactional(TxType.MANDATORY)
    public void move(long campaignId, int sender, DeliveryStatus from, DeliveryStatus to, long n) {
        apply(new Changes(sender).move(campaignId, from, to, n));
    }

    /**
     * Creates the rows of senders {@code first..last} of the campaign that do not exist yet, with 0, before those
     * senders write: done where no other writer of these senders runs (the prepare step for the API's sender, the
     * partition mapper for the partitions'), so the writers only ever update and never race to insert.
     */
    @Transactional
    public void open(long campaignId, int first, int last) {
        jdbc(c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO delivery_counter (campaign_id, sender, status, deliveries)
                    SELECT ?, ?, ?, 0
                    WHERE NOT EXISTS (SELECT 1 FROM delivery_counter
                                      WHERE campaign_id = ? AND sender = ? AND status = ?)""")) {
                for (int sender = first; sender <= last; sender++) {
                    for (DeliveryStatus s : DeliveryStatus.values()) {
                        insert.setLong(1, campaignId);
                        insert.setInt(2, sender);
                        insert.setString(3, s.name());
                        insert.setLong(4, campaignId);
                        insert.setInt(5, sender);
                        insert.setString(6, s.name());
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
        });
    }

    /** Removes a deleted campaign's counter rows, in the caller's transaction. */
    @Transactional(TxType.MANDATORY)
    public void forget(long campaignId) {
        jdbc(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM delivery_counter WHERE campaign_id = ?")) {
                delete.setLong(1, campaignId);
                delete.executeUpdate();
            }
        });
    }

    /** The campaign's counts, from its counter rows. */
    public Counts counts(long campaignId) {
        return counts(List.of(campaignId)).get(campaignId);
    }

    /** The counts of each campaign (one query for all; a campaign without deliveries has zeros), in the order given. */
    public Map<Long, Counts> counts(Collection<Long> campaignIds) {
        Map<Long, Counts> all = new LinkedHashMap<>();
        campaignIds.forEach(id -> all.put(id, Counts.none()));
        if (campaignIds.isEmpty()) {
            return all;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(campaignIds.size(), "?"));
        jdbc(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT campaign_id, status, deliveries, last_error,"
                    + " last_error_at FROM delivery_counter WHERE campaign_id IN (" + marks + ")")) {
                int i = 1;
                for (long id : campaignIds) {
                    query.setLong(i++, id);
                }
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        Counts before = all.get(id);
                        before.byStatus().merge(rs.getString(2), rs.getLong(3), Long::sum);
                        OffsetDateTime at = rs.getObject(5, OffsetDateTime.class);
                        if (at != null && (before.lastErrorAt() == null || at.toInstant().isAfter(before.lastErrorAt()))) {
                            all.put(id, new Counts(before.byStatus(), rs.getString(4), at.toInstant()));
                        }
                    }
                }
            }
        });
        return all;
    }

    /** The campaign's counts by status counted on the delivery table (every status present): what the counters must equal. */
    public Map<String, Long> recount(long campaignId) {
        Map<String, Long> counts = zeros();
        jdbc(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT status, COUNT(*) FROM delivery WHERE campaign_id = ? GROUP BY status")) {
                query.setLong(1, campaignId);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        counts.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
        });
        return counts;
    }

    private static Map<String, Long> zeros() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (DeliveryStatus s : DeliveryStatus.values()) {
            counts.put(s.name(), 0L);
        }
        return counts;
    }

    private interface Work {
        void execute(Connection connection) throws SQLException;
    }

    private void jdbc(Work work) {
        try (Connection connection = dataSource.getConnection()) {
            work.execute(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("delivery counters: " + e.getMessage(), e);
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
