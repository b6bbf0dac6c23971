package io.herald.mail;

import java.time.Duration;

/**
 * Slows a connection down when the server says so (421, 4.7.x) instead of burning through the list: each
 * throttling reply doubles the pause between messages (from 1 s up to 60 s), each accepted message halves it.
 */
public final class SendThrottle {

    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final Duration MAX_PAUSE = Duration.ofSeconds(60);

    private Duration pause = Duration.ZERO;

    /** The pause to keep before the next message. */
    public Duration pause() {
        return pause;
    }

    public void throttled() {
        pause = pause.isZero() ? FIRST_PAUSE : min(pause.multipliedBy(2), MAX_PAUSE);
    }

    public void accepted() {
        pause = pause.compareTo(FIRST_PAUSE) <= 0 ? Duration.ZERO : pause.dividedBy(2);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
