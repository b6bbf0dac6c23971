package io.herald.recipient.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.platform.V23__H2IdCaches;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How often a chunk makes H2 write its file, on a database as the server opens it (a file, WRITE_DELAY=0: every
 * commit is stored at once) with Herald's migrations: once for the chunk's commit and a few times for the ids, not
 * once per 32 ids, which is what H2's default identity cache cost (V23__H2IdCaches).
 */
class ImportChunkFileWritesTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final ImportProcessor PROCESSOR = new ImportProcessor();
    private static final CsvHeader HEADER = new CsvHeader(List.of("email", "name", "city"), 0, 1);
    private static final int CHUNK = 1000;
    /** The chunk's commit, the sequence's one write of its cache, and a margin for H2's own bookkeeping. */
    private static final long MAX_WRITES = 8;

    @TempDir
    Path dir;

    private Connection db;
    private long listId;
    private long importId;

    @BeforeEach
    void database() throws SQLException {
        String url = "jdbc:h2:file:" + dir.resolve("herald") + ";WRITE_DELAY=0";
        Flyway.configure().dataSource(url, "sa", "sa").locations("classpath:db/migration")
                .javaMigrations(new V23__H2IdCaches()).load().migrate();
        db = DriverManager.getConnection(url, "sa", "sa");
        listId = insert("INSERT INTO recipient_list (name, created_at) VALUES ('customers', CURRENT_TIMESTAMP)");
        db.createStatement().executeUpdate("INSERT INTO recipient_count (list_id, status, n) VALUES (" + listId + ", 'ACTIVE', 0)");
        importId = insert("INSERT INTO recipient_import (list_id, status, source_path, uploaded, file_name, file_bytes,"
                + " rows_read, added, rejected, created_at) VALUES (" + listId + ", 'RUNNING', '/tmp/c.csv', FALSE, 'c.csv',"
                + " 0, 0, 0, 0, CURRENT_TIMESTAMP)");
        db.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        db.createStatement().execute("SHUTDOWN");
    }

    @Test
    void aChunkOfAThousandNewRecipientsWritesTheFileAFewTimesNotOncePer32Ids() throws SQLException {
        long writes = writesOf(chunk(i -> "user" + i + "@example.com,User " + i + ",Berlin"));

        assertEquals(CHUNK, count("recipient"));
        assertTrue(writes <= MAX_WRITES, "the chunk wrote H2's file " + writes + " times; at most " + MAX_WRITES + " expected");
    }

    @Test
    void aChunkOfAThousandRejectionsWritesTheFileAFewTimesNotOncePer32Ids() throws SQLException {
        long writes = writesOf(chunk(i -> "not-an-address-" + i + ",User " + i + ",Berlin"));

        assertEquals(CHUNK, count("recipient_import_rejection"));
        assertTrue(writes <= MAX_WRITES, "the chunk wrote H2's file " + writes + " times; at most " + MAX_WRITES + " expected");
    }

    /** How many times H2 wrote its file while the chunk was written and committed. */
    private long writesOf(List<ImportRow> rows) throws SQLException {
        long before = fileWrites();
        ImportLedger.write(db, importId, listId, rows, NOW);
        db.commit();
        return fileWrites() - before;
    }

    private static List<ImportRow> chunk(IntFunction<String> line) {
        List<ImportRow> rows = new ArrayList<>();
        for (int i = 0; i < CHUNK; i++) {
            String raw = line.apply(i);
            rows.add(PROCESSOR.process(CsvRow.read(HEADER, i + 2, raw, List.of(raw.split(",", -1)))));
        }
        return rows;
    }

    private long fileWrites() throws SQLException {
        try (ResultSet r = db.createStatement().executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.FILE_WRITE'")) {
            r.next();
            return Long.parseLong(r.getString(1));
        }
    }

    private long count(String table) throws SQLException {
        try (ResultSet r = db.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    private long insert(String sql) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }
}
