package io.herald.delivery;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

/** What the send step reads for one delivery: the row's state and the recipient it personalises with. */
public record DeliveryItem(long id, DeliveryStatus status, int attempts, Instant firstAttemptAt, String messageId,
                           long recipientId, String email, String name, Map<String, String> attributes)
        implements Serializable {
}
