package io.herald.recipient;

import java.util.Map;

/** One entry of POST /lists/{id}/recipients: attribute values may be strings, numbers or booleans. */
public record RecipientRequest(String email, String name, Map<String, Object> attributes) {
}
