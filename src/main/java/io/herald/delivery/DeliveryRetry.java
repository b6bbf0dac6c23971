package io.herald.delivery;

import io.herald.recipient.Recipient;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Puts a completed campaign's FAILED or UNKNOWN deliveries back to PENDING for a retry, in the caller's transaction:
 * one update per status (the counters move by what each changed), the attempt count and schedule reset so the
 * campaign's retry policy applies afresh (the last reply stays until the next attempt replaces it; the audit log
 * keeps every earlier attempt), and one audit entry per delivery, outcome RETRY, naming who asked.
 */
@ApplicationScoped
public class DeliveryRetry {

    /** The statuses a retry may send again. */
    public static final Set<DeliveryStatus> RETRYABLE = Set.of(DeliveryStatus.FAILED, DeliveryStatus.UNKNOWN);
    static final String OUTCOME = "RETRY";

    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    @Inject
    DeliveryCounters counters;

    /** Requeues the campaign's deliveries in those statuses (a subset of RETRYABLE); returns how many. */
    @Transactional(TxType.MANDATORY)
    public int requeue(long campaignId, Set<DeliveryStatus> statuses, String user, String mailFrom, Instant now) {
        if (!RETRYABLE.containsAll(statuses)) {
            throw new IllegalArgumentException("only " + RETRYABLE + " deliveries are retried, not " + statuses);
        }
        String reason = "retry asked by " + user;
        var changes = new DeliveryCounters.Changes(DeliveryCounters.API);
        int requeued = 0;
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE delivery SET status = 'PENDING', attempts = 0, first_attempt_at = NULL,
                                        next_attempt_at = NULL, reason = ?, updated_at = ?
                    WHERE campaign_id = ? AND status = ?""")) {
                for (DeliveryStatus status : statuses) {
                    update.setString(1, reason);
                    update.setObject(2, time(now));
                    update.setLong(3, campaignId);
                    update.setString(4, status.name());
                    int n = update.executeUpdate();
                    changes.move(campaignId, status, DeliveryStatus.PENDING, n);
                    requeued += n;
                }
            }
            if (requeued > 0) {
                audit(c, campaignId, mailFrom, "retry of " + statuses.stream().sorted().toList() + " deliveries asked by "
                        + user, now);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the retry failed and changed nothing: " + e.getMessage(), e);
        }
        counters.apply(changes);
        return requeued;
    }

    /** An audit entry per requeued delivery: the campaign was COMPLETED, so its PENDING ones are exactly those. */
    private static void audit(Connection c, long campaignId, String mailFrom, String text, Instant now) throws SQLException {
        String node = System.getProperty("jboss.node.name", "unknown");
        try (PreparedStatement query = c.prepareStatement(
                "SELECT id, email, message_id FROM delivery WHERE campaign_id = ? AND status = 'PENDING' ORDER BY id");
             PreparedStatement insert = c.prepareStatement("""
                     INSERT INTO audit_entry (id, delivery_id, campaign_id, message_id, mail_from, rcpt_to, attempted_at,
                                              smtp_server, reply_text, outcome, node_name, rcpt_key)
                     VALUES (?, ?, ?, ?, ?, ?, ?, '-', ?, ?, ?, ?)""")) {
            query.setLong(1, campaignId);
            int batched = 0;
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setLong(2, rs.getLong(1));
                    insert.setLong(3, campaignId);
                    insert.setString(4, rs.getString(3));
                    insert.setString(5, mailFrom);
                    insert.setString(6, rs.getString(2));
                    insert.setObject(7, time(now));
                    insert.setString(8, text);
                    insert.setString(9, OUTCOME);
                    insert.setString(10, node);
                    insert.setString(11, Recipient.keyOf(rs.getString(2)));
                    insert.addBatch();
                    if (++batched % 500 == 0) {
                        insert.executeBatch();
                    }
                }
            }
            insert.executeBatch();
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
