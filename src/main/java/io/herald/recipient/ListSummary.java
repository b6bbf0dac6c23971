package io.herald.recipient;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.Map;

/**
 * One item of GET /lists: the list, its recipients counted by status (every status present) and in all; counts and
 * total are null when not asked for (counts=false).
 */
@JsonbNillable
public record ListSummary(long id, String name, String unsubscribeScope, Instant createdAt, Map<String, Long> counts,
                          Long total) {

    static ListSummary of(RecipientList list, Map<String, Long> counts) {
        return new ListSummary(list.getId(), list.getName(), list.getUnsubscribeScope(), list.getCreatedAt(), counts,
                counts == null ? null : counts.values().stream().mapToLong(Long::longValue).sum());
    }
}
