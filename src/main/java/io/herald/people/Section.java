package io.herald.people;

import java.util.List;
import java.util.Map;

/** One part of an export: how many rows Herald holds, whether items stops short of them (the limit), and the rows. */
public record Section(long total, boolean truncated, List<Map<String, Object>> items) {

    static Section of(long total, List<Map<String, Object>> items) {
        return new Section(total, items.size() < total, items);
    }
}
