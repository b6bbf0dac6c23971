package io.herald.delivery;

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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Skips the unsent deliveries of some recipients in every campaign that has them (an unsubscribe, a suppression, an
 * erasure), in the caller's transaction: one conditional UPDATE per campaign and from-status, so the counters of
 * each campaign move by exactly what each changed.
 */
@ApplicationScoped
public class UnsentSkips {

    /** What "unsent" means for a cancel, an unsubscribe or a suppression: PENDING, DEFERRED, UNKNOWN. */
    public static final Set<DeliveryStatus> UNSENT = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.of(DeliveryStatus.PENDING, DeliveryStatus.DEFERRED, DeliveryStatus.UNKNOWN));

    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    @Inject
    DeliveryCounters counters;

    /**
     * The deliveries in one of {@code from} whose recipient_id is among {@code recipientIds} (an SQL query of
     * recipient ids, its parameters in order) become SKIPPED with the reason; returns how many.
     */
    @Transactional(TxType.MANDATORY)
    public int skip(String recipientIds, List<Object> params, Set<DeliveryStatus> from, String reason, Instant now) {
        String statuses = String.join(", ", from.stream().map(s -> "'" + s.name() + "'").toList());
        var changes = new DeliveryCounters.Changes(DeliveryCounters.API);
        int skipped = 0;
        try (Connection c = dataSource.getConnection()) {
            List<Long> campaigns = new ArrayList<>();
            try (PreparedStatement query = c.prepareStatement("SELECT DISTINCT campaign_id FROM delivery WHERE status IN ("
                    + statuses + ") AND recipient_id IN (" + recipientIds + ") ORDER BY campaign_id")) {
                bind(query, 1, params);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        campaigns.add(rs.getLong(1));
                    }
                }
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE delivery SET status = 'SKIPPED', reason = ?,"
                    + " updated_at = ? WHERE campaign_id = ? AND status = ? AND recipient_id IN (" + recipientIds + ")")) {
                for (long campaignId : campaigns) {
                    for (DeliveryStatus status : from) {
                        update.setString(1, reason);
                        update.setObject(2, now.atOffset(ZoneOffset.UTC));
                        update.setLong(3, campaignId);
                        update.setString(4, status.name());
                        bind(update, 5, params);
                        int n = update.executeUpdate();
                        changes.move(campaignId, status, DeliveryStatus.SKIPPED, n);
                        skipped += n;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("skipping unsent deliveries failed: " + e.getMessage(), e);
        }
        counters.apply(changes);
        return skipped;
    }

    private static void bind(PreparedStatement statement, int first, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(first + i, params.get(i));
        }
    }
}
