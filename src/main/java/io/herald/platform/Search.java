package io.herald.platform;

import java.util.Locale;

/**
 * The q= of a collection as a LIKE pattern for {@code LOWER(column) LIKE :q ESCAPE '!'}: a case-insensitive
 * substring (contains), or a prefix (startsWith, which an index on the column can answer); lower-cased, with %, _
 * and ! escaped so they match themselves.
 */
public final class Search {

    /** The clause's escape character, as JPQL and SQL text. */
    public static final String ESCAPE = "ESCAPE '!'";
    static final int MAX_LENGTH = 200;

    private Search() {
    }

    /** The pattern for q, or null when q is missing or blank (no filter); 400 naming q when it is too long. */
    public static String contains(String q) {
        String escaped = escaped(q);
        return escaped == null ? null : "%" + escaped + "%";
    }

    /** The pattern of the values that start with q (lower-cased), or null when q is missing or blank; 400 as contains. */
    public static String startsWith(String q) {
        String escaped = escaped(q);
        return escaped == null ? null : escaped + "%";
    }

    private static String escaped(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        String text = q.trim();
        if (text.length() > MAX_LENGTH) {
            throw ApiException.badRequest("q", "q is longer than " + MAX_LENGTH + " characters");
        }
        return text.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
