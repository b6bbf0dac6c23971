package io.herald.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * Exponential backoff for transient SMTP failures: the first retry after firstDelay, then each delay multiplied by
 * factor (30 s, 1 min, 2 min, 4 min with the defaults), never more than maxDelay apart; a delivery gives up after
 * maxAttempts attempts or once giveUpAfter has passed since its first attempt.
 */
public record RetrySchedule(Duration firstDelay, double factor, Duration maxDelay, int maxAttempts, Duration giveUpAfter) {

    /** One hour: past that, a throttling server is better served by the give-up rule than by longer waits. */
    public static final Duration DEFAULT_MAX_DELAY = Duration.ofHours(1);
    /** Two days, a common MTA queue lifetime is 5; a campaign is stale long before. */
    public static final Duration DEFAULT_GIVE_UP = Duration.ofDays(2);

    public RetrySchedule {
        if (firstDelay == null || firstDelay.isNegative() || firstDelay.isZero() || maxAttempts < 1) {
            throw new IllegalArgumentException("retry delay must be positive and attempts at least 1");
        }
        if (maxDelay == null || maxDelay.isNegative() || maxDelay.isZero()) {
            throw new IllegalArgumentException("maximum retry delay must be positive");
        }
        if (factor < 1 || Double.isNaN(factor)) {
            throw new IllegalArgumentException("retry factor must be at least 1");
        }
        if (giveUpAfter == null || giveUpAfter.isNegative() || giveUpAfter.isZero()) {
            throw new IllegalArgumentException("give-up age must be positive");
        }
    }

    /** Doubling delays with the default cap and give-up age. */
    public RetrySchedule(Duration firstDelay, int maxAttempts, Duration maxDelay) {
        this(firstDelay, 2.0, maxDelay, maxAttempts, DEFAULT_GIVE_UP);
    }

    /** True when a delivery that failed its attempt number {@code attempts} must not be tried again. */
    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }

    /** True when the delivery first tried at {@code firstAttempt} is older than the give-up age at {@code now}. */
    public boolean tooOld(Instant firstAttempt, Instant now) {
        return firstAttempt != null && !Duration.between(firstAttempt, now).minus(giveUpAfter).isNegative();
    }

    /** When to try again after the attempt number {@code attempts} (1 for the first) failed at {@code now}. */
    public Instant nextAttempt(int attempts, Instant now) {
        double seconds = firstDelay.toMillis() / 1000.0;
        for (int i = 1; i < attempts && seconds < maxDelay.toSeconds(); i++) {
            seconds *= factor;
        }
        Duration delay = Duration.ofMillis((long) Math.min(seconds * 1000, maxDelay.toMillis()));
        return now.plus(delay);
    }
}
