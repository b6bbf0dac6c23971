package io.herald.deliverability;

import java.util.List;

/**
 * What one unsubscribe changed, so that it can be undone and nothing else: the recipients it moved from ACTIVE to
 * UNSUBSCRIBED, the suppression entry it made (0 when the address was suppressed there already), how many unsent
 * deliveries it skipped.
 */
public record Unsubscribed(UnsubscribeScope scope, List<Long> recipientIds, long suppressionId, int skipped) {

    public Unsubscribed {
        recipientIds = List.copyOf(recipientIds);
    }

    /** False when the address was unsubscribed and suppressed already: there is nothing to undo. */
    public boolean changedAnything() {
        return !recipientIds.isEmpty() || suppressionId > 0;
    }
}
