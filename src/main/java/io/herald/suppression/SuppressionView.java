package io.herald.suppression;

import java.time.Instant;

/** A suppression entry as the API shows it; listId null = every list. */
public record SuppressionView(long id, String address, Long listId, String reason, String note, Instant createdAt) {

    static SuppressionView of(Suppression s) {
        return new SuppressionView(s.getId(), s.getEmail(), s.getListId() == Suppression.EVERY_LIST ? null : s.getListId(),
                s.getReason().name(), s.getNote(), s.getCreatedAt());
    }
}
