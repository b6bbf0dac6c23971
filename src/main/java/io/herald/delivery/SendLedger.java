package io.herald.delivery;

import io.herald.recipient.Recipient;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/**
 * The send step's hot path on the delivery table: the claims, outcomes and skips of a group of messages, each as
 * one JDBC batch in its own transaction (not one query per message). The rules are DeliveryStore's: every change is
 * conditional on the row's status, and what was sent is committed whatever happens to the chunk around it. Each
 * batch moves the campaign's counters (DeliveryCounters) of the sending partition by the rows it changed, in its
 * transaction.
 */
@ApplicationScoped
public class SendLedger {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SendLedger.class);

    /** Herald's JTA datasource: a connection taken inside a transaction is enlisted in it. */
    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    @Inject
    DeliveryCounters counters;

    /**
     * Who writes: the campaign sent, the counter rows of the partition sending it (DeliveryCounters.partition), and
     * the reservation it holds its deliveries by (DeliveryReservations: claim_owner).
     */
    public record Sender(long campaignId, int counterKey, long owner) {
    }

    /** A delivery to claim for an attempt: its status when read, and the Message-ID the attempt uses. */
    public record Claim(DeliveryItem delivery, String messageId) {
    }

    /** The outcome of one attempt on a claimed (SENDING) delivery, with its audit entry. */
    public record Attempt(long deliveryId, AttemptResult result, AuditEntry audit) {
    }

    /** A delivery that will never be sent, and why. */
    public record Skip(DeliveryItem delivery, String reason) {
    }

    /**
     * Claims each delivery whose status is still what was read and that the sender still holds: SENDING, the attempt
     * counted, the Message-ID fixed. Returns, per claim, whether it was claimed (false when an operator changed the
     * row, or the sender's node was taken for dead and its reservations released).
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean[] claim(Sender sender, List<Claim> claims, Instant now) {
        boolean[] claimed = new boolean[claims.size()];
        if (claims.isEmpty()) {
            return claimed;
        }
        var changes = new DeliveryCounters.Changes(sender.counterKey());
        jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE delivery SET status = 'SENDING', attempts = attempts + 1, message_id = ?,
                                        first_attempt_at = COALESCE(first_attempt_at, ?), updated_at = ?
                    WHERE id = ? AND status = ? AND claim_owner = ?""")) {
                for (Claim claim : claims) {
                    ps.setString(1, claim.messageId());
                    ps.setObject(2, time(now));
                    ps.setObject(3, time(now));
                    ps.setLong(4, claim.delivery().id());
                    ps.setString(5, claim.delivery().status().name());
                    ps.setLong(6, sender.owner());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    claimed[i] = counts[i] == 1;
                    changes.move(sender.campaignId(), claims.get(i).delivery().status(), DeliveryStatus.SENDING, counts[i]);
                }
            }
        });
        counters.apply(changes);
        return claimed;
    }

    /**
     * Gives claimed deliveries that were not attempted (the group was cut short: an outage, a stop, the sender
     * refused) back their status, attempt count and first-attempt time, as if never claimed, and free for any
     * partition or node to take.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void release(Sender sender, List<Claim> claims, Instant now) {
        if (claims.isEmpty()) {
            return;
        }
        var changes = new DeliveryCounters.Changes(sender.counterKey());
        jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE delivery SET status = ?, attempts = attempts - 1, first_attempt_at = ?, updated_at = ?,
                                        claim_node = NULL, claim_owner = NULL
                    WHERE id = ? AND status = 'SENDING' AND claim_owner = ?""")) {
                for (Claim claim : claims) {
                    ps.setString(1, claim.delivery().status().name());
                    ps.setObject(2, time(claim.delivery().firstAttemptAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                    ps.setObject(3, time(now));
                    ps.setLong(4, claim.delivery().id());
                    ps.setLong(5, sender.owner());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    changes.move(sender.campaignId(), DeliveryStatus.SENDING, claims.get(i).delivery().status(), counts[i]);
                }
            }
        });
        counters.apply(changes);
    }

    /**
     * Records the end of each attempt on its SENDING row, which it frees, and its audit entry, all in one transaction.
     * A row the sender no longer holds (its node was taken for dead meanwhile, and the row made UNKNOWN) keeps what
     * the recovery made of it; the attempt stays in the audit log.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void record(Sender sender, List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        var changes = new DeliveryCounters.Changes(sender.counterKey());
        jdbc(c -> {
            try (PreparedStatement update = c.prepareStatement("""
                         UPDATE delivery SET status = ?, smtp_code = ?, enhanced_code = ?, reply_text = ?, reason = ?,
                                             next_attempt_at = ?, sent_at = ?, updated_at = ?,
                                             claim_node = NULL, claim_owner = NULL
                         WHERE id = ? AND status = 'SENDING' AND claim_owner = ?""");
                 PreparedStatement audit = c.prepareStatement("""
                         INSERT INTO audit_entry (id, delivery_id, campaign_id, message_id, mail_from, rcpt_to,
                                                  attempted_at, smtp_server, reply_code, enhanced_code, reply_text,
                                                  outcome, node_name, latency_ms, rcpt_key, account)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (Attempt a : attempts) {
                    AttemptResult r = a.result();
                    update.setString(1, r.status().name());
                    setInteger(update, 2, r.replyCode());
                    update.setString(3, r.enhancedCode());
                    update.setString(4, r.replyText());
                    update.setString(5, r.reason());
                    update.setObject(6, time(r.nextAttemptAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                    update.setObject(7, r.status() == DeliveryStatus.SENT ? time(r.at()) : null, Types.TIMESTAMP_WITH_TIMEZONE);
                    update.setObject(8, time(r.at()));
                    update.setLong(9, a.deliveryId());
                    update.setLong(10, sender.owner());
                    update.addBatch();
                    AuditEntry e = a.audit();
                    audit.setObject(1, e.getId());
                    audit.setLong(2, e.getDeliveryId());
                    audit.setLong(3, e.getCampaignId());
                    audit.setString(4, e.getMessageId());
                    audit.setString(5, e.getMailFrom());
                    audit.setString(6, e.getRcptTo());
                    audit.setObject(7, time(e.getAttemptedAt()));
                    audit.setString(8, e.getSmtpServer());
                    setInteger(audit, 9, e.getReplyCode());
                    audit.setString(10, e.getEnhancedCode());
                    audit.setString(11, e.getReplyText());
                    audit.setString(12, e.getOutcome());
                    audit.setString(13, e.getNodeName());
                    setInteger(audit, 14, e.getLatencyMs());
                    audit.setString(15, Recipient.keyOf(e.getRcptTo()));    // GET /audit?address= matches on it
                    audit.setString(16, e.getAccount());
                    audit.addBatch();
                }
                int[] counts = update.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 0) {
                        LOG.warnf("delivery %d was taken from this node while its message was being sent (the node"
                                + " was taken for dead); its attempt is in the audit log only", attempts.get(i).deliveryId());
                        continue;
                    }
                    AttemptResult r = attempts.get(i).result();
                    changes.move(sender.campaignId(), DeliveryStatus.SENDING, r.status(), 1);
                    if (r.status() != DeliveryStatus.SENT) {
                        changes.error(sender.campaignId(), r.status(), r.reason(), r.at());
                    }
                }
                audit.executeBatch();
            }
        });
        counters.apply(changes);
    }

    /**
     * Marks deliveries that will never be sent (invalid address, render error) SKIPPED with their reason; returns how
     * many were (a row whose status changed meanwhile is left alone).
     */
    @Transactional(TxType.REQUIRES_NEW)
    public int skip(Sender sender, List<Skip> skips, Instant now) {
        if (skips.isEmpty()) {
            return 0;
        }
        int[] skipped = {0};
        var changes = new DeliveryCounters.Changes(sender.counterKey());
        jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE delivery SET status = 'SKIPPED', reason = ?, updated_at = ?, claim_node = NULL, claim_owner = NULL
                    WHERE id = ? AND status = ? AND claim_owner = ?""")) {
                for (Skip s : skips) {
                    ps.setString(1, s.reason());
                    ps.setObject(2, time(now));
                    ps.setLong(3, s.delivery().id());
                    ps.setString(4, s.delivery().status().name());
                    ps.setLong(5, sender.owner());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    int n = counts[i] == Statement.SUCCESS_NO_INFO ? 1 : counts[i];
                    skipped[0] += n;
                    changes.move(sender.campaignId(), skips.get(i).delivery().status(), DeliveryStatus.SKIPPED, n);
                }
            }
        });
        counters.apply(changes);
        return skipped[0];
    }

    private interface Work {
        void execute(Connection connection) throws SQLException;
    }

    /** Runs JDBC on a connection enlisted in the current transaction. */
    private void jdbc(Work work) {
        try (Connection connection = dataSource.getConnection()) {
            work.execute(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("recording deliveries failed: " + e.getMessage(), e);
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }
}
