package io.herald.schedule;

/**
 * Body of PUT /campaigns/{id}/schedule. {@code sendAt}: ISO 8601, with an offset ("2026-12-01T08:00:00Z",
 * "…+01:00") or without one (then it is wall-clock time in timeZone); {@code cron}: 5 fields, e.g. "0 2 * * *";
 * {@code timeZone}: an IANA zone such as "Europe/Berlin" (default "UTC"); {@code missedRuns}: "run-once" (default)
 * or "skip". At least one of sendAt and cron.
 */
public record ScheduleRequest(String sendAt, String cron, String timeZone, String missedRuns) {
}
