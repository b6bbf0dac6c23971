package io.herald.progress;

import io.herald.delivery.DeliveryCounters;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Reads the progress of campaigns for the event streams: their status (one query on campaign) and their counts
 * (one query on the delivery counters), whatever the number of campaigns; keeps each campaign's send-rate samples.
 */
@ApplicationScoped
public class ProgressSnapshots {

    /** What GET /campaigns/events follows: running, paused, and drafts with a schedule (their next due time set). */
    private static final String ACTIVE = "status IN ('RUNNING', 'PAUSED') OR (status = 'DRAFT' AND next_due_at IS NOT NULL)";

    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    @Inject
    DeliveryCounters counters;

    private final Map<Long, SendRate> rates = new ConcurrentHashMap<>();

    /** The events of one read, by campaign id, and which of those campaigns are active. */
    public record Snapshot(Map<Long, ProgressEvent> events, Set<Long> active) {
    }

    /**
     * The events of the campaigns named (those that exist) and, when {@code withActive}, of every active campaign;
     * each samples its send rate.
     */
    public Snapshot read(Collection<Long> ids, boolean withActive, Instant now) {
        Map<Long, CampaignRow> campaigns = statuses(ids, withActive);
        Map<Long, ProgressEvent> events = new LinkedHashMap<>();
        Set<Long> active = new HashSet<>();
        counters.counts(campaigns.keySet()).forEach((id, counts) -> {
            CampaignRow row = campaigns.get(id);
            if (row.active()) {
                active.add(id);
            }
            double rate = rates.computeIfAbsent(id, k -> new SendRate()).sample(now, counts.byStatus().get("SENT"));
            events.put(id, new ProgressEvent(id, row.status(), row.reason(), counts.byStatus(), counts.total(), counts.done(),
                    counts.progress(), rate, counts.lastError(), now));
        });
        return new Snapshot(events, active);
    }

    /** Forgets the rate samples of campaigns no stream follows any more. */
    public void retain(Collection<Long> followed) {
        rates.keySet().retainAll(followed);
    }

    private record CampaignRow(String status, String reason, boolean active) {
    }

    private Map<Long, CampaignRow> statuses(Collection<Long> ids, boolean withActive) {
        StringBuilder where = new StringBuilder();
        if (!ids.isEmpty()) {
            where.append("id IN (").append(String.join(", ", java.util.Collections.nCopies(ids.size(), "?"))).append(")");
        }
        if (withActive) {
            where.append(where.isEmpty() ? "" : " OR ").append(ACTIVE);
        }
        Map<Long, CampaignRow> found = new LinkedHashMap<>();
        if (where.isEmpty()) {
            return found;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement query = c.prepareStatement("SELECT id, status, status_reason, CASE WHEN " + ACTIVE
                     + " THEN 1 ELSE 0 END FROM campaign WHERE "
                     + where + " ORDER BY id")) {
            int i = 1;
            for (long id : ids) {
                query.setLong(i++, id);
            }
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getLong(1), new CampaignRow(rs.getString(2), rs.getString(3), rs.getInt(4) == 1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading campaign progress failed: " + e.getMessage(), e);
        }
        return found;
    }
}
