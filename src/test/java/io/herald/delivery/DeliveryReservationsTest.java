package io.herald.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a reservation takes and leaves in the database (H2 with Herald's migrations): the campaign's rows to be sent now
 * after the given id, in id order, marked with their owner, with their recipient's address, name and attributes; rows
 * another partition locks at the same moment are skipped, never waited for, and rows after the page stay free.
 */
class DeliveryReservationsTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final long OWNER = 7001;

    private String url;
    private Connection db;
    private long listId;
    private long campaignId;

    @BeforeEach
    void database() throws SQLException {
        url = "jdbc:h2:mem:reserve-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000";
        Flyway.configure().dataSource(url, "sa", "sa").locations("classpath:db/migration").load().migrate();
        db = DriverManager.getConnection(url, "sa", "sa");
        long templateId = insert("INSERT INTO template (name, subject, text_body, created_at)"
                + " VALUES ('t', 's', 'b', CURRENT_TIMESTAMP)");
        listId = insert("INSERT INTO recipient_list (name, created_at) VALUES ('customers', CURRENT_TIMESTAMP)");
        campaignId = newCampaign(templateId);
        db.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        db.createStatement().execute("SHUTDOWN");
    }

    @Test
    void takesTheRowsToBeSentNowAfterTheGivenIdInIdOrderAndMarksThemWithTheOwner() throws SQLException {
        long before = delivery("before@example.com", "PENDING", null);
        long pending = delivery("pending@example.com", "PENDING", null);
        long sent = delivery("sent@example.com", "SENT", null);
        long due = delivery("due@example.com", "DEFERRED", NOW.minusSeconds(1));
        long notDue = delivery("later@example.com", "DEFERRED", NOW.plusSeconds(1));
        long unknown = delivery("unknown@example.com", "UNKNOWN", null);
        long held = delivery("held@example.com", "PENDING", null);
        claim(held, 9001);
        long pending2 = delivery("pending2@example.com", "PENDING", null);
        db.commit();

        List<DeliveryItem> page = reserve(db, before, 10, UnknownPolicy.REPORT);
        db.commit();

        assertEquals(List.of(pending, due, pending2), ids(page));
        Map<Long, Long> owners = new LinkedHashMap<>();
        for (long id : List.of(before, pending, sent, due, notDue, unknown, held, pending2)) {
            owners.put(id, owner(id));
        }
        Map<Long, Long> expected = new LinkedHashMap<>();
        expected.put(before, null);
        expected.put(pending, OWNER);
        expected.put(sent, null);
        expected.put(due, OWNER);
        expected.put(notDue, null);
        expected.put(unknown, null);
        expected.put(held, 9001L);
        expected.put(pending2, OWNER);
        assertEquals(expected, owners);
    }

    @Test
    void underResendUnknownRowsAreTakenTooAndAPageStopsAtItsSize() throws SQLException {
        long unknown = delivery("unknown@example.com", "UNKNOWN", null);
        long pending = delivery("pending@example.com", "PENDING", null);
        long third = delivery("third@example.com", "PENDING", null);
        db.commit();

        assertEquals(List.of(unknown, pending), ids(reserve(db, 0, 2, UnknownPolicy.RESEND)));
        db.commit();
        assertEquals(null, owner(third));
    }

    @Test
    void aPageCarriesTheRowAndItsRecipientAsTheSendStepReadsThem() throws SQLException {
        long id = delivery("ann@example.com", "DEFERRED", NOW.minusSeconds(60));
        try (PreparedStatement ps = db.prepareStatement("UPDATE delivery SET attempts = 2, first_attempt_at = ?,"
                + " message_id = '<m1@herald>' WHERE id = ?")) {
            ps.setObject(1, NOW.minusSeconds(600).atOffset(ZoneOffset.UTC));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
        long noAttributes = delivery("bob@example.com", "PENDING", null);
        db.commit();

        List<DeliveryItem> page = reserve(db, 0, 10, UnknownPolicy.REPORT);

        assertEquals(List.of(
                new DeliveryItem(id, DeliveryStatus.DEFERRED, 2, NOW.minusSeconds(600), "<m1@herald>",
                        recipientOf(id), "ann@example.com", "Name of ann@example.com", Map.of("city", "Berlin")),
                new DeliveryItem(noAttributes, DeliveryStatus.PENDING, 0, null, null,
                        recipientOf(noAttributes), "bob@example.com", "Name of bob@example.com", Map.of())), page);
    }

    @Test
    void aRowWhoseRecipientWasErasedIsReservedButNotHandedOut() throws SQLException {
        long erased = delivery("erased@example.com", "PENDING", null);
        db.createStatement().executeUpdate("UPDATE delivery SET recipient_id = NULL WHERE id = " + erased);
        long kept = delivery("kept@example.com", "PENDING", null);
        db.commit();

        assertEquals(List.of(kept), ids(reserve(db, 0, 10, UnknownPolicy.REPORT)));
        db.commit();
        assertEquals(OWNER, owner(erased));    // DeliveryStore.release gives it back, as before
    }

    @Test
    void partitionsReservingAtTheSameMomentTakeDifferentRowsAndNeitherWaits() throws Exception {
        List<Long> ids = pending(10);
        try (Connection other = DriverManager.getConnection(url, "sa", "sa")) {
            other.setAutoCommit(false);
            List<DeliveryItem> first = reserve(db, 0, 3, UnknownPolicy.REPORT);       // not committed: rows locked

            List<DeliveryItem> second = CompletableFuture.supplyAsync(() -> {
                try {
                    return DeliveryReservations.reserve(other, page(0, 3, UnknownPolicy.REPORT), "node-b", 7002);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).get(10, TimeUnit.SECONDS);                         // LOCK_TIMEOUT is 20 s: a wait would time out here
            other.commit();
            db.commit();

            assertEquals(ids.subList(0, 3), ids(first));
            assertEquals(ids.subList(3, 6), ids(second));
        }
    }

    @Test
    void rowsAfterThePageStayFreeWhileItsTransactionRuns() throws Exception {
        List<Long> ids = pending(5);
        reserve(db, 0, 2, UnknownPolicy.REPORT);                  // not committed: its rows locked

        try (Connection other = DriverManager.getConnection(url, "sa", "sa")) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement();
                 ResultSet free = s.executeQuery("SELECT id FROM delivery WHERE id >= " + ids.get(0)
                         + " ORDER BY id FOR UPDATE SKIP LOCKED")) {
                List<Long> unlocked = new ArrayList<>();
                while (free.next()) {
                    unlocked.add(free.getLong(1));
                }
                assertEquals(ids.subList(2, 5), unlocked);
            }
            other.rollback();
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private DeliveryReservations.Page page(long afterId, int size, UnknownPolicy policy) {
        return new DeliveryReservations.Page(campaignId, afterId, NOW, size, policy);
    }

    private List<DeliveryItem> reserve(Connection connection, long afterId, int size, UnknownPolicy policy)
            throws SQLException {
        return DeliveryReservations.reserve(connection, page(afterId, size, policy), "node-a", OWNER);
    }

    private static List<Long> ids(List<DeliveryItem> items) {
        return items.stream().map(DeliveryItem::id).toList();
    }

    private long newCampaign(long templateId) throws SQLException {
        return insert("INSERT INTO campaign (name, template_id, list_id, from_address, status, excluded_unsubscribed,"
                + " excluded_bounced, retry_first_delay_seconds, retry_max_attempts, created_at)"
                + " VALUES ('c', " + templateId + ", " + listId + ", 'news@example.com', 'RUNNING', 0, 0, 60, 5,"
                + " CURRENT_TIMESTAMP)");
    }

    /** A recipient of the list and its delivery in the campaign, with the given status and next attempt. */
    private long delivery(String email, String status, Instant nextAttemptAt) throws SQLException {
        long recipientId;
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO recipient (list_id, email, email_key, name,"
                + " attributes, status, created_at) VALUES (?, ?, ?, ?, ?, 'ACTIVE', CURRENT_TIMESTAMP)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, listId);
            ps.setString(2, email);
            ps.setString(3, email);
            ps.setString(4, "Name of " + email);
            ps.setString(5, email.startsWith("ann") ? "{\"city\":\"Berlin\"}" : null);
            recipientId = generated(ps);
        }
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO delivery (campaign_id, recipient_id, email, status,"
                + " attempts, next_attempt_at, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, 0, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, campaignId);
            ps.setLong(2, recipientId);
            ps.setString(3, email);
            ps.setString(4, status);
            ps.setObject(5, nextAttemptAt == null ? null : nextAttemptAt.atOffset(ZoneOffset.UTC));
            return generated(ps);
        }
    }

    /** n PENDING deliveries, committed; their ids in order. */
    private List<Long> pending(int n) throws SQLException {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(delivery("r" + i + "@example.com", "PENDING", null));
        }
        db.commit();
        return ids;
    }

    private void claim(long deliveryId, long owner) throws SQLException {
        db.createStatement().executeUpdate("UPDATE delivery SET claim_node = 'node-x', claim_owner = " + owner
                + " WHERE id = " + deliveryId);
    }

    private Long owner(long deliveryId) throws SQLException {
        return column("claim_owner", deliveryId);
    }

    private long recipientOf(long deliveryId) throws SQLException {
        return column("recipient_id", deliveryId);
    }

    private Long column(String column, long deliveryId) throws SQLException {
        try (ResultSet r = db.createStatement().executeQuery("SELECT " + column + " FROM delivery WHERE id = " + deliveryId)) {
            r.next();
            return r.getObject(1, Long.class);
        }
    }

    private long insert(String sql) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            return generated(ps);
        }
    }

    private static long generated(PreparedStatement ps) throws SQLException {
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}
