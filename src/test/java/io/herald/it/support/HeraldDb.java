package io.herald.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads Herald's database directly (H2 through AUTO_SERVER, or PostgreSQL): what the tests assert on. */
public final class HeraldDb {

    private final String url = System.getProperty("it.db.url");
    private final String user = System.getProperty("it.db.user");
    private final String password = System.getProperty("it.db.password", "");

    /** Runs a query whose parameters are given in order and returns every row as column → value. */
    public List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(url, user, password == null ? "" : password);
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(), rs.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** A single number: the first column of the first row. */
    public long number(String sql, Object... params) {
        Object v = rows(sql, params).get(0).values().iterator().next();
        return ((Number) v).longValue();
    }

    /** Runs an insert or update (tests use it only to bring in rows that other tools could have written). */
    public int update(String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(url, user, password == null ? "" : password);
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("update failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** Row counts of every Herald table, to prove that a refused request changed nothing. */
    public Map<String, Long> tableCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("template", "template_asset", "recipient_list", "recipient", "campaign",
                "delivery", "audit_entry")) {
            counts.put(table, number("SELECT COUNT(*) FROM " + table));
        }
        return counts;
    }

    /**
     * The campaign's counts per status as its delivery counters hold them (the sum over the senders) next to the
     * delivery table's, read by ONE statement so both are of the same moment even while the campaign sends:
     * status → [counter, count] for every status that either has.
     */
    public Map<String, List<Long>> countersAndCounts(long campaignId) {
        Map<String, List<Long>> both = new LinkedHashMap<>();
        for (var row : rows("""
                SELECT s.status,
                       (SELECT COALESCE(SUM(c.deliveries), 0) FROM delivery_counter c
                        WHERE c.campaign_id = ? AND c.status = s.status) AS counted,
                       (SELECT COUNT(*) FROM delivery d WHERE d.campaign_id = ? AND d.status = s.status) AS actual
                FROM (SELECT DISTINCT status FROM delivery_counter WHERE campaign_id = ?
                      UNION SELECT DISTINCT status FROM delivery WHERE campaign_id = ?) s""",
                campaignId, campaignId, campaignId, campaignId)) {
            long counted = ((Number) row.get("counted")).longValue();
            long actual = ((Number) row.get("actual")).longValue();
            if (counted != 0 || actual != 0) {
                both.put((String) row.get("status"), List.of(counted, actual));
            }
        }
        return both;
    }

    /**
     * The list's recipient_count rows next to a count of its recipients, by status, in one statement: status →
     * [counter, count] for every status.
     */
    public Map<String, List<Long>> recipientCountersAndCounts(long listId) {
        Map<String, List<Long>> both = new LinkedHashMap<>();
        for (var row : rows("""
                SELECT s.status, s.n AS counted,
                       (SELECT COUNT(*) FROM recipient r WHERE r.list_id = s.list_id AND r.status = s.status) AS actual
                FROM recipient_count s WHERE s.list_id = ? ORDER BY s.status""", listId)) {
            both.put((String) row.get("status"), List.of(((Number) row.get("counted")).longValue(),
                    ((Number) row.get("actual")).longValue()));
        }
        return both;
    }

    /** The campaign's deliveries per status, from the delivery table. */
    public Map<String, Long> deliveryCounts(long campaignId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (var row : rows("SELECT status, COUNT(*) AS n FROM delivery WHERE campaign_id = ? GROUP BY status", campaignId)) {
            counts.put((String) row.get("status"), ((Number) row.get("n")).longValue());
        }
        return counts;
    }
}
