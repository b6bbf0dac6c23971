package io.herald.people;

import io.herald.mail.AddressScrubber;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Replaces one address inside text columns, on the erasure's connection: the rows are found by LOWER(column) LIKE,
 * confirmed and rewritten in Java (AddressScrubber), one UPDATE per row that held the address; only few rows do.
 */
final class TextScrub {

    private static final List<String> ID = List.of("id");

    private final Connection connection;
    private final AddressScrubber scrubber;
    private final String replacement;

    TextScrub(Connection connection, AddressScrubber scrubber, String replacement) {
        this.connection = connection;
        this.scrubber = scrubber;
        this.replacement = replacement;
    }

    /** The ids of the table's rows that match {@code where}. */
    Set<Object> ids(String table, String where, Object... params) throws SQLException {
        Set<Object> ids = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM " + table + " WHERE (" + where + ")")) {
            SqlRows.bind(query, params);
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getObject(1));
                }
            }
        }
        return ids;
    }

    /** Replaces the address where it occurs in these columns of the rows matching {@code where}; their ids. */
    Set<Object> columns(String table, List<String> columns, String where, Object... params) throws SQLException {
        return rewrite(table, ID, columns, false, where, params);
    }

    /** The same over a table whose rows are named by several key columns; the keys (as lists) of the rows changed. */
    Set<Object> columnsKeyedBy(String table, List<String> key, List<String> columns) throws SQLException {
        return rewrite(table, key, columns, false, "1 = 1");
    }

    /**
     * Over the whole table: the first column is replaced whole where it holds the address (a rejected CSV line holds
     * the person's name and attributes too), the others where the address occurs; the ids of the rows changed.
     */
    Set<Object> wholeFirst(String table, List<String> columns) throws SQLException {
        return rewrite(table, ID, columns, true, "1 = 1");
    }

    private Set<Object> rewrite(String table, List<String> key, List<String> columns, boolean wholeFirst, String where,
                                Object... params) throws SQLException {
        List<String> patterns = scrubber.likePatterns();
        String sql = "SELECT " + String.join(", ", key) + ", " + String.join(", ", columns) + " FROM " + table + " WHERE (" + where + ") AND "
                + PersonQueries.anyLike(columns, patterns.size());
        List<Object> all = new ArrayList<>(Arrays.asList(params));
        columns.forEach(column -> all.addAll(patterns));
        List<Object[]> changes = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            SqlRows.bind(query, all.toArray());
            try (ResultSet r = query.executeQuery()) {
                while (r.next()) {
                    Object[] row = new Object[columns.size() + key.size()];
                    boolean changed = false;
                    for (int i = 0; i < columns.size(); i++) {
                        String text = r.getString(key.size() + i + 1);
                        row[i] = wholeFirst && i == 0 && scrubber.foundIn(text) ? replacement
                                : scrubber.scrub(text, replacement);
                        changed |= !Objects.equals(text, row[i]);
                    }
                    for (int k = 0; k < key.size(); k++) {
                        row[columns.size() + k] = r.getObject(k + 1);
                    }
                    if (changed) {
                        changes.add(row);
                    }
                }
            }
        }
        Set<Object> ids = new HashSet<>();
        if (changes.isEmpty()) {
            return ids;
        }
        String update = "UPDATE " + table + " SET " + String.join(" = ?, ", columns) + " = ? WHERE "
                + String.join(" = ? AND ", key) + " = ?";
        try (PreparedStatement ps = connection.prepareStatement(update)) {
            for (Object[] row : changes) {
                SqlRows.bind(ps, row);
                ps.addBatch();
                ids.add(key.size() == 1 ? row[columns.size()]
                        : List.of(Arrays.copyOfRange(row, columns.size(), row.length)));
            }
            ps.executeBatch();
        }
        return ids;
    }
}
