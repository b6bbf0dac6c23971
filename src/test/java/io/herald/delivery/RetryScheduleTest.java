package io.herald.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** When a delivery that failed transiently is tried again, and when it is not tried any more. */
class RetryScheduleTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    /** What a campaign gets unless it says otherwise: 30 s first delay, 5 attempts, at most an hour apart. */
    private static final RetrySchedule DEFAULTS =
            new RetrySchedule(Duration.ofSeconds(30), 5, RetrySchedule.DEFAULT_MAX_DELAY);

    @ParameterizedTest(name = "after failed attempt {0} the next one is at {1}")
    @CsvSource(textBlock = """
            1, 2026-01-01T00:00:30Z
            2, 2026-01-01T00:01:00Z
            3, 2026-01-01T00:02:00Z
            4, 2026-01-01T00:04:00Z
            """)
    void theDelayStartsAt30SecondsAndDoubles(int failedAttempt, Instant next) {
        assertFalse(DEFAULTS.exhausted(failedAttempt));
        assertEquals(next, DEFAULTS.nextAttempt(failedAttempt, NOW));
    }

    @Test
    void theFifthFailedAttemptIsTheLast() {
        assertTrue(DEFAULTS.exhausted(5));
        assertTrue(DEFAULTS.exhausted(6));
    }

    @Test
    void theDefaultCapIsOneHour() {
        assertEquals(Duration.ofHours(1), RetrySchedule.DEFAULT_MAX_DELAY);
    }

    @ParameterizedTest(name = "after failed attempt {0} the next one is at {1}")
    @CsvSource(textBlock = """
            1, 2026-01-01T00:01:00Z
            2, 2026-01-01T00:02:00Z
            3, 2026-01-01T00:04:00Z
            4, 2026-01-01T00:05:00Z
            5, 2026-01-01T00:05:00Z
            """)
    void theDelayNeverExceedsMaxDelay(int failedAttempt, Instant next) {
        RetrySchedule schedule = new RetrySchedule(Duration.ofMinutes(1), 10, Duration.ofMinutes(5));

        assertEquals(next, schedule.nextAttempt(failedAttempt, NOW));
    }

    @Test
    void aLongRunOfFailuresWaitsMaxDelayWithoutOverflowing() {
        RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(30), 10_000, RetrySchedule.DEFAULT_MAX_DELAY);

        assertEquals(NOW.plus(Duration.ofHours(1)), schedule.nextAttempt(5_000, NOW));
    }

    @Test
    void aFirstDelayLongerThanMaxDelayIsCappedToo() {
        RetrySchedule schedule = new RetrySchedule(Duration.ofHours(2), 3, Duration.ofHours(1));

        assertEquals(NOW.plus(Duration.ofHours(1)), schedule.nextAttempt(1, NOW));
    }

    @Test
    void aSingleAttemptScheduleNeverRetries() {
        RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(30), 1, RetrySchedule.DEFAULT_MAX_DELAY);

        assertTrue(schedule.exhausted(1));
    }

    @ParameterizedTest(name = "a first delay of {0} s is refused")
    @ValueSource(longs = {0, -1, -30})
    void aFirstDelayThatIsNotPositiveIsRefused(long seconds) {
        assertThrows(IllegalArgumentException.class,
                () -> new RetrySchedule(Duration.ofSeconds(seconds), 5, RetrySchedule.DEFAULT_MAX_DELAY));
    }

    @ParameterizedTest(name = "{0} attempts is refused")
    @ValueSource(ints = {0, -1})
    void fewerThanOneAttemptIsRefused(int attempts) {
        assertThrows(IllegalArgumentException.class,
                () -> new RetrySchedule(Duration.ofSeconds(30), attempts, RetrySchedule.DEFAULT_MAX_DELAY));
    }

    @Test
    void aMissingFirstDelayIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(null, 5, RetrySchedule.DEFAULT_MAX_DELAY));
    }

    @ParameterizedTest(name = "a max delay of {0} s is refused")
    @ValueSource(longs = {0, -60})
    void aMaxDelayThatIsNotPositiveIsRefused(long seconds) {
        assertThrows(IllegalArgumentException.class,
                () -> new RetrySchedule(Duration.ofSeconds(30), 5, Duration.ofSeconds(seconds)));
    }

    @Test
    void aMissingMaxDelayIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(Duration.ofSeconds(30), 5, null));
    }
}
