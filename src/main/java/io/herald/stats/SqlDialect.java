package io.herald.stats;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The two databases Herald runs on, told apart by the JDBC connection's metadata, for the few SQL fragments that
 * differ between them. Today: REGEXP_REPLACE, which replaces every match on H2 (and refuses the 'g' flag) but only
 * the first on PostgreSQL unless given 'g'; and H2's index hints, which PostgreSQL has no syntax for.
 */
public enum SqlDialect {
    H2, POSTGRESQL;

    /** The dialect of the database the connection talks to; IllegalStateException for any other database. */
    public static SqlDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (name.startsWith("h2")) {
            return H2;
        }
        if (name.startsWith("postgresql")) {
            return POSTGRESQL;
        }
        throw new IllegalStateException("Herald runs on H2 or PostgreSQL, not on " + product);
    }

    /**
     * What follows a table's name and alias in FROM to make H2 read it through the given index ({@code USE INDEX
     * (name)}); nothing on PostgreSQL, whose planner uses the table's statistics. For the queries where H2's planner,
     * which knows no value of a parameter, picks an index that makes it read and sort every row of a list.
     */
    public String useIndex(String index) {
        return this == H2 ? " USE INDEX (" + index + ")" : "";
    }

    /**
     * {@code REGEXP_REPLACE(expression, 'regex', 'replacement')} replacing every match. The regex is a POSIX/Java
     * common subset and the replacement holds no '$' or '\' (their meaning differs); neither may hold a quote.
     */
    public String replaceAll(String expression, String regex, String replacement) {
        if (regex.contains("'") || replacement.contains("'") || replacement.contains("$") || replacement.contains("\\")) {
            throw new IllegalArgumentException("not portable: " + regex + " -> " + replacement);
        }
        String flags = this == POSTGRESQL ? ", 'g'" : "";
        return "REGEXP_REPLACE(" + expression + ", '" + regex + "', '" + replacement + "'" + flags + ")";
    }
}
