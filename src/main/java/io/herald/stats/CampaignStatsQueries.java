package io.herald.stats;

import io.herald.stats.CampaignStats.FailureReason;
import io.herald.stats.CampaignStats.Latency;
import io.herald.stats.CampaignStats.SuccessRate;
import io.herald.stats.CampaignStats.Throughput;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The campaign statistics as three aggregate queries: every figure is computed by the database, which reads the
 * campaign's rows through indexes (delivery_campaign_status, audit_entry_campaign_latency); nothing is loaded row by
 * row. docs/performance.md has their time on a campaign of 1,000,000 deliveries.
 */
@ApplicationScoped
public class CampaignStatsQueries {

    /** Statuses that end a delivery's story, the denominator of the success rate. */
    static final Set<String> FINISHED = Set.of("SENT", "FAILED", "BOUNCED", "SKIPPED", "UNKNOWN");

    static final int TOP_REASONS = 10;

    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    /** The figures of one campaign (which must exist; the resource checks). */
    public CampaignStats of(long campaignId, String campaignStatus) {
        try (Connection c = dataSource.getConnection()) {
            Map<String, Long> byStatus = new TreeMap<>();
            Throughput throughput = deliveries(c, campaignId, byStatus);
            long sent = byStatus.getOrDefault("SENT", 0L);
            long finished = byStatus.entrySet().stream().filter(e -> FINISHED.contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue).sum();
            long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
            return new CampaignStats(campaignId, campaignStatus, total, byStatus,
                    new SuccessRate(sent, finished, finished == 0 ? null : (double) sent / finished),
                    latency(c, campaignId), throughput, reasons(c, SqlDialect.of(c), campaignId),
                    CampaignStats.DEFINITIONS);
        } catch (SQLException e) {
            throw new IllegalStateException("statistics of campaign " + campaignId + " failed: " + e.getMessage(), e);
        }
    }

    /** Counts per status into byStatus, and the acceptance window, in one pass over the campaign's deliveries. */
    private static Throughput deliveries(Connection c, long campaignId, Map<String, Long> byStatus) throws SQLException {
        long accepted = 0;
        Instant first = null;
        Instant last = null;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT status, COUNT(*), COUNT(sent_at), MIN(sent_at), MAX(sent_at)
                  FROM delivery WHERE campaign_id = ? GROUP BY status""")) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byStatus.put(rs.getString(1), rs.getLong(2));
                    accepted += rs.getLong(3);
                    first = earlier(first, instant(rs, 4));
                    last = later(last, instant(rs, 5));
                }
            }
        }
        Double seconds = first == null ? null : Duration.between(first, last).toNanos() / 1e9;
        Double perSecond = accepted < 2 || seconds == null || seconds <= 0 ? null : accepted / seconds;
        return new Throughput(accepted, first, last, seconds, perSecond);
    }

    private static Latency latency(Connection c, long campaignId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT COUNT(latency_ms), AVG(CAST(latency_ms AS DOUBLE PRECISION)),
                       PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY latency_ms), MAX(latency_ms)
                  FROM audit_entry WHERE campaign_id = ? AND latency_ms IS NOT NULL""")) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long n = rs.getLong(1);
                return n == 0 ? new Latency(0, null, null, null)
                        : new Latency(n, rs.getDouble(2), rs.getDouble(3), rs.getInt(4));
            }
        }
    }

    private static List<FailureReason> reasons(Connection c, SqlDialect dialect, long campaignId) throws SQLException {
        String text = "CASE WHEN status = 'BOUNCED' THEN reason ELSE COALESCE(reply_text, reason) END";
        String sql = """
                SELECT code, enhanced, pattern, COUNT(*) AS n FROM (
                    SELECT CASE WHEN status = 'BOUNCED' THEN NULL ELSE smtp_code END AS code,
                           CASE WHEN status = 'BOUNCED' THEN NULL ELSE enhanced_code END AS enhanced,
                           %s AS pattern
                      FROM delivery WHERE campaign_id = ? AND status IN ('FAILED', 'BOUNCED')) f
                 GROUP BY code, enhanced, pattern
                 ORDER BY n DESC, code NULLS LAST, enhanced NULLS LAST, pattern NULLS LAST
                 FETCH FIRST %d ROWS ONLY""".formatted(ReasonPattern.sql(dialect, text), TOP_REASONS);
        List<FailureReason> reasons = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, campaignId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int code = rs.getInt(1);
                    reasons.add(new FailureReason(rs.wasNull() ? null : code, rs.getString(2), rs.getString(3),
                            rs.getLong(4)));
                }
            }
        }
        return reasons;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || (b != null && b.isBefore(a)) ? b : a;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }
}
