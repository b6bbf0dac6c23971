package io.herald.recipient.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.secrets.KeyRing;
import io.herald.secrets.ServerKeyRing;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a written chunk leaves in the database (H2 with Herald's migrations): its new recipients, a rejection with line,
 * raw text and reason for every other row, the import's counts; an address already in the list, suppressed or earlier
 * in the file is a rejection, and one added by another transaction meanwhile fails the chunk with an SQLException
 * (retried row by row by the job, import-recipients.xml).
 */
class ImportLedgerTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final ImportProcessor PROCESSOR = new ImportProcessor();
    private static final CsvHeader HEADER = new CsvHeader(List.of("email", "name", "city"), 0, 1);

    private String url;
    private Connection db;
    private long listId;
    private long importId;

    @BeforeAll
    static void serverSecret() {
        // the erased entries' hashes: the server's key ring, which ServerKeys installs at startup
        ServerKeyRing.INSTANCE.install(() -> KeyRing.of("the test's hashing secret, 32 bytes!".getBytes()));
    }

    @BeforeEach
    void database() throws SQLException {
        url = "jdbc:h2:mem:ledger-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000";
        Flyway.configure().dataSource(url, "sa", "sa").locations("classpath:db/migration").load().migrate();
        db = DriverManager.getConnection(url, "sa", "sa");
        listId = newList("customers");
        importId = insert("INSERT INTO recipient_import (list_id, status, source_path, uploaded, file_name, file_bytes,"
                + " rows_read, added, rejected, created_at) VALUES (?, 'RUNNING', '/tmp/c.csv', FALSE, 'c.csv', 0, 0, 0, 0,"
                + " CURRENT_TIMESTAMP)", listId);
        db.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        db.createStatement().execute("SHUTDOWN");
    }

    @Test
    void aChunkAddsItsGoodRowsAndReportsEveryOtherWithItsLineRawTextAndReason() throws SQLException {
        ImportLedger.Counts counts = write(
                row(2, "ann@example.com,Ann,Berlin"),
                row(3, "not-an-address,Nobody,Rome"),
                row(4, "bob@example.com,,Paris"));

        assertEquals(new ImportLedger.Counts(3, 2, 1), counts);
        assertEquals(Map.of("ann@example.com", "Ann|{\"city\":\"Berlin\"}|ACTIVE|" + NOW,
                "bob@example.com", "null|{\"city\":\"Paris\"}|ACTIVE|" + NOW), recipients(listId));
        assertEquals(Map.of(3L, "not-an-address,Nobody,Rome | email 'not-an-address' is invalid: malformed address:"
                + " Missing final '@domain'"), rejections());
        assertEquals(List.of(3L, 2L, 1L), importCounts());
        assertEquals(2, activeCount(), "the list's ACTIVE count moved by the rows added");
    }

    @Test
    void anAddressAlreadyInTheListOrEarlierInTheFileIsRejectedAndTheFirstOneKept() throws SQLException {
        addToList(listId, "ann@example.com", "Ann (added through the API)");

        ImportLedger.Counts counts = write(
                row(2, "ann@EXAMPLE.com,Ann again,Berlin"),     // the same mailbox: domains are case-insensitive
                row(3, "bob@example.com,Bob,Paris"),
                row(4, "bob@Example.COM,Bob again,Paris"),
                row(5, "ann@example.com,Ann thrice,Berlin"));

        assertEquals(new ImportLedger.Counts(4, 1, 3), counts);
        assertTrue(recipients(listId).get("ann@example.com").startsWith("Ann (added through the API)|"), "the list's is kept");
        assertTrue(recipients(listId).get("bob@example.com").startsWith("Bob|"), "the first of the file is kept");
        assertEquals(Map.of(
                2L, "ann@EXAMPLE.com,Ann again,Berlin | email ann@EXAMPLE.com is already in the list as ann@example.com",
                4L, "bob@Example.COM,Bob again,Paris | email bob@Example.COM appears earlier in this file",
                5L, "ann@example.com,Ann thrice,Berlin | email ann@example.com is already in the list"), rejections());
    }

    @Test
    void aRepeatOfARowOfAnEarlierChunkIsAlreadyInTheList() throws SQLException {
        write(row(2, "ann@example.com,Ann,Berlin"));
        db.commit();

        assertEquals(new ImportLedger.Counts(1, 0, 1), write(row(3, "ann@example.com,Ann,Berlin")));
        assertEquals(Map.of(3L, "ann@example.com,Ann,Berlin | email ann@example.com is already in the list"), rejections());
        assertEquals(List.of(2L, 1L, 1L), importCounts());
    }

    @Test
    void aSuppressedAddressIsRejectedWithTheReasonUnlessItIsAlreadyInTheList() throws SQLException {
        long others = newList("others");
        suppress("bob@example.com", 0, "HARD_BOUNCE");                 // in every list
        suppress("eve@example.com", listId, "MANUAL");                 // in this list
        suppress("ann@example.com", others, "UNSUBSCRIBE");            // in another list only
        suppress("dan@example.com", 0, "COMPLAINT");
        addToList(listId, "dan@example.com", "Dan (added before he complained)");

        ImportLedger.Counts counts = write(
                row(2, "ann@example.com,Ann,Berlin"),
                row(3, "bob@EXAMPLE.com,Bob,Paris"),
                row(4, "eve@example.com,Eve,Rome"),
                row(5, "dan@example.com,Dan,Oslo"),
                row(6, "bob@example.com,Bob again,Paris"));

        assertEquals(new ImportLedger.Counts(5, 1, 4), counts);
        assertEquals(java.util.Set.of("ann@example.com", "dan@example.com"), recipients(listId).keySet());
        assertEquals(Map.of(
                3L, "bob@EXAMPLE.com,Bob,Paris | email bob@EXAMPLE.com is suppressed (HARD_BOUNCE)",
                4L, "eve@example.com,Eve,Rome | email eve@example.com is suppressed (MANUAL)",
                5L, "dan@example.com,Dan,Oslo | email dan@example.com is already in the list",
                6L, "bob@example.com,Bob again,Paris | email bob@example.com is suppressed (HARD_BOUNCE)"), rejections());
    }

    @Test
    void anErasedAddressIsFoundByItsKeyedHashAndNotWrittenBackIntoTheReport() throws SQLException {
        String hashed = io.herald.suppression.AddressHash.server().of("ann@example.com");
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO suppression (email_key, email, list_id, reason,"
                + " created_at) VALUES (?, ?, 0, 'ERASED', CURRENT_TIMESTAMP)")) {
            ps.setString(1, hashed);
            ps.setString(2, hashed);
            ps.executeUpdate();
        }

        assertEquals(new ImportLedger.Counts(2, 1, 1), write(row(2, "ann@EXAMPLE.com,Ann,Berlin"), row(3, "bob@example.com,Bob,Paris")));
        assertEquals(java.util.Set.of("bob@example.com"), recipients(listId).keySet());
        assertEquals(Map.of(2L, "(not kept: the address on this line was erased on request) | the address was erased on"
                + " request (GDPR Art. 17) and may not be added again (suppressed: ERASED)"), rejections());
    }

    @Test
    void anotherListsRecipientIsNoDuplicate() throws SQLException {
        addToList(newList("others"), "ann@example.com", "Ann");

        assertEquals(new ImportLedger.Counts(1, 1, 0), write(row(2, "ann@example.com,Ann,Berlin")));
    }

    @Test
    void longTextsAreCutToTheirColumnsInTheReport() throws SQLException {
        String raw = "x".repeat(5000);
        ImportLedger.write(db, importId, listId, List.of(new ImportRow(2, raw, null, "r".repeat(3000))), NOW);

        try (ResultSet r = db.createStatement().executeQuery("SELECT raw_line, reason FROM recipient_import_rejection")) {
            r.next();
            assertEquals(ImportRejection.storable(raw, ImportRejection.MAX_RAW_CHARS), r.getString(1));
            assertEquals(ImportRejection.MAX_REASON_CHARS, r.getString(2).length());
        }
    }

    @Test
    void anAddressAddedByAnotherTransactionMeanwhileFailsTheChunkThenRowByRowItIsAlreadyInTheList() throws Exception {
        try (Connection api = DriverManager.getConnection(url, "sa", "sa")) {
            api.setAutoCommit(false);
            addToList(api, listId, "bob@example.com", "Bob (added through the API)");     // not committed yet
            List<ImportRow> chunk = List.of(row(2, "ann@example.com,Ann,Berlin"), row(3, "bob@example.com,Bob,Paris"));

            CompletableFuture<ImportLedger.Counts> writing = CompletableFuture.supplyAsync(() -> {
                try {
                    return ImportLedger.write(db, importId, listId, chunk, NOW);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitBlocked(writing);          // the insert of bob waits for the API's transaction
            api.commit();
            ExecutionException failed = assertThrows(ExecutionException.class, () -> writing.get(20, TimeUnit.SECONDS));
            assertTrue(failed.getCause().getCause() instanceof SQLException, failed.toString());
            db.rollback();                  // as the job does, before it writes the chunk again row by row

            for (ImportRow row : chunk) {
                ImportLedger.write(db, importId, listId, List.of(row), NOW);
                db.commit();
            }
        }
        assertEquals(Map.of(3L, "bob@example.com,Bob,Paris | email bob@example.com is already in the list"), rejections());
        assertEquals(List.of(2L, 1L, 1L), importCounts());
    }

    @Test
    void theCountsOfAnImportThatDoesNotExistCannotBeUpdated() {
        assertThrows(IllegalStateException.class,
                () -> ImportLedger.write(db, importId + 1, listId, List.of(row(2, "ann@example.com,Ann,Berlin")), NOW));
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static ImportRow row(long line, String raw) {
        return PROCESSOR.process(CsvRow.read(HEADER, line, raw, List.of(raw.split(",", -1))));
    }

    private ImportLedger.Counts write(ImportRow... rows) throws SQLException {
        return ImportLedger.write(db, importId, listId, List.of(rows), NOW);
    }

    /**
     * Polls, with a deadline, until the chunk's insert waits for the other transaction: it has run for half a second
     * (H2 shows a session waiting for a row lock as RUNNING its statement; the insert itself takes microseconds).
     */
    private void awaitBlocked(CompletableFuture<?> writing) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try (Connection probe = DriverManager.getConnection(url, "sa", "sa");
             PreparedStatement waiting = probe.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                     + " WHERE EXECUTING_STATEMENT LIKE 'INSERT INTO recipient %'"
                     + " AND EXECUTING_STATEMENT_START < DATEADD(MILLISECOND, -500, CURRENT_TIMESTAMP)")) {
            while (true) {
                try (ResultSet r = waiting.executeQuery()) {
                    r.next();
                    if (r.getInt(1) > 0) {
                        return;
                    }
                }
                if (writing.isDone()) {
                    writing.get();
                    throw new AssertionError("the chunk was written without waiting for the other transaction");
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("the chunk's insert never waited for the other transaction");
                }
                Thread.onSpinWait();
            }
        }
    }

    private void suppress(String email, long list, String reason) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO suppression (email_key, email, list_id, reason,"
                + " created_at) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
            ps.setString(1, io.herald.recipient.Recipient.keyOf(email));
            ps.setString(2, email);
            ps.setLong(3, list);
            ps.setString(4, reason);
            ps.executeUpdate();
        }
        db.commit();
    }

    /** A list with its zero recipient_count rows, as RecipientService makes one. */
    private long newList(String name) throws SQLException {
        long id = insert("INSERT INTO recipient_list (name, created_at) VALUES (?, CURRENT_TIMESTAMP)", name);
        for (String status : List.of("ACTIVE", "UNSUBSCRIBED", "BOUNCED")) {
            db.createStatement().executeUpdate("INSERT INTO recipient_count (list_id, status, n) VALUES (" + id + ", '"
                    + status + "', 0)");
        }
        return id;
    }

    private long activeCount() throws SQLException {
        try (ResultSet r = db.createStatement().executeQuery(
                "SELECT n FROM recipient_count WHERE status = 'ACTIVE' AND list_id = " + listId)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void addToList(long list, String email, String name) throws SQLException {
        addToList(db, list, email, name);
        db.commit();
    }

    private static void addToList(Connection c, long list, String email, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO recipient (list_id, email, email_key, name, status,"
                + " created_at) VALUES (?, ?, ?, ?, 'ACTIVE', CURRENT_TIMESTAMP)")) {
            ps.setLong(1, list);
            ps.setString(2, email);
            ps.setString(3, io.herald.recipient.Recipient.keyOf(email));
            ps.setString(4, name);
            ps.executeUpdate();
        }
    }

    private long insert(String sql, Object parameter) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            ps.setObject(1, parameter);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** The list's recipients: email → "name|attributes|status|created_at". */
    private Map<String, String> recipients(long list) throws SQLException {
        Map<String, String> found = new LinkedHashMap<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT email, name, attributes, status, created_at FROM recipient WHERE list_id = ? ORDER BY id")) {
            ps.setLong(1, list);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    found.put(r.getString(1), r.getString(2) + "|" + r.getString(3) + "|" + r.getString(4) + "|"
                            + r.getObject(5, java.time.OffsetDateTime.class).toInstant());
                }
            }
        }
        return found;
    }

    /** The import's rejection report: line → "raw | reason". */
    private Map<Long, String> rejections() throws SQLException {
        Map<Long, String> found = new LinkedHashMap<>();
        try (ResultSet r = db.createStatement().executeQuery(
                "SELECT line_number, raw_line, reason FROM recipient_import_rejection ORDER BY line_number")) {
            while (r.next()) {
                found.put(r.getLong(1), r.getString(2) + " | " + r.getString(3));
            }
        }
        return found;
    }

    /** rows_read, added, rejected of the import. */
    private List<Long> importCounts() throws SQLException {
        try (ResultSet r = db.createStatement().executeQuery(
                "SELECT rows_read, added, rejected FROM recipient_import WHERE id = " + importId)) {
            r.next();
            return new ArrayList<>(List.of(r.getLong(1), r.getLong(2), r.getLong(3)));
        }
    }
}
