package io.herald.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A campaign's send rate: messages SENT over the last 10 seconds divided by 10, from a ring of (time, SENT count)
 * samples taken once per tick; samples older than the window are dropped, so it holds about ten.
 */
final class SendRate {

    static final Duration WINDOW = Duration.ofSeconds(10);

    private record Sample(Instant at, long sent) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    /** Adds the SENT count read at {@code at} and returns the rate in messages per second. */
    synchronized double sample(Instant at, long sent) {
        samples.addLast(new Sample(at, sent));
        Instant windowStart = at.minus(WINDOW);
        // the baseline: the latest sample at or before the window's start (or the oldest, in the first 10 s)
        while (samples.size() > 1 && !second().at().isAfter(windowStart)) {
            samples.removeFirst();
        }
        long delta = Math.max(0, sent - samples.peekFirst().sent());
        return Math.round(delta * 10.0 / WINDOW.toSeconds()) / 10.0;
    }

    private Sample second() {
        var it = samples.iterator();
        it.next();
        return it.next();
    }
}
