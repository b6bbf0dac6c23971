package io.herald.schedule;

import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignStatus;
import io.herald.delivery.DeliveryStore;
import io.herald.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Sets, clears and shows campaign schedules (the API side; Scheduler launches what is due). */
@ApplicationScoped
public class ScheduleService {

    /** GET /campaigns/{id} lists this many runs, newest first. */
    static final int RUNS_SHOWN = 50;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    DeliveryStore deliveries;

    @Inject
    Clock clock;

    /**
     * PUT /campaigns/{id}/schedule: replaces the schedule of a DRAFT campaign and computes its first due time. The
     * update is conditional on DRAFT, so a campaign launched meanwhile is refused (409), never half scheduled.
     */
    @Transactional
    public ScheduleView set(long campaignId, ScheduleRequest r) {
        Instant now = clock.instant();
        Schedule s = parse(r, now);
        Campaign c = find(campaignId);
        if (c.getParentId() != null) {
            throw ApiException.conflict("status", "campaign " + campaignId + " is a run of campaign " + c.getParentId()
                    + "; schedule that campaign instead");
        }
        Instant next = DueTimes.next(s, now);
        int updated = em.createQuery("""
                        UPDATE Campaign c SET c.sendAt = :sendAt, c.cron = :cron, c.timeZone = :zone,
                               c.missedRuns = :missed, c.nextDueAt = :next
                        WHERE c.id = :id AND c.status = :draft""")
                .setParameter("sendAt", s.sendAt())
                .setParameter("cron", s.cron() == null ? null : s.cron().expression())
                .setParameter("zone", s.zone().getId())
                .setParameter("missed", s.missedRuns())
                .setParameter("next", next)
                .setParameter("id", campaignId)
                .setParameter("draft", CampaignStatus.DRAFT)
                .executeUpdate();
        if (updated != 1) {
            throw ApiException.conflict("status", "campaign " + campaignId + " is " + c.getStatus()
                    + "; only a DRAFT campaign can be scheduled");
        }
        em.refresh(c);
        return view(c);
    }

    /** DELETE /campaigns/{id}/schedule: nothing is due any more; runs already sent stay. */
    @Transactional
    public void clear(long campaignId) {
        find(campaignId);
        em.createQuery("""
                        UPDATE Campaign c SET c.sendAt = NULL, c.cron = NULL, c.timeZone = NULL, c.missedRuns = NULL,
                               c.nextDueAt = NULL
                        WHERE c.id = :id""")
                .setParameter("id", campaignId)
                .executeUpdate();
    }

    /** The campaign's schedule and runs, or null when it has neither. */
    @Transactional
    public ScheduleView view(Campaign c) {
        List<RunView> runs = em.createQuery(
                        "SELECT c FROM Campaign c WHERE c.parentId = :id ORDER BY c.dueAt DESC, c.id DESC", Campaign.class)
                .setParameter("id", c.getId())
                .setMaxResults(RUNS_SHOWN)
                .getResultStream()
                .map(run -> new RunView(run.getId(), run.getDueAt(), run.getStatus(), deliveries.counts(run.getId())))
                .toList();
        if (c.getSendAt() == null && c.getCron() == null && runs.isEmpty()) {
            return null;
        }
        return new ScheduleView(c.getSendAt(), c.getCron(), c.getTimeZone(),
                c.getMissedRuns() == null ? null : c.getMissedRuns().json(),
                c.getStatus() == CampaignStatus.DRAFT ? c.getNextDueAt() : null, runs);
    }

    /** The stored schedule of a campaign, or null when it has none. */
    public static Schedule of(Campaign c) {
        if (c.getSendAt() == null && c.getCron() == null) {
            return null;
        }
        return new Schedule(c.getSendAt(), c.getCron() == null ? null : CronSchedule.parse(c.getCron()),
                ZoneId.of(c.getTimeZone() == null ? "UTC" : c.getTimeZone()),
                c.getMissedRuns() == null ? MissedRuns.RUN_ONCE : c.getMissedRuns());
    }

    /** Checks every field of the request, naming the first wrong one (400); nothing is read or written. */
    static Schedule parse(ScheduleRequest r, Instant now) {
        if (r == null) {
            throw ApiException.badRequest("body", "a JSON object is required");
        }
        ZoneId zone = zone(r.timeZone());
        CronSchedule cron = null;
        if (r.cron() != null && !r.cron().isBlank()) {
            try {
                cron = CronSchedule.parse(r.cron());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("cron", "cron '" + r.cron() + "' is not a valid 5-field cron expression: "
                        + e.getMessage());
            }
        }
        Instant sendAt = sendAt(r.sendAt(), zone, now);
        if (sendAt == null && cron == null) {
            throw ApiException.badRequest("sendAt", "a schedule needs sendAt, cron or both");
        }
        MissedRuns missed = MissedRuns.RUN_ONCE;
        if (r.missedRuns() != null) {
            missed = MissedRuns.parse(r.missedRuns());
            if (missed == null) {
                throw ApiException.badRequest("missedRuns", "missedRuns must be \"run-once\" or \"skip\", not \""
                        + r.missedRuns() + "\"");
            }
        }
        return new Schedule(sendAt, cron, zone, missed);
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timeZone.trim());
        } catch (DateTimeException e) {
            throw ApiException.badRequest("timeZone", "timeZone '" + timeZone + "' is not a known time zone "
                    + "(use an IANA name such as Europe/Berlin, or UTC)");
        }
    }

    private static Instant sendAt(String text, ZoneId zone, Instant now) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                at = ZonedDateTime.of(LocalDateTime.parse(text.trim()), zone).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest("sendAt", "sendAt '" + text + "' is not an ISO 8601 date-time "
                        + "such as 2026-12-01T08:00:00Z");
            }
        }
        at = at.truncatedTo(ChronoUnit.SECONDS);
        if (!at.isAfter(now)) {
            throw ApiException.badRequest("sendAt", "sendAt " + at + " is in the past (now is "
                    + now.truncatedTo(ChronoUnit.SECONDS) + ")");
        }
        return at;
    }

    private Campaign find(long id) {
        Campaign c = em.find(Campaign.class, id);
        if (c == null) {
            throw ApiException.notFound("campaign", id);
        }
        return c;
    }
}
