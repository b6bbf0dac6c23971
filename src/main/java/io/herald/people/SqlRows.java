package io.herald.people;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Runs a query and returns its rows as JSON-ready maps: columns in camelCase, timestamps as instants, ids as text. */
final class SqlRows {

    private SqlRows() {
    }

    /** At most {@code max} rows of the query, its parameters bound in order. */
    static List<Map<String, Object>> list(Connection connection, String sql, int max, Object... params)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            bind(query, params);
            query.setMaxRows(max);
            try (ResultSet r = query.executeQuery()) {
                ResultSetMetaData meta = r.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (r.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        row.put(camelCase(meta.getColumnLabel(i)), value(r, i));
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /** The first column of the first row, as a number. */
    static long count(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            bind(query, params);
            try (ResultSet r = query.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** An update's row count. */
    static int update(Connection connection, String sql, Object... params) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            bind(update, params);
            return update.executeUpdate();
        }
    }

    static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] == null) {
                statement.setNull(i + 1, Types.VARCHAR);    // only text columns are ever set to null here
            } else {
                statement.setObject(i + 1, params[i]);
            }
        }
    }

    /** "campaign_id" (or H2's "CAMPAIGN_ID") becomes "campaignId". */
    static String camelCase(String column) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : column.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    private static Object value(ResultSet r, int column) throws SQLException {
        Object value = r.getObject(column);
        if (value instanceof java.sql.Timestamp || value instanceof OffsetDateTime) {
            return r.getObject(column, OffsetDateTime.class).toInstant().toString();
        }
        if (value instanceof UUID uuid) {
            return uuid.toString();
        }
        return value;
    }
}
