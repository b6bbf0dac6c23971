package io.herald.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.herald.mail.AddressKey.Match;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Re-keying a database made before version 15 (keys "exact") to "ignore-case", on H2 with Herald's migrations: the
 * case variants of one list are merged into the oldest, their deliveries and bounce events kept, suppressions
 * de-duplicated, erased entries untouched; and back to "exact" without merging anything.
 */
class AddressRulesTest {

    private JdbcDataSource dataSource;
    private Connection db;
    private long list;
    private long otherList;

    @BeforeEach
    void database() throws SQLException {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:rekey-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        dataSource.setPassword("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        db = dataSource.getConnection();
        list = insert("INSERT INTO recipient_list (name, created_at) VALUES ('customers', CURRENT_TIMESTAMP)");
        otherList = insert("INSERT INTO recipient_list (name, created_at) VALUES ('others', CURRENT_TIMESTAMP)");
    }

    @AfterEach
    void close() throws SQLException {
        db.createStatement().execute("SHUTDOWN");
    }

    @Test
    void caseVariantsOfOneListAreMergedIntoTheOldestAndNothingElseIsLost() throws SQLException {
        long ann = recipient(list, "Ann@example.com", "ACTIVE", "2026-01-01T00:00:00Z");
        long ann2 = recipient(list, "ann@example.com", "UNSUBSCRIBED", "2026-02-01T00:00:00Z");
        long ann3 = recipient(list, "ANN@Example.com", "ACTIVE", "2026-03-01T00:00:00Z");
        long annElsewhere = recipient(otherList, "ann@EXAMPLE.com", "ACTIVE", "2026-01-01T00:00:00Z");
        long bob = recipient(list, "bob@example.com", "ACTIVE", "2026-01-01T00:00:00Z");
        long both = campaign();
        long onlyDuplicate = campaign();
        long sending = campaign();
        long twoDuplicates = campaign();
        long sentToAnn = delivery(both, ann, "SENT");
        long toAnn2 = delivery(twoDuplicates, ann2, "SENT");       // the kept one has none: the older duplicate's moves
        long toAnn3 = delivery(twoDuplicates, ann3, "SENT");
        long sentToAnn2 = delivery(both, ann2, "SENT");            // the person got this campaign twice
        long movedDelivery = delivery(onlyDuplicate, ann3, "SENT");
        delivery(sending, ann, "PENDING");
        long pendingTwice = delivery(sending, ann3, "PENDING");
        counter(sending, "PENDING", 2);
        insert("INSERT INTO bounce_event (message_key, outcome, recipient_id, created_at) VALUES ('k1', 'SOFT', "
                + ann2 + ", CURRENT_TIMESTAMP)");
        suppression("Ann@example.com", 0);
        suppression("ann@example.com", 0);
        suppression("ANN@example.com", list);
        suppression("hmac-sha256:00ff", 0);

        AddressRekey.Report report = AddressRules.apply(dataSource, Match.IGNORE_CASE);

        assertEquals(2, report.recipientsMerged());
        assertEquals(1, report.suppressionsMerged());
        assertEquals(List.of(ann + " Ann@example.com ann@example.com UNSUBSCRIBED", bob + " bob@example.com bob@example.com ACTIVE"),
                rows("SELECT id || ' ' || email || ' ' || email_key || ' ' || status FROM recipient WHERE list_id = " + list + " ORDER BY id"),
                "the oldest kept with its address; unsubscribed because one of its variants was");
        assertEquals(List.of(annElsewhere + " ann@example.com"),
                rows("SELECT id || ' ' || email_key FROM recipient WHERE list_id = " + otherList),
                "another list's recipient is re-keyed, not merged");
        assertEquals(List.of(sentToAnn + " " + ann, sentToAnn2 + " null"),
                rows("SELECT id || ' ' || COALESCE(CAST(recipient_id AS VARCHAR), 'null') FROM delivery WHERE campaign_id = " + both + " ORDER BY id"),
                "both deliveries stay; the duplicate's is detached from the recipient, as erasure leaves them");
        assertEquals(List.of(movedDelivery + " " + ann),
                rows("SELECT id || ' ' || recipient_id FROM delivery WHERE campaign_id = " + onlyDuplicate));
        assertEquals(List.of(toAnn2 + " " + ann, toAnn3 + " null"),
                rows("SELECT id || ' ' || COALESCE(CAST(recipient_id AS VARCHAR), 'null') FROM delivery WHERE campaign_id = "
                        + twoDuplicates + " ORDER BY id"), "one delivery per campaign and recipient: the older duplicate's");
        assertEquals(List.of("SKIPPED merged: the same address as recipient " + ann + " (case-insensitive addresses)"),
                rows("SELECT status || ' ' || reason FROM delivery WHERE id = " + pendingTwice));
        assertEquals(List.of("PENDING 1", "SKIPPED 1"), rows("SELECT status || ' ' || SUM(deliveries) FROM delivery_counter"
                + " WHERE campaign_id = " + sending + " GROUP BY status ORDER BY status"));
        assertEquals(List.of(String.valueOf(ann)), rows("SELECT recipient_id FROM bounce_event"));
        assertEquals(List.of("Ann@example.com ann@example.com 0", "ANN@example.com ann@example.com " + list,
                        "hmac-sha256:00ff hmac-sha256:00ff 0"),
                rows("SELECT email || ' ' || email_key || ' ' || list_id FROM suppression ORDER BY id"));
        assertEquals(List.of("ignore-case"), rows("SELECT match_rule FROM address_key_rule"));
        assertEquals(List.of("0"), rows("SELECT COUNT(*) FROM recipient_merge"), "the scratch table is left empty");
        assertNull(AddressRules.apply(dataSource, Match.IGNORE_CASE), "nothing to do the next time");
    }

    @Test
    void exactKeysTheLocalPartAsGivenAndMergesNothing() throws SQLException {
        AddressRules.apply(dataSource, Match.IGNORE_CASE);
        recipient(list, "Ann@example.com", "ACTIVE", "2026-01-01T00:00:00Z");
        db.createStatement().executeUpdate("UPDATE recipient SET email_key = 'ann@example.com'");

        AddressRekey.Report report = AddressRules.apply(dataSource, Match.EXACT);

        assertEquals(0, report.recipientsMerged());
        assertEquals(List.of("Ann@example.com"), rows("SELECT email_key FROM recipient"));
        assertEquals(List.of("exact"), rows("SELECT match_rule FROM address_key_rule"));
    }

    private long recipient(long listId, String email, String status, String createdAt) throws SQLException {
        // keyed as before version 15: the domain lower-cased
        int at = email.lastIndexOf('@');
        String key = email.substring(0, at + 1) + email.substring(at + 1).toLowerCase();
        return insert("INSERT INTO recipient (list_id, email, email_key, status, created_at) VALUES (" + listId + ", '"
                + email + "', '" + key + "', '" + status + "', TIMESTAMP WITH TIME ZONE '" + createdAt.replace('T', ' ')
                .replace("Z", "+00") + "')");
    }

    private long campaign() throws SQLException {
        long template = insert("INSERT INTO template (name, subject, created_at) VALUES ('t', 's', CURRENT_TIMESTAMP)");
        return insert("INSERT INTO campaign (name, template_id, list_id, from_address, status, excluded_unsubscribed,"
                + " excluded_bounced, retry_first_delay_seconds, retry_max_attempts, created_at) VALUES ('c', " + template
                + ", " + list + ", 'news@example.com', 'RUNNING', 0, 0, 60, 3, CURRENT_TIMESTAMP)");
    }

    private long delivery(long campaign, long recipient, String status) throws SQLException {
        return insert("INSERT INTO delivery (campaign_id, recipient_id, email, status, attempts, created_at, updated_at)"
                + " SELECT " + campaign + ", id, email, '" + status + "', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP"
                + " FROM recipient WHERE id = " + recipient);
    }

    private void counter(long campaign, String status, long n) throws SQLException {
        insert("INSERT INTO delivery_counter (campaign_id, sender, status, deliveries) VALUES (" + campaign + ", 1, '"
                + status + "', " + n + ")");
    }

    private void suppression(String email, long listId) throws SQLException {
        int at = email.lastIndexOf('@');
        String key = at < 0 ? email : email.substring(0, at + 1) + email.substring(at + 1).toLowerCase();
        insert("INSERT INTO suppression (email_key, email, list_id, reason, created_at) VALUES ('" + key + "', '" + email
                + "', " + listId + ", 'UNSUBSCRIBED', CURRENT_TIMESTAMP)");
    }

    private long insert(String sql) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql, PreparedStatement.RETURN_GENERATED_KEYS)) {
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        }
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet r = db.createStatement().executeQuery(sql)) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }
}
