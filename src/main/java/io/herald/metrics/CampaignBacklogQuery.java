package io.herald.metrics;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Reads the campaign backlog in one query: only campaigns RUNNING or PAUSED (a handful), each with a count of its
 * unfinished deliveries that the index delivery_campaign_status (campaign_id, status) answers. Plain JDBC, no
 * transaction: it runs on the scrape's thread (WildFly's management interface), outside any EE component.
 */
@ApplicationScoped
public class CampaignBacklogQuery implements Supplier<CampaignBacklog> {

    /** A scrape must not hang on a database that does not answer. */
    static final int TIMEOUT_SECONDS = 5;

    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    @Override
    public CampaignBacklog get() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("""
                     SELECT c.id, c.status,
                            (SELECT COUNT(*) FROM delivery d
                             WHERE d.campaign_id = c.id
                               AND (d.status IN ('PENDING', 'SENDING', 'DEFERRED')
                                    OR (d.status = 'UNKNOWN' AND c.unknown_policy = 'RESEND'))) AS pending
                     FROM campaign c
                     WHERE c.status IN ('RUNNING', 'PAUSED')""")) {
            ps.setQueryTimeout(TIMEOUT_SECONDS);
            int running = 0;
            int paused = 0;
            Map<Long, Long> pending = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if ("RUNNING".equals(rs.getString(2))) {
                        running++;
                    } else {
                        paused++;
                    }
                    pending.put(rs.getLong(1), rs.getLong(3));
                }
            }
            return new CampaignBacklog(running, paused, pending);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the campaign backlog for the metrics failed: " + e.getMessage(), e);
        }
    }
}
