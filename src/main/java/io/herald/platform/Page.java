package io.herald.platform;

import java.util.List;

/**
 * One page of a collection (GET /templates, /campaigns, /lists ...): {"items", "page", "size", "total"}, newest
 * first; page counts from 0, size is 1..MAX_SIZE (DEFAULT_SIZE when not given).
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    /** The requested page and size, checked: 400 naming "page" or "size" when out of range. */
    public record Request(int page, int size) {

        /** From the query parameters as given (null or blank: the default). */
        public static Request of(String page, String size) {
            int p = number("page", page, 0);
            int s = number("size", size, DEFAULT_SIZE);
            if (p < 0) {
                throw ApiException.badRequest("page", "page must be 0 or more, not " + p);
            }
            if (s < 1 || s > MAX_SIZE) {
                throw ApiException.badRequest("size", "size must be between 1 and " + MAX_SIZE + ", not " + s);
            }
            return new Request(p, s);
        }

        private static int number(String field, String value, int otherwise) {
            if (value == null || value.isBlank()) {
                return otherwise;
            }
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(field, field + " must be a whole number, not '" + value + "'");
            }
        }

        /** Rows to skip before this page. */
        public int offset() {
            return (int) Math.min(Integer.MAX_VALUE, (long) page * size);
        }

        public <T> Page<T> of(List<T> items, long total) {
            return new Page<>(items, page, size, total);
        }
    }

    /** A LIKE pattern matching {@code q} anywhere, case-insensitive (compare with LOWER(column) ... ESCAPE '!'). */
    public static String containing(String q) {
        String escaped = q.trim().toLowerCase(java.util.Locale.ROOT)
                .replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + escaped + "%";
    }
}
