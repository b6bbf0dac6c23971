package io.herald.recipient;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.Map;

/** One item of GET /lists: the list, its recipients counted by status (every status present) and in all. */
@JsonbNillable
public record ListSummary(long id, String name, String unsubscribeScope, Instant createdAt, Map<String, Long> counts,
                          long total) {

    static ListSummary of(RecipientList list, Map<String, Long> counts) {
        return new ListSummary(list.getId(), list.getName(), list.getUnsubscribeScope(), list.getCreatedAt(), counts,
                counts.values().stream().mapToLong(Long::longValue).sum());
    }
}
