package io.herald.preview;

import java.util.List;

/**
 * Body of POST /campaigns/{id}/test: 1 to 10 addresses to send the campaign's message to; recipient (optional,
 * as GET /campaigns/{id}/preview?recipient=) chooses whose placeholders fill it, by default the first ACTIVE one.
 */
public record TestSendRequest(List<String> addresses, String recipient) {
}
