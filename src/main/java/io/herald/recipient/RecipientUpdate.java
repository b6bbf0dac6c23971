package io.herald.recipient;

import java.util.Map;

/**
 * Body of PUT /lists/{id}/recipients/{rid}: the recipient as POST /lists/{id}/recipients takes it (it replaces name
 * and attributes), and optionally its status, "ACTIVE" or "UNSUBSCRIBED" (unchanged when absent).
 */
public record RecipientUpdate(String email, String name, Map<String, Object> attributes, String status) {

    RecipientRequest entry() {
        return new RecipientRequest(email, name, attributes);
    }
}
