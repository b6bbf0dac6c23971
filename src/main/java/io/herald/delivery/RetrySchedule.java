package io.herald.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * Exponential backoff for transient SMTP failures: the first retry after firstDelay, then doubling
 * (30 s, 1 min, 2 min, 4 min with the defaults), never more than maxDelay apart, at most maxAttempts attempts.
 */
public record RetrySchedule(Duration firstDelay, int maxAttempts, Duration maxDelay) {

    /** One hour: past that, a throttling server is better served by the give-up rule than by longer waits. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofHours(1);

    public RetrySchedule {
        if (firstDelay == null || firstDelay.isNegative() || firstDelay.isZero() || maxAttempts < 1) {
            throw new IllegalArgumentException("retry delay must be positive and attempts at least 1");
        }
        if (maxDelay == null || maxDelay.isNegative() || maxDelay.isZero()) {
            throw new IllegalArgumentException("maximum retry delay must be positive");
        }
    }

    /** True when a delivery that failed its attempt number {@code attempts} must not be tried again. */
    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }

    /** When to try again after the attempt number {@code attempts} (1 for the first) failed at {@code now}. */
    public Instant nextAttempt(int attempts, Instant now) {
        Duration delay = firstDelay;
        for (int i = 1; i < attempts && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return now.plus(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
    }
}
