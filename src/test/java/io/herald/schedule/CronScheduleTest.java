package io.herald.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 5-field cron expressions on the wall clock: what they accept, refuse, and which minute comes next. */
class CronScheduleTest {

    @Test
    void nightlyAtTwoIsTheNextTwoOClock() {
        CronSchedule nightly = CronSchedule.parse("0 2 * * *");
        assertEquals(LocalDateTime.of(2026, 3, 2, 2, 0), nightly.nextAfter(LocalDateTime.of(2026, 3, 1, 2, 0)));
        assertEquals(LocalDateTime.of(2026, 3, 1, 2, 0), nightly.nextAfter(LocalDateTime.of(2026, 3, 1, 1, 59, 59)));
    }

    @Test
    void weekdaysEveryQuarterHourDuringOfficeHours() {
        CronSchedule cron = CronSchedule.parse("*/15 9-17 * * 1-5");
        // Friday 2026-03-06 17:45 → Monday 09:00
        assertEquals(LocalDateTime.of(2026, 3, 9, 9, 0), cron.nextAfter(LocalDateTime.of(2026, 3, 6, 17, 45)));
        assertEquals(LocalDateTime.of(2026, 3, 9, 9, 15), cron.nextAfter(LocalDateTime.of(2026, 3, 9, 9, 0)));
    }

    @Test
    void everyMinute() {
        assertEquals(LocalDateTime.of(2026, 1, 1, 0, 1), CronSchedule.parse("* * * * *").nextAfter(LocalDateTime.of(2026, 1, 1, 0, 0, 30)));
    }

    @Test
    void extraBlanksAreIgnored() {
        assertEquals("0 2 * * *", CronSchedule.parse("  0  2 *\t* * ").expression());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "* * * *", "0 2 * * * *", "61 * * * *", "0 25 * * *", "0 2 32 * *",
            "0 2 * 13 *", "abc def ghi jkl mno", "0 0 31 2 *"})
    void refusesWhatIsNotAFiveFieldCronExpressionThatCanMatch(String expression) {
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(expression));
    }

    @Test
    void nullIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(null));
    }
}
