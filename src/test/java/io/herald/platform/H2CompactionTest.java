package io.herald.platform;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H2Compaction on an H2 file opened as the server opens it (WRITE_DELAY=0: a store per commit), under the send step's
 * pattern: rows updated again and again, an append-only log beside them, a commit per small group.
 */
class H2CompactionTest {

    private static final int ROWS = 2_000;
    private static final int GROUPS = 200;
    private static final int GROUP = 50;

    @TempDir
    Path dir;

    @Test
    void compactingWhileWritingKeepsTheFileUnderHalfItsSizeWithout() throws Exception {
        long without = fileSizeAfterWorkload("without", false);
        long with = fileSizeAfterWorkload("with", true);
        assertTrue(with * 2 < without, "file with compaction " + with + " bytes, without " + without);
    }

    @Test
    void aCompactedDatabaseKeepsEveryRow() throws Exception {
        fileSizeAfterWorkload("rows", true);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("rows/db") + ";WRITE_DELAY=0", "sa", "");
             Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT COUNT(*), SUM(v) FROM item");
            rs.next();
            assertTrue(rs.getLong(1) == ROWS && rs.getLong(2) == (long) GROUPS * GROUP,
                    "items " + rs.getLong(1) + ", updates counted " + rs.getLong(2));
            rs = s.executeQuery("SELECT COUNT(*) FROM log");
            rs.next();
            assertTrue(rs.getLong(1) == (long) GROUPS * GROUP, "log rows " + rs.getLong(1));
        }
    }

    /** Runs the workload on a new database and returns its file's size before closing it. */
    private long fileSizeAfterWorkload(String name, boolean compact) throws Exception {
        Files.createDirectories(dir.resolve(name));
        String url = "jdbc:h2:file:" + dir.resolve(name + "/db") + ";WRITE_DELAY=0";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            MVStore store = ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
            store.setRetentionTime(0);                  // dead chunks reusable at once: the test does not wait
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE item (id INT PRIMARY KEY, v INT NOT NULL, note VARCHAR(200))");
                s.execute("CREATE INDEX item_v ON item (v)");
                s.execute("CREATE TABLE log (id BIGINT AUTO_INCREMENT PRIMARY KEY, item_id INT, note VARCHAR(200))");
                s.execute("INSERT INTO item SELECT X, 0, REPEAT('n', 150) FROM SYSTEM_RANGE(1, " + ROWS + ")");
            }
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("UPDATE item SET v = v + 1 WHERE id = ?");
                 PreparedStatement log = c.prepareStatement("INSERT INTO log (item_id, note) VALUES (?, REPEAT('l', 150))")) {
                int next = 0;
                for (int g = 0; g < GROUPS; g++) {
                    for (int i = 0; i < GROUP; i++) {
                        int id = next++ % ROWS + 1;
                        update.setInt(1, id);
                        update.addBatch();
                        log.setInt(1, id);
                        log.addBatch();
                    }
                    update.executeBatch();
                    log.executeBatch();
                    c.commit();
                    if (compact) {
                        H2Compaction.compact(store);
                    }
                }
            }
            return store.getFileStore().size();
        }
    }
}
