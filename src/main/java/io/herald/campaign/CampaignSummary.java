package io.herald.campaign;

import io.herald.schedule.Priority;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * One item of GET /campaigns: what a campaign list shows. counts: deliveries per status; total: all deliveries;
 * done: those in a final status; progress: done / total (0 when there are none); sendAt and cron: its schedule;
 * lastError: why it stopped, when it is FAILED or PAUSED. Every field is present, null when it has no value.
 */
@JsonbNillable
public record CampaignSummary(long id, String name, CampaignStatus status, String statusReason, long templateId,
                              long listId, Priority priority, Instant createdAt, Instant startedAt, Instant finishedAt,
                              Instant sendAt, String cron, Map<String, Long> counts, long total, long done,
                              double progress, String lastError) {

    /** The delivery statuses nothing more happens to in this campaign's send. */
    static final Set<String> DONE = Set.of("SENT", "FAILED", "SKIPPED", "UNKNOWN", "CANCELLED", "BOUNCED");

    static CampaignSummary of(Campaign c, Map<String, Long> counts) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long done = counts.entrySet().stream().filter(e -> DONE.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
        return new CampaignSummary(c.getId(), c.getName(), c.getStatus(), c.getStatusReason(), c.getTemplate().getId(),
                c.getList().getId(), c.getPriority(), c.getCreatedAt(), c.getStartedAt(), c.getFinishedAt(),
                c.getSendAt(), c.getCron(), counts, total, done, total == 0 ? 0 : (double) done / total, lastError(c));
    }

    /** The campaign's last error: its status reason while it is FAILED or PAUSED, else null. */
    static String lastError(Campaign c) {
        return c.getStatus() == CampaignStatus.FAILED || c.getStatus() == CampaignStatus.PAUSED ? c.getStatusReason() : null;
    }
}
