package io.herald.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * <li>a duplicate's deliveries move to the kept recipient, except in a campaign the kept one has a delivery in too
 *     (the person was mailed twice, the defect being fixed): that delivery row stays, with its address, status,
 *     replies and audit entries, detached from any recipient (recipient_id NULL, as erasure leaves deliveries); if
 *     it was still to be sent (PENDING, DEFERRED) it becomes SKIPPED with the reason, counted in delivery_counter;</li>
 * <li>bounce events of a duplicate point at the kept recipient; the duplicate row is deleted.</li>
 * </ul>
 * Each merge is logged with both addresses; the merged lists' recipient_count rows are counted again.
 */
final class RecipientMerge {

    static final String REASON = "merged: the same address as recipient %d (case-insensitive addresses)";

    private static final Logger LOG = Logger.getLogger(RecipientMerge.class);

    private RecipientMerge() {
    }

    private record Member(long id, String email, String status, int softBounces) {
    }

    /** Merges every group of one list and key; returns how many recipients were merged into another. */
    static long mergeAll(Connection c) throws SQLException {
        List<Object[]> groups = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT list_id, email_key FROM recipient GROUP BY list_id, email_key HAVING COUNT(*) > 1");
             ResultSet r = q.executeQuery()) {
            while (r.next()) {
                groups.add(new Object[] {r.getLong(1), r.getString(2)});
            }
        }
        long merged = 0;
        Set<Long> lists = new TreeSet<>();
        for (Object[] g : groups) {
            merged += merge(c, (Long) g[0], (String) g[1]);
            lists.add((Long) g[0]);
        }
        for (long listId : lists) {         // the merged lists' recipient_count rows, counted again
            update(c, "UPDATE recipient_count SET n = (SELECT COUNT(*) FROM recipient r WHERE r.list_id ="
                    + " recipient_count.list_id AND r.status = recipient_count.status) WHERE list_id = ?", listId);
        }
        return merged;
    }

    private static int merge(Connection c, long listId, String key) throws SQLException {
        List<Member> members = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT id, email, status, soft_bounces FROM recipient"
                + " WHERE list_id = ? AND email_key = ? ORDER BY created_at, id")) {
            q.setLong(1, listId);
            q.setString(2, key);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    members.add(new Member(r.getLong(1), r.getString(2), r.getString(3), r.getInt(4)));
                }
            }
        }
        Member kept = members.get(0);
        String status = kept.status();
        int softBounces = kept.softBounces();
        for (Member dup : members.subList(1, members.size())) {
            moveDeliveries(c, dup.id(), kept.id());
            update(c, "UPDATE bounce_event SET recipient_id = ? WHERE recipient_id = ?", kept.id(), dup.id());
            update(c, "DELETE FROM recipient WHERE id = ?", dup.id());
            status = stricter(status, dup.status());
            softBounces = Math.max(softBounces, dup.softBounces());
            LOG.infof("Recipient %d (%s) of list %d merged into recipient %d (%s): the same address", dup.id(),
                    dup.email(), listId, kept.id(), kept.email());
        }
        try (PreparedStatement u = c.prepareStatement("UPDATE recipient SET status = ?, soft_bounces = ? WHERE id = ?")) {
            u.setString(1, status);
            u.setInt(2, softBounces);
            u.setLong(3, kept.id());
            u.executeUpdate();
        }
        return members.size() - 1;
    }

    private static void moveDeliveries(Connection c, long dup, long kept) throws SQLException {
        update(c, "UPDATE delivery SET recipient_id = ? WHERE recipient_id = ? AND campaign_id NOT IN"
                + " (SELECT k.campaign_id FROM delivery k WHERE k.recipient_id = ?)", kept, dup, kept);
        for (String status : List.of("PENDING", "DEFERRED")) {
            try (PreparedStatement q = c.prepareStatement("SELECT campaign_id, COUNT(*) FROM delivery"
                    + " WHERE recipient_id = ? AND status = ? GROUP BY campaign_id")) {
                q.setLong(1, dup);
                q.setString(2, status);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        moveCounter(c, r.getLong(1), status, "SKIPPED", r.getLong(2));
                    }
                }
            }
        }
        try (PreparedStatement u = c.prepareStatement("UPDATE delivery SET status = 'SKIPPED', reason = ?,"
                + " next_attempt_at = NULL WHERE recipient_id = ? AND status IN ('PENDING', 'DEFERRED')")) {
            u.setString(1, String.format(REASON, kept));
            u.setLong(2, dup);
            u.executeUpdate();
        }
        update(c, "UPDATE delivery SET recipient_id = NULL WHERE recipient_id = ?", dup);
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

    private static void update(Connection c, String sql, long... values) throws SQLException {
        try (PreparedStatement u = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                u.setLong(i + 1, values[i]);
            }
            u.executeUpdate();
        }
    }
}
