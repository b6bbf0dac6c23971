package io.herald.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * When a campaign is due: a one-off {@code sendAt}, a recurring {@code cron} on the wall clock of {@code zone}, or
 * both (then sendAt is one extra run besides the recurring ones). Validated values; DueTimes computes with them.
 */
public record Schedule(Instant sendAt, CronSchedule cron, ZoneId zone, MissedRuns missedRuns) {

    public Schedule {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(missedRuns, "missedRuns");
        if (sendAt == null && cron == null) {
            throw new IllegalArgumentException("a schedule needs a send time or a cron expression");
        }
    }

    /** A recurring campaign never sends itself: each due time becomes a run (a child campaign). */
    public boolean recurring() {
        return cron != null;
    }
}
