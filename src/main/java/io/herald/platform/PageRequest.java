package io.herald.platform;

import java.util.List;

/** A checked page of a collection (see PageParams): which rows to read, and the answer built around them. */
public record PageRequest(int page, int size) {

    /** The first row of the page, for setFirstResult (PageParams keeps it within an int). */
    public int offset() {
        return page * size;
    }

    public <T> Page<T> of(List<T> items, long total) {
        return new Page<>(items, page, size, total);
    }
}
