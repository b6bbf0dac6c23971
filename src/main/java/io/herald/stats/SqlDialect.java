package io.herald.stats;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The two databases Herald runs on, told apart by the JDBC connection's metadata, for the few SQL fragments that
 * differ between them. Today: REGEXP_REPLACE, which replaces every match on H2 (and refuses the 'g' flag) but only
 * the first on PostgreSQL unless given 'g'.
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
