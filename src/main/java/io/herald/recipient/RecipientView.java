package io.herald.recipient;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.Map;

/** A recipient as GET /lists/{id}/recipients and PUT /lists/{id}/recipients/{rid} show it. */
@JsonbNillable
public record RecipientView(long id, String email, String name, RecipientStatus status, Map<String, String> attributes,
                            Instant createdAt) {

    static RecipientView of(Recipient r) {
        return new RecipientView(r.getId(), r.getEmail(), r.getName(), r.getStatus(), r.getAttributes(), r.getCreatedAt());
    }
}
