package io.herald.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.mail.AddressKey.Match;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The upgrade to version 15 on a database of 1,000,000 recipients (docs/performance.md, "Re-keying addresses"):
 * 10 lists of 100,000, 30% of the addresses with capitals, 1% a case variant of the one before it in its list (10,000
 * merges); one sent campaign per list, so 1,000,000 deliveries and 1,000,000 audit entries; keys as before version
 * 15. Times AddressRules.apply to "ignore-case". Not a unit test (a few minutes): run only when asked,
 *   mvn -o -B test -Dtest=AddressRekeyBench -Dsurefire.failIfNoSpecifiedTests=false -Drekey.bench.url=URL
 * with URL jdbc:h2:file:/tmp/herald-rekey-h2/herald (deleted first by the caller) or
 * jdbc:postgresql://127.0.0.1:5432/herald_rekey_bench (an empty database), -Drekey.bench.recipients=N to change N.
 */
@EnabledIfSystemProperty(named = "rekey.bench.url", matches = ".+")
class AddressRekeyBench {

    private static final int LISTS = 10;
    private static final int BATCH = 10_000;

    @Test
    void rekeyAMillionRecipients() throws SQLException {
        String url = System.getProperty("rekey.bench.url");
        int n = Integer.getInteger("rekey.bench.recipients", 1_000_000);
        DataSource ds = dataSource(url);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        long t0 = System.nanoTime();
        seed(ds, n);
        long seeded = System.nanoTime();

        AddressRekey.Report report = AddressRules.apply(ds, Match.IGNORE_CASE);
        long done = System.nanoTime();

        System.out.printf("BENCH %s: %,d recipients seeded in %.1f s; re-keyed in %.1f s: %s%n", url, n,
                (seeded - t0) / 1e9, (done - seeded) / 1e9, report);
        assertEquals(n / 100, report.recipientsMerged());
    }

    private static DataSource dataSource(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(url);
            pg.setUser(System.getProperty("rekey.bench.user", "postgres"));
            pg.setReWriteBatchedInserts(true);
            return pg;
        }
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        h2.setUser("sa");
        h2.setPassword("sa");
        return h2;
    }

    private static void seed(DataSource ds, int n) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO template (name, subject, created_at) VALUES ('t', 's', CURRENT_TIMESTAMP)");
                for (int l = 1; l <= LISTS; l++) {
                    s.executeUpdate("INSERT INTO recipient_list (id, name, created_at) VALUES (" + l + ", 'l" + l
                            + "', CURRENT_TIMESTAMP)");
                    s.executeUpdate("INSERT INTO campaign (id, name, template_id, list_id, from_address, status,"
                            + " excluded_unsubscribed, excluded_bounced, retry_first_delay_seconds, retry_max_attempts,"
                            + " created_at) SELECT " + l + ", 'c', MIN(id), " + l + ", 'news@example.com', 'COMPLETED',"
                            + " 0, 0, 60, 3, CURRENT_TIMESTAMP FROM template");
                }
            }
            OffsetDateTime start = OffsetDateTime.of(2025, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
            try (PreparedStatement r = c.prepareStatement("INSERT INTO recipient (id, list_id, email, email_key, status,"
                    + " created_at) VALUES (?, ?, ?, ?, 'ACTIVE', ?)");
                 PreparedStatement d = c.prepareStatement("INSERT INTO delivery (id, campaign_id, recipient_id, email,"
                         + " status, attempts, created_at, updated_at) VALUES (?, ?, ?, ?, 'SENT', 1, ?, ?)");
                 PreparedStatement a = c.prepareStatement("INSERT INTO audit_entry (id, delivery_id, campaign_id,"
                         + " mail_from, rcpt_to, rcpt_key, attempted_at, smtp_server, reply_code, outcome, node_name)"
                         + " VALUES (?, ?, ?, 'news@example.com', ?, ?, ?, 'mx', 250, 'SENT', 'n')")) {
                int perList = n / LISTS;
                String previous = null;
                for (int id = 1; id <= n; id++) {
                    int list = (id - 1) / perList + 1;
                    int i = (id - 1) % perList;
                    String email = i % 100 == 99 ? variant(previous)
                            : (i % 10 < 3 ? "User.Mixed" + i : "user" + i) + "@Example" + list + ".com";
                    previous = email;
                    String exactKey = email.substring(0, email.indexOf('@') + 1)
                            + email.substring(email.indexOf('@') + 1).toLowerCase();
                    OffsetDateTime at = start.plusSeconds(id);
                    r.setLong(1, id);
                    r.setLong(2, list);
                    r.setString(3, email);
                    r.setString(4, exactKey);
                    r.setObject(5, at);
                    r.addBatch();
                    d.setLong(1, id);
                    d.setLong(2, list);
                    d.setLong(3, id);
                    d.setString(4, email);
                    d.setObject(5, at);
                    d.setObject(6, at);
                    d.addBatch();
                    a.setObject(1, UUID.randomUUID());
                    a.setLong(2, id);
                    a.setLong(3, list);
                    a.setString(4, email);
                    a.setString(5, exactKey);
                    a.setObject(6, at);
                    a.addBatch();
                    if (id % BATCH == 0 || id == n) {
                        r.executeBatch();
                        d.executeBatch();
                        a.executeBatch();
                        c.commit();
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO delivery_counter (campaign_id, sender, status, deliveries)"
                        + " SELECT campaign_id, 0, status, COUNT(*) FROM delivery GROUP BY campaign_id, status");
            }
            c.commit();
        }
    }

    /** The same mailbox with its local part in capitals: USER7@Example1.com for user7@Example1.com. */
    private static String variant(String email) {
        int at = email.indexOf('@');
        String upper = email.substring(0, at).toUpperCase();
        return (upper.equals(email.substring(0, at)) ? upper.toLowerCase() : upper) + email.substring(at);
    }
}
