package io.herald.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.stats.SqlDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundary of a campaign's next slice (DeliveryStore.sliceEnd) on H2 with Herald's migrations: the id that ends
 * the next N recipients of the list in id order, read through the (list_id, id) index, never the whole list.
 */
class SliceEndTest {

    private static Connection db;

    @BeforeAll
    static void twoInterleavedLists() throws SQLException {
        String url = "jdbc:h2:mem:slice-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "sa").locations("classpath:db/migration").load().migrate();
        db = DriverManager.getConnection(url, "sa", "sa");
        db.createStatement().execute("INSERT INTO recipient_list (id, name, created_at) VALUES"
                + " (1, 'customers', CURRENT_TIMESTAMP), (2, 'partners', CURRENT_TIMESTAMP)");
        // ids 1..3000: odd ids in list 1, even ids in list 2, so a slice of list 1 is not a range of ids
        db.createStatement().execute("INSERT INTO recipient (id, list_id, email, email_key, status, created_at)"
                + " SELECT x, 2 - MOD(x, 2), 'r' || x || '@example.com', 'r' || x || '@example.com', 'ACTIVE',"
                + " CURRENT_TIMESTAMP FROM SYSTEM_RANGE(1, 3000)");
        db.createStatement().execute("ANALYZE");
    }

    @AfterAll
    static void close() throws SQLException {
        db.createStatement().execute("SHUTDOWN");
    }

    @Test
    void endsTheNextSliceOfTheListInIdOrder() throws SQLException {
        assertEquals(999, end(1, 0, 3000, 500), "the 500th odd id");
        assertEquals(1999, end(1, 999, 3000, 500), "the next 500 odd ids after 999");
        assertEquals(2999, end(1, 2001, 2999, 5000), "the rest, up to the campaign's highest id");
        assertEquals(1000, end(2, 0, 3000, 500), "the other list's 500th id");
    }

    @Test
    void h2ReadsItThroughTheListAndIdIndex() throws SQLException {
        try (PreparedStatement explain = db.prepareStatement("EXPLAIN " + DeliveryStore.sliceEnd(SqlDialect.H2, 500))) {
            explain.setLong(1, 1);
            explain.setLong(2, 0);
            explain.setLong(3, 3000);
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                String text = plan.getString(1).toUpperCase();
                // without the hint H2 picked the unique (list_id, email_key) index, read every row of the list and
                // sorted them by id: seconds per slice at a million recipients
                assertTrue(text.contains("RECIPIENT_LIST_ID_ASC"), text);
            }
        }
    }

    @Test
    void postgresqlGetsNoHint() {
        assertTrue(!DeliveryStore.sliceEnd(SqlDialect.POSTGRESQL, 500).contains("USE INDEX"));
    }

    private static long end(long list, long after, long until, int size) throws SQLException {
        try (PreparedStatement end = db.prepareStatement(DeliveryStore.sliceEnd(SqlDialect.H2, size))) {
            end.setLong(1, list);
            end.setLong(2, after);
            end.setLong(3, until);
            try (ResultSet r = end.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
