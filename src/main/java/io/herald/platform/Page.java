package io.herald.platform;

import java.util.List;

/** One page of a collection, newest first: {items, page, size, total}; total counts every item the filter matches. */
public record Page<T>(List<T> items, int page, int size, long total) {
}
