package io.herald.bounce;

import java.util.List;

/** GET /bounces/events: one page of bounce events, newest first, with the total. */
public record BounceEventPage(int page, int size, long total, List<BounceEventView> items) {
}
