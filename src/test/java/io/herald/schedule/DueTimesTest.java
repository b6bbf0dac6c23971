package io.herald.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Due times of one-off and recurring schedules, over simulated days and DST changes, and missed runs. */
class DueTimesTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static Schedule nightly(MissedRuns missed) {
        return new Schedule(null, CronSchedule.parse("0 2 * * *"), BERLIN, missed);
    }

    private static Instant berlin(int month, int day, int hour, int minute) {
        return LocalDateTime.of(2026, month, day, hour, minute).atZone(BERLIN).toInstant();
    }

    /** Drives DueTimes like the scheduler does, one tick every {@code tick}, and returns the runs sent. */
    private static List<Instant> simulate(Schedule s, Instant from, Instant to, Duration tick) {
        List<Instant> runs = new ArrayList<>();
        Instant nextDue = DueTimes.next(s, from);
        for (Instant now = from; now.isBefore(to); now = now.plus(tick)) {
            if (nextDue != null && !nextDue.isAfter(now)) {
                DueTimes.Decision d = DueTimes.decide(s, nextDue, now);
                if (d.runDueAt() != null) {
                    runs.add(d.runDueAt());
                }
                assertTrue(d.following() == null || d.following().isAfter(nextDue), "due times only move forward");
                nextDue = d.following();
            }
        }
        return runs;
    }

    @Test
    void aOneOffSendIsDueAtItsTimeAndThenNeverAgain() {
        Instant at = Instant.parse("2026-06-01T08:00:00Z");
        Schedule once = new Schedule(at, null, UTC, MissedRuns.RUN_ONCE);
        assertEquals(at, DueTimes.next(once, at.minusSeconds(3600)));
        assertNull(DueTimes.next(once, at));
        DueTimes.Decision d = DueTimes.decide(once, at, at.plusSeconds(3));
        assertEquals(at, d.runDueAt());
        assertNull(d.following());
        assertEquals(0, d.missed());
    }

    @Test
    void aOneOffSendIsLaunchedOnceBySuccessiveTicks() {
        Instant at = Instant.parse("2026-06-01T08:00:00Z");
        Schedule once = new Schedule(at, null, UTC, MissedRuns.RUN_ONCE);
        assertEquals(List.of(at), simulate(once, at.minusSeconds(60), at.plusSeconds(3600), Duration.ofSeconds(5)));
    }

    @Test
    void aNightlyScheduleRunsOnceEveryNightAtTwoBerlinTime() {
        List<Instant> runs = simulate(nightly(MissedRuns.RUN_ONCE), berlin(6, 1, 12, 0), berlin(6, 6, 12, 0),
                Duration.ofSeconds(5));
        assertEquals(List.of(berlin(6, 2, 2, 0), berlin(6, 3, 2, 0), berlin(6, 4, 2, 0), berlin(6, 5, 2, 0),
                berlin(6, 6, 2, 0)), runs);
        assertEquals(Instant.parse("2026-06-02T00:00:00Z"), runs.get(0), "02:00 CEST is 00:00 UTC");
    }

    @Test
    void springForwardTheNightlyRunIsDueRightAfterTheGapAndNoNightIsLost() {
        // 2026-03-29: at 02:00 CET the clocks jump to 03:00 CEST, so 02:00 does not exist that night
        List<Instant> runs = simulate(nightly(MissedRuns.RUN_ONCE), berlin(3, 27, 12, 0), berlin(3, 31, 12, 0),
                Duration.ofMinutes(1));
        assertEquals(List.of(
                Instant.parse("2026-03-28T01:00:00Z"),      // 02:00 CET
                Instant.parse("2026-03-29T01:00:00Z"),      // 03:00 CEST, the first minute after the gap
                Instant.parse("2026-03-30T00:00:00Z"),      // 02:00 CEST
                Instant.parse("2026-03-31T00:00:00Z")), runs);
    }

    @Test
    void fallBackTheNightlyRunIsDueOnceAtTheFirstTwoOClock() {
        // 2026-10-25: at 03:00 CEST the clocks go back to 02:00 CET, so 02:00–02:59 happens twice
        List<Instant> runs = simulate(nightly(MissedRuns.RUN_ONCE), berlin(10, 23, 12, 0), berlin(10, 27, 12, 0),
                Duration.ofMinutes(1));
        assertEquals(List.of(
                Instant.parse("2026-10-24T00:00:00Z"),      // 02:00 CEST
                Instant.parse("2026-10-25T00:00:00Z"),      // 02:00 CEST, not again at 02:00 CET (01:00 UTC)
                Instant.parse("2026-10-26T01:00:00Z"),      // 02:00 CET
                Instant.parse("2026-10-27T01:00:00Z")), runs);
    }

    @Test
    void aQuarterHourlyScheduleNeverRunsTwiceForOneWallClockTimeAcrossFallBack() {
        Schedule s = new Schedule(null, CronSchedule.parse("*/15 * * * *"), BERLIN, MissedRuns.RUN_ONCE);
        List<Instant> runs = simulate(s, Instant.parse("2026-10-24T22:00:00Z"), Instant.parse("2026-10-25T04:00:00Z"),
                Duration.ofSeconds(30));
        var wallClock = runs.stream().map(r -> LocalDateTime.ofInstant(r, BERLIN)).toList();
        assertEquals(wallClock.size(), wallClock.stream().distinct().count(), wallClock.toString());
        for (int i = 1; i < runs.size(); i++) {
            assertTrue(runs.get(i).isAfter(runs.get(i - 1)));
        }
    }

    @Test
    void aRunSeenALittleLateIsStillSentForItsOwnDueTime() {
        Instant due = berlin(6, 2, 2, 0);
        DueTimes.Decision d = DueTimes.decide(nightly(MissedRuns.SKIP), due, due.plusSeconds(40));
        assertEquals(due, d.runDueAt());
        assertEquals(berlin(6, 3, 2, 0), d.following());
        assertEquals(0, d.missed());
    }

    @Test
    void runsMissedWhileTheServerWasDownRunOnceForTheLatestOfThem() {
        // down from 1 June 01:00 to 4 June 09:00: the runs of 1, 2, 3 and 4 June were missed
        DueTimes.Decision d = DueTimes.decide(nightly(MissedRuns.RUN_ONCE), berlin(6, 1, 2, 0), berlin(6, 4, 9, 0));
        assertEquals(berlin(6, 4, 2, 0), d.runDueAt());
        assertEquals(berlin(6, 5, 2, 0), d.following());
        assertEquals(4, d.missed());
    }

    @Test
    void runsMissedWhileTheServerWasDownAreSkippedUnderSkip() {
        DueTimes.Decision d = DueTimes.decide(nightly(MissedRuns.SKIP), berlin(6, 1, 2, 0), berlin(6, 4, 9, 0));
        assertNull(d.runDueAt());
        assertEquals(berlin(6, 5, 2, 0), d.following());
        assertEquals(4, d.missed());
    }

    @Test
    void aMissedOneOffSendRunsOnceOrNotAtAll() {
        Instant at = Instant.parse("2026-06-01T08:00:00Z");
        Instant later = at.plus(Duration.ofHours(5));
        DueTimes.Decision once = DueTimes.decide(new Schedule(at, null, UTC, MissedRuns.RUN_ONCE), at, later);
        assertEquals(at, once.runDueAt());
        assertNull(once.following());
        DueTimes.Decision skip = DueTimes.decide(new Schedule(at, null, UTC, MissedRuns.SKIP), at, later);
        assertNull(skip.runDueAt());
        assertNull(skip.following());
    }

    @Test
    void aSimulatedOutageRunsOneCatchUpRunAtStartupThenTheNightlyRunsGoOn() {
        Schedule s = nightly(MissedRuns.RUN_ONCE);
        List<Instant> runs = new ArrayList<>();
        Instant nextDue = DueTimes.next(s, berlin(6, 1, 12, 0));          // 2 June 02:00
        Instant startup = berlin(6, 4, 9, 0);                              // down from 1 June 12:00 until then
        for (Instant now = startup; now.isBefore(berlin(6, 6, 12, 0)); now = now.plusSeconds(5)) {
            if (!nextDue.isAfter(now)) {
                DueTimes.Decision d = DueTimes.decide(s, nextDue, now);
                runs.add(d.runDueAt());
                nextDue = d.following();
            }
        }
        assertEquals(List.of(berlin(6, 4, 2, 0), berlin(6, 5, 2, 0), berlin(6, 6, 2, 0)), runs);
    }

    @Test
    void aSendTimeBesidesACronIsOneExtraRun() {
        Instant extra = berlin(6, 2, 14, 30);
        Schedule s = new Schedule(extra, CronSchedule.parse("0 2 * * *"), BERLIN, MissedRuns.RUN_ONCE);
        assertEquals(List.of(berlin(6, 2, 2, 0), extra, berlin(6, 3, 2, 0)),
                simulate(s, berlin(6, 1, 12, 0), berlin(6, 3, 12, 0), Duration.ofSeconds(5)));
    }

    @Test
    void aDueTimeInTheFutureCannotBeDecided() {
        Instant due = berlin(6, 2, 2, 0);
        assertThrows(IllegalArgumentException.class, () -> DueTimes.decide(nightly(MissedRuns.RUN_ONCE), due, due.minusSeconds(1)));
    }
}
