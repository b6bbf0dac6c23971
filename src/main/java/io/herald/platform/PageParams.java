package io.herald.platform;

import jakarta.ws.rs.QueryParam;

/**
 * The ?page=&size= of a paged collection, for {@code @BeanParam}: page counts from 0, size is 1 to 500 (default 50).
 * Read as text so that "abc" is a 400 naming the field like -1 is, not the 404 JAX-RS gives an unconvertible parameter.
 */
public class PageParams {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    @QueryParam("page")
    String page;

    @QueryParam("size")
    String size;

    public PageParams() {
    }

    public PageParams(String page, String size) {
        this.page = page;
        this.size = size;
    }

    /** The page asked for; 400 naming page or size when it is not a number in range. */
    public PageRequest checked() {
        int p = number("page", page, 0);
        int s = number("size", size, DEFAULT_SIZE);
        if (p < 0) {
            throw ApiException.badRequest("page", "page must be 0 or more, not " + p);
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ApiException.badRequest("size", "size must be between 1 and " + MAX_SIZE + ", not " + s);
        }
        if ((long) p * s > Integer.MAX_VALUE) {
            throw ApiException.badRequest("page", "page " + p + " of size " + s + " is past any collection Herald holds");
        }
        return new PageRequest(p, s);
    }

    private static int number(String field, String value, int defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(field, field + " must be a whole number, not '" + value + "'");
        }
    }
}
