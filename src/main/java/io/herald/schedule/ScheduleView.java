package io.herald.schedule;

import java.time.Instant;
import java.util.List;

/**
 * A campaign's schedule as the API shows it (PUT /campaigns/{id}/schedule, and "schedule" in GET /campaigns/{id}):
 * what was set, {@code nextDueAt} (null when nothing is due any more, or the campaign is no longer DRAFT) and the
 * latest runs, newest first.
 */
public record ScheduleView(Instant sendAt, String cron, String timeZone, String missedRuns, Instant nextDueAt,
                           List<RunView> runs) {
}
