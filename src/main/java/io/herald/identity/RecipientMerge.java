package io.herald.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Merges the recipients of one list that share a key (after AddressRekey) into the oldest of them, losing no history:
 * <ul>
 * <li>the oldest row (created_at, then id) is kept with its address, name and attributes; it takes the strictest
 *     status of the group (UNSUBSCRIBED over BOUNCED over ACTIVE: consent is never widened) and the most soft
 *     bounces;</li>
 * <li>a duplicate's deliveries move to the kept recipient, except in a campaign the kept one (or an older duplicate
 *     of it) has a delivery in too (the person was mailed twice, the defect being fixed): that delivery row stays,
 *     with its address, status, replies and audit entries, detached from any recipient (recipient_id NULL, as erasure
 *     leaves deliveries); if it was still to be sent (PENDING, DEFERRED) it becomes SKIPPED with the reason, counted
 *     in delivery_counter;</li>
 * <li>bounce events of a duplicate point at the kept recipient; the duplicate row is deleted.</li>
 * </ul>
 * Set-based: the groups are read in one query and written to the scratch table recipient_merge (duplicate → kept,
 * and its order among the group), then each step above is one statement over every group at once, the same SQL on
 * H2 and PostgreSQL; only the kept rows' status is a batch, one row per group. Each merge is logged with both
 * addresses; the merged lists' recipient_count rows are counted again.
 */
final class RecipientMerge {

    static final String REASON = "merged: the same address as recipient %d (case-insensitive addresses)";

    private static final Logger LOG = Logger.getLogger(RecipientMerge.class);

    /** The duplicates of this run (WHERE ... IN DUPS). */
    private static final String DUPS = "(SELECT m.dup_id FROM recipient_merge m)";
    /** The kept recipient of the delivery's recipient, a duplicate. */
    private static final String KEPT_OF_DELIVERY = "(SELECT m.kept_id FROM recipient_merge m WHERE m.dup_id = delivery.recipient_id)";

    private RecipientMerge() {
    }

    private record Member(long id, long listId, String key, String email, String status, int softBounces) {
    }

    /** A group's kept recipient and what it takes from its duplicates. */
    private record Kept(Member member, String status, int softBounces) {
    }

    /** Merges every group of one list and key; returns how many recipients were merged into another. */
    static long mergeAll(Connection c) throws SQLException {
        List<Member> members = groupMembers(c);
        if (members.isEmpty()) {
            return 0;
        }
        update(c, "DELETE FROM recipient_merge");
        List<Kept> kept = new ArrayList<>();
        Set<Long> lists = new TreeSet<>();
        long merged = 0;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO recipient_merge (dup_id, kept_id, seq) VALUES (?, ?, ?)")) {
            Kept group = null;
            int seq = 0;
            for (Member m : members) {
                if (group == null || group.member().listId() != m.listId() || !group.member().key().equals(m.key())) {
                    if (group != null) {
                        kept.add(group);
                    }
                    group = new Kept(m, m.status(), m.softBounces());
                    seq = 0;
                    lists.add(m.listId());
                    continue;
                }
                insert.setLong(1, m.id());
                insert.setLong(2, group.member().id());
                insert.setInt(3, ++seq);
                insert.addBatch();
                group = new Kept(group.member(), stricter(group.status(), m.status()), Math.max(group.softBounces(), m.softBounces()));
                merged++;
                LOG.infof("Recipient %d (%s) of list %d merged into recipient %d (%s): the same address", m.id(),
                        m.email(), m.listId(), group.member().id(), group.member().email());
            }
            kept.add(group);
            insert.executeBatch();
        }
        moveDeliveries(c);
        update(c, "UPDATE bounce_event SET recipient_id = (SELECT m.kept_id FROM recipient_merge m"
                + " WHERE m.dup_id = bounce_event.recipient_id) WHERE recipient_id IN " + DUPS);
        update(c, "DELETE FROM recipient WHERE id IN " + DUPS);
        try (PreparedStatement u = c.prepareStatement("UPDATE recipient SET status = ?, soft_bounces = ? WHERE id = ?")) {
            for (Kept k : kept) {
                u.setString(1, k.status());
                u.setInt(2, k.softBounces());
                u.setLong(3, k.member().id());
                u.addBatch();
            }
            u.executeBatch();
        }
        update(c, "DELETE FROM recipient_merge");
        for (long listId : lists) {         // the merged lists' recipient_count rows, counted again
            try (PreparedStatement u = c.prepareStatement("UPDATE recipient_count SET n = (SELECT COUNT(*) FROM recipient r"
                    + " WHERE r.list_id = recipient_count.list_id AND r.status = recipient_count.status) WHERE list_id = ?")) {
                u.setLong(1, listId);
                u.executeUpdate();
            }
        }
        return merged;
    }

    /** Every recipient of a group (a list and key held by more than one), by list, key, created_at and id. */
    private static List<Member> groupMembers(Connection c) throws SQLException {
        List<Member> members = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("""
                SELECT r.id, r.list_id, r.email_key, r.email, r.status, r.soft_bounces FROM recipient r
                JOIN (SELECT list_id, email_key FROM recipient GROUP BY list_id, email_key HAVING COUNT(*) > 1) g
                  ON g.list_id = r.list_id AND g.email_key = r.email_key
                ORDER BY r.list_id, r.email_key, r.created_at, r.id""");
             ResultSet r = q.executeQuery()) {
            while (r.next()) {
                members.add(new Member(r.getLong(1), r.getLong(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getInt(6)));
            }
        }
        return members;
    }

    /**
     * A duplicate's delivery moves to its kept recipient unless the kept one has a delivery in that campaign, or an
     * older duplicate of the same group has one (that one moves); what stays is SKIPPED if still to be sent, then
     * detached.
     */
    private static void moveDeliveries(Connection c) throws SQLException {
        update(c, "UPDATE delivery SET recipient_id = " + KEPT_OF_DELIVERY + " WHERE recipient_id IN " + DUPS + " " + """
                 AND NOT EXISTS (SELECT 1 FROM recipient_merge m JOIN delivery k ON k.recipient_id = m.kept_id
                                 WHERE m.dup_id = delivery.recipient_id AND k.campaign_id = delivery.campaign_id)
                 AND NOT EXISTS (SELECT 1 FROM recipient_merge m
                                 JOIN recipient_merge e ON e.kept_id = m.kept_id AND e.seq < m.seq
                                 JOIN delivery x ON x.recipient_id = e.dup_id
                                 WHERE m.dup_id = delivery.recipient_id AND x.campaign_id = delivery.campaign_id)""");
        List<Object[]> unsent = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT campaign_id, status, COUNT(*) FROM delivery"
                + " WHERE recipient_id IN " + DUPS + " AND status IN ('PENDING', 'DEFERRED') GROUP BY campaign_id, status");
             ResultSet r = q.executeQuery()) {
            while (r.next()) {
                unsent.add(new Object[] {r.getLong(1), r.getString(2), r.getLong(3)});
            }
        }
        for (Object[] u : unsent) {
            moveCounter(c, (Long) u[0], (String) u[1], "SKIPPED", (Long) u[2]);
        }
        String[] reason = REASON.split("%d");
        update(c, "UPDATE delivery SET status = 'SKIPPED', next_attempt_at = NULL, reason = (SELECT '" + reason[0]
                + "' || CAST(m.kept_id AS VARCHAR(20)) || '" + reason[1] + "' FROM recipient_merge m"
                + " WHERE m.dup_id = delivery.recipient_id) WHERE recipient_id IN " + DUPS
                + " AND status IN ('PENDING', 'DEFERRED')");
        update(c, "UPDATE delivery SET recipient_id = NULL WHERE recipient_id IN " + DUPS);
    }

    /** delivery_counter: n deliveries of the campaign moved between statuses, on sender 0 (the API's). */
    private static void moveCounter(Connection c, long campaignId, String from, String to, long n) throws SQLException {
        for (Object[] change : List.of(new Object[] {from, -n}, new Object[] {to, n})) {
            try (PreparedStatement u = c.prepareStatement("UPDATE delivery_counter SET deliveries = deliveries + ?"
                    + " WHERE campaign_id = ? AND sender = 0 AND status = ?")) {
                u.setLong(1, (Long) change[1]);
                u.setLong(2, campaignId);
                u.setString(3, (String) change[0]);
                if (u.executeUpdate() == 0) {
                    try (PreparedStatement i = c.prepareStatement("INSERT INTO delivery_counter"
                            + " (campaign_id, sender, status, deliveries) VALUES (?, 0, ?, ?)")) {
                        i.setLong(1, campaignId);
                        i.setString(2, (String) change[0]);
                        i.setLong(3, (Long) change[1]);
                        i.executeUpdate();
                    }
                }
            }
        }
    }

    /** UNSUBSCRIBED over BOUNCED over ACTIVE. */
    static String stricter(String a, String b) {
        for (String s : List.of("UNSUBSCRIBED", "BOUNCED")) {
            if (s.equals(a) || s.equals(b)) {
                return s;
            }
        }
        return a;
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }
}
