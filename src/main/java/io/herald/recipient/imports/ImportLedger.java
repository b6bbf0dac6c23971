package io.herald.recipient.imports;

import io.herald.recipient.RecipientService;
import io.herald.recipient.RecipientStatus;
import io.herald.suppression.AddressHash;
import io.herald.suppression.SuppressionReason;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The import step's hot path: a chunk's recipients, its rejections and the import's counts, each written as one JDBC
 * batch in the chunk's transaction (with the reader's checkpoint), not one JPA persist and one lookup per row.
 *
 * <p>The rules and reasons are RecipientService's (POST /lists/{id}/recipients), in its order: an address already in
 * the list, then one suppressed in this list or in every list, then one earlier in the file. An address already in the
 * list is found by the insert itself: each row is inserted only where the list does not have its key yet
 * ({@code INSERT ... SELECT ... WHERE NOT EXISTS}, a probe of the unique index recipient_list_email), and an update
 * count of 0 means it was there. The chunk's suppressed addresses are read first (each key and its keyed hash, for
 * erased addresses), in one query per 500 keys (none when
 * the suppression list is empty). Nothing of the file is kept between chunks: rows of earlier chunks are in the list,
 * so a repeat of one is "already in the list". A row added through the API at the same moment breaks the unique
 * constraint instead: the SQLException fails the chunk, which the job retries row by row (import-recipients.xml).
 */
@ApplicationScoped
public class ImportLedger {

    /** How a duplicate within the chunk is described, as RecipientService words it: "appears earlier in this file". */
    private static final String ORIGIN = "this file";

    private static final String INSERT_RECIPIENT = """
            INSERT INTO recipient (list_id, email, email_key, name, attributes, status, created_at)
            SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM recipient WHERE list_id = ? AND email_key = ?)""";
    private static final String ANY_SUPPRESSION = "SELECT 1 FROM suppression FETCH FIRST 1 ROWS ONLY";
    /** The suppressed keys among up to KEY_LOOKUP_PAGE keys (the IN list goes first), in this list or in all (0). */
    private static final String SUPPRESSED =
            "SELECT email_key, reason FROM suppression WHERE email_key IN (%s) AND (list_id = 0 OR list_id = ?)";
    private static final String IN_LIST = "SELECT email FROM recipient WHERE list_id = ? AND email_key = ?";
    private static final int KEY_LOOKUP_PAGE = 500;
    /** The suppression reason of an erased address (SuppressionReason.ERASED), and what its rejection keeps instead. */
    private static final String ERASED = SuppressionReason.ERASED.name();
    private static final String ERASED_LINE = "(not kept: the address on this line was erased on request)";
    private static final String ERASED_REASON = "the address was erased on request (GDPR Art. 17) and may not be added"
            + " again (suppressed: ERASED)";
    private static final String INSERT_REJECTION =
            "INSERT INTO recipient_import_rejection (import_id, line_number, raw_line, reason) VALUES (?, ?, ?, ?)";
    private static final String COUNT_ACTIVE =
            "UPDATE recipient_count SET n = n + ? WHERE list_id = ? AND status = '" + RecipientStatus.ACTIVE.name() + "'";
    private static final String COUNT = """
            UPDATE recipient_import SET rows_read = rows_read + ?, added = added + ?, rejected = rejected + ?
            WHERE id = ?""";

    /** Herald's JTA datasource: a connection taken inside the chunk's transaction is enlisted in it. */
    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    /** What a written chunk did: rows read, recipients added, rows rejected. */
    record Counts(int read, int added, int rejected) {
    }

    /** Writes a chunk in the chunk's transaction: there must be one, or a restart could add rows twice. */
    @Transactional(TxType.MANDATORY)
    public Counts write(long importId, long listId, List<ImportRow> rows, Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return write(connection, importId, listId, rows, now);
        }
    }

    /** The chunk's SQL on a connection in the caller's transaction. */
    static Counts write(Connection connection, long importId, long listId, List<ImportRow> rows, Instant now)
            throws SQLException {
        Map<String, String> suppressed = suppressed(connection, listId, rows);
        Map<String, Integer> firstOfKey = firstOfEachKey(rows, suppressed);
        boolean[] added = insertRecipients(connection, listId, rows, firstOfKey.values(), now);
        List<Rejection> rejections = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ImportRow row = rows.get(i);
            if (added[i]) {
                continue;
            }
            String reason = row.reason();
            String raw = row.raw();
            if (row.isAccepted()) {
                String key = row.entry().key();
                boolean isSuppressed = suppressed.containsKey(key) && inList(connection, listId, key) == null;
                reason = isSuppressed ? "email " + row.entry().email() + " is suppressed (" + suppressed.get(key) + ")"
                        : duplicate(connection, listId, row, i, added, firstOfKey);
                if (isSuppressed && ERASED.equals(suppressed.get(key))) {
                    // an erased person's address is not written back into the database by the rejection report
                    raw = ERASED_LINE;
                    reason = ERASED_REASON;
                }
            }
            rejections.add(new Rejection(row.line(), raw, reason));
        }
        insertRejections(connection, importId, rejections);
        Counts chunk = new Counts(rows.size(), rows.size() - rejections.size(), rejections.size());
        count(connection, importId, listId, chunk);
        return chunk;
    }

    /** The index of the first accepted row of each key not suppressed, in row order: only that one is inserted. */
    private static Map<String, Integer> firstOfEachKey(List<ImportRow> rows, Map<String, String> suppressed) {
        Map<String, Integer> first = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            ImportRow row = rows.get(i);
            if (row.isAccepted() && !suppressed.containsKey(row.entry().key())) {
                first.putIfAbsent(row.entry().key(), i);
            }
        }
        return first;
    }

    /**
     * Why an accepted row that is not suppressed was not added: its address was in the list already, or it repeats a
     * row earlier in the chunk; if that one was in the list already, so is this, as RecipientService says.
     */
    private static String duplicate(Connection connection, long listId, ImportRow row, int index, boolean[] added,
                                    Map<String, Integer> firstOfKey) throws SQLException {
        Integer first = firstOfKey.get(row.entry().key());
        boolean earlierAdded = first != null && first != index && added[first];
        return earlierAdded ? "email " + row.entry().email() + " appears earlier in " + ORIGIN
                : RecipientService.alreadyInList(row.entry().email(), inList(connection, listId, row.entry().key()));
    }

    /** The chunk's keys suppressed in this list or in every list, with the reason (HARD_BOUNCE, MANUAL, ...). */
    private static Map<String, String> suppressed(Connection connection, long listId, List<ImportRow> rows)
            throws SQLException {
        Map<String, String> suppressed = new HashMap<>();
        try (PreparedStatement any = connection.prepareStatement(ANY_SUPPRESSION); ResultSet r = any.executeQuery()) {
            if (!r.next()) {
                return suppressed;
            }
        }
        List<String> keys = rows.stream().filter(ImportRow::isAccepted).map(row -> row.entry().key()).distinct().toList();
        for (int from = 0; from < keys.size(); from += KEY_LOOKUP_PAGE) {
            // each key and its keyed hash, which is all an erased address left in the suppression list
            Map<String, String> lookups = AddressHash.server()
                    .lookups(keys.subList(from, Math.min(keys.size(), from + KEY_LOOKUP_PAGE)));
            List<String> page = List.copyOf(lookups.keySet());
            String sql = String.format(SUPPRESSED, String.join(", ", Collections.nCopies(page.size(), "?")));
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                for (int k = 0; k < page.size(); k++) {
                    query.setString(k + 1, page.get(k));
                }
                query.setLong(page.size() + 1, listId);
                try (ResultSet r = query.executeQuery()) {
                    while (r.next()) {
                        suppressed.putIfAbsent(lookups.get(r.getString(1)), r.getString(2));
                    }
                }
            }
        }
        return suppressed;
    }

    /**
     * The address the list holds under the key, or null: asked for a suppressed address, which is "already in the
     * list" if it is there, and for a duplicate, to say how the list spells it.
     */
    private static String inList(Connection connection, long listId, String key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(IN_LIST)) {
            query.setLong(1, listId);
            query.setString(2, key);
            try (ResultSet r = query.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private record Rejection(long line, String raw, String reason) {
    }

    /** Inserts the rows at these indices unless the list has their key; true at the index of each one added. */
    private static boolean[] insertRecipients(Connection connection, long listId, List<ImportRow> rows,
                                              Collection<Integer> indices, Instant now) throws SQLException {
        boolean[] added = new boolean[rows.size()];
        if (indices.isEmpty()) {
            return added;
        }
        OffsetDateTime createdAt = now.atOffset(ZoneOffset.UTC);
        try (PreparedStatement insert = connection.prepareStatement(INSERT_RECIPIENT)) {
            for (int i : indices) {
                ImportRow.Entry e = rows.get(i).entry();
                insert.setLong(1, listId);
                insert.setString(2, e.email());
                insert.setString(3, e.key());
                setText(insert, 4, e.name());
                setText(insert, 5, e.attributes());
                insert.setString(6, RecipientStatus.ACTIVE.name());
                insert.setObject(7, createdAt);
                insert.setLong(8, listId);
                insert.setString(9, e.key());
                insert.addBatch();
            }
            int[] counts = insert.executeBatch();
            int k = 0;
            for (int i : indices) {
                if (counts[k] != 0 && counts[k] != 1) {
                    throw new IllegalStateException("the insert of the recipient on line " + rows.get(i).line()
                            + " reported " + counts[k] + " rows; 0 (already in the list) or 1 was expected");
                }
                added[i] = counts[k++] == 1;
            }
        }
        return added;
    }

    /** The chunk's rejection report, its texts cut to their columns (ImportRejection.storable). */
    private static void insertRejections(Connection connection, long importId, List<Rejection> rejections)
            throws SQLException {
        if (rejections.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_REJECTION)) {
            for (Rejection r : rejections) {
                insert.setLong(1, importId);
                insert.setLong(2, r.line());
                insert.setString(3, ImportRejection.storable(r.raw(), ImportRejection.MAX_RAW_CHARS));
                insert.setString(4, ImportRejection.storable(r.reason(), ImportRejection.MAX_REASON_CHARS));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Adds the chunk's counts to the import's (rows_read = added + rejected, always, as both move together) and its
     * added recipients to the list's ACTIVE count (RecipientCounts), in the chunk's transaction.
     */
    private static void count(Connection connection, long importId, long listId, Counts chunk) throws SQLException {
        if (chunk.added() > 0) {
            try (PreparedStatement update = connection.prepareStatement(COUNT_ACTIVE)) {
                update.setLong(1, chunk.added());
                update.setLong(2, listId);
                update.executeUpdate();
            }
        }
        try (PreparedStatement update = connection.prepareStatement(COUNT)) {
            update.setLong(1, chunk.read());
            update.setLong(2, chunk.added());
            update.setLong(3, chunk.rejected());
            update.setLong(4, importId);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("import " + importId + " does not exist: its counts cannot be updated");
            }
        }
    }

    private static void setText(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
