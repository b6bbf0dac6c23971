package io.herald.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.platform.ApiException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PUT /campaigns/{id}/schedule input: what is accepted, and every refusal names its field. */
class ScheduleRequestTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static String refusedField(ScheduleRequest r) {
        return assertThrows(ApiException.class, () -> ScheduleService.parse(r, NOW)).field();
    }

    @Test
    void aOneOffSendTimeWithAnOffset() {
        Schedule s = ScheduleService.parse(new ScheduleRequest("2026-06-01T14:30:00+02:00", null, null, null), NOW);
        assertEquals(Instant.parse("2026-06-01T12:30:00Z"), s.sendAt());
        assertNull(s.cron());
        assertEquals(ZoneId.of("UTC"), s.zone());
        assertEquals(MissedRuns.RUN_ONCE, s.missedRuns());
    }

    @Test
    void aSendTimeWithoutOffsetIsWallClockTimeInTheZone() {
        Schedule s = ScheduleService.parse(new ScheduleRequest("2026-06-01T14:30:00", null, "Europe/Berlin", null), NOW);
        assertEquals(Instant.parse("2026-06-01T12:30:00Z"), s.sendAt());
    }

    @Test
    void aNightlyCronInAZoneSkippingMissedRuns() {
        Schedule s = ScheduleService.parse(new ScheduleRequest(null, "0 2 * * *", "Europe/Berlin", "skip"), NOW);
        assertEquals("0 2 * * *", s.cron().expression());
        assertEquals(MissedRuns.SKIP, s.missedRuns());
        assertEquals(Instant.parse("2026-06-02T00:00:00Z"), DueTimes.next(s, NOW));
    }

    @Test
    void eachBadFieldIsNamed() {
        assertEquals("cron", refusedField(new ScheduleRequest(null, "0 2 * *", null, null)));
        assertEquals("cron", refusedField(new ScheduleRequest(null, "every night", null, null)));
        assertEquals("timeZone", refusedField(new ScheduleRequest(null, "0 2 * * *", "Mars/Olympus", null)));
        assertEquals("sendAt", refusedField(new ScheduleRequest("2026-05-31T12:00:00Z", null, null, null)));
        assertEquals("sendAt", refusedField(new ScheduleRequest("tomorrow", null, null, null)));
        assertEquals("sendAt", refusedField(new ScheduleRequest(null, null, "UTC", null)));
        assertEquals("missedRuns", refusedField(new ScheduleRequest(null, "0 2 * * *", null, "twice")));
        assertEquals("body", refusedField(null));
    }

    @Test
    void launchOrderIsHighFirstThenEarliestDueThenOldest() {
        Instant t = NOW;
        var low = new ScheduleStore.Due(1, Priority.LOW, t.minusSeconds(60));
        var normalLate = new ScheduleStore.Due(2, Priority.NORMAL, t);
        var normalEarly = new ScheduleStore.Due(3, Priority.NORMAL, t.minusSeconds(30));
        var high = new ScheduleStore.Due(4, Priority.HIGH, t);
        var normalEarlyOld = new ScheduleStore.Due(0, Priority.NORMAL, t.minusSeconds(30));
        var sorted = new java.util.ArrayList<>(List.of(low, normalLate, normalEarly, high, normalEarlyOld));
        sorted.sort(ScheduleStore.Due.LAUNCH_ORDER);
        assertEquals(List.of(high, normalEarlyOld, normalEarly, normalLate, low), sorted);
    }
}
