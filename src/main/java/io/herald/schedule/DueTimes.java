package io.herald.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;

/**
 * The due-time rules, pure and clock-free so they are unit-tested over simulated days.
 * <ul>
 * <li>A cron time is wall-clock time in the schedule's zone. On the spring-forward day a time inside the gap
 *     (02:30 in Europe/Berlin on the last Sunday of March) is due at the same distance after the gap (03:30 CEST),
 *     as Vixie cron does, so a nightly run is never lost. On the fall-back day a time inside the repeated hour is
 *     due once, at its first occurrence (CEST), so a nightly run is never doubled.</li>
 * <li>A due time is <em>missed</em> when the scheduler sees it {@link #MISSED_AFTER} or more late: no node was
 *     running then. Missed due times run once (the latest of them) or are skipped, per the schedule's MissedRuns.</li>
 * </ul>
 */
public final class DueTimes {

    /**
     * The scheduler ticks every 5 s (Scheduler.TICK_SECONDS), so a due time is normally claimed within a few
     * seconds; one a minute late was not seen by any running node.
     */
    public static final Duration MISSED_AFTER = Duration.ofMinutes(1);

    /** Bounds the walk over missed due times: a minutely cron missed for 10 weeks (a longer outage skips ahead). */
    private static final int MAX_MISSED_STEPS = 100_000;

    private DueTimes() {
    }

    /** What one tick does with a due time: send a run due at {@code runDueAt} (null: send nothing), then wait for {@code following} (null: never again). */
    public record Decision(Instant runDueAt, Instant following, int missed) {
    }

    /** The first due time strictly after {@code after}, or null when the schedule has none left. */
    public static Instant next(Schedule s, Instant after) {
        Instant once = s.sendAt() != null && s.sendAt().isAfter(after) ? s.sendAt() : null;
        Instant recurring = s.cron() == null ? null : nextCron(s, after);
        if (once == null) {
            return recurring;
        }
        return recurring == null || once.isBefore(recurring) ? once : recurring;
    }

    /**
     * The scheduler found {@code due} (the campaign's next_due_at) at or before {@code now}: a due time seen in time
     * runs; missed ones run once or not at all (MissedRuns); the following due time is after both.
     */
    public static Decision decide(Schedule s, Instant due, Instant now) {
        if (due.isAfter(now)) {
            throw new IllegalArgumentException("not due yet: " + due + " is after " + now);
        }
        if (Duration.between(due, now).compareTo(MISSED_AFTER) < 0) {
            return new Decision(due, next(s, due), 0);
        }
        Instant latest = due;
        int missed = 1;
        for (Instant t = next(s, due); t != null && !t.isAfter(now) && missed < MAX_MISSED_STEPS; t = next(s, t)) {
            latest = t;
            missed++;
        }
        Instant following = next(s, now);
        return s.missedRuns() == MissedRuns.RUN_ONCE
                ? new Decision(latest, following, missed)
                : new Decision(null, following, missed);
    }

    private static Instant nextCron(Schedule s, Instant after) {
        // walk the wall clock from the local time of `after`; see the class comment for the DST rules
        LocalDateTime local = LocalDateTime.ofInstant(after, s.zone());
        for (int guard = 0; guard < 1000; guard++) {
            LocalDateTime candidate = s.cron().nextAfter(local);
            if (candidate == null) {
                return null;
            }
            // ofLocal: a time in a gap moves forward by the gap's length; in an overlap it takes the earlier offset
            ZonedDateTime at = ZonedDateTime.ofLocal(candidate, s.zone(), null);
            if (at.toInstant().isAfter(after)) {
                return at.toInstant();
            }
            // `after` is in the repeated hour's second pass: this local time has been due already
            local = candidate;
        }
        throw new IllegalStateException("no due time found after " + after + " for " + s.cron());
    }
}
