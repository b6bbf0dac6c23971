package io.herald.campaign;

import io.herald.delivery.DeliveryCounters;
import io.herald.schedule.Priority;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.Map;

/**
 * One item of GET /campaigns: what a campaign list shows. counts: deliveries per status; total: all deliveries;
 * done: those in a final status; progress: done / total (0 when there are none); sendAt and cron: its schedule;
 * lastError: why it stopped when it is FAILED or PAUSED, else the last failed, deferred or unknown delivery's reply.
 * Every field is present, null when it has no value.
 */
@JsonbNillable
public record CampaignSummary(long id, String name, CampaignStatus status, String statusReason, long templateId,
                              long listId, Priority priority, Instant createdAt, Instant startedAt, Instant finishedAt,
                              Instant sendAt, String cron, Map<String, Long> counts, long total, long done,
                              double progress, String lastError) {

    static CampaignSummary of(Campaign c, DeliveryCounters.Counts counts) {
        return new CampaignSummary(c.getId(), c.getName(), c.getStatus(), c.getStatusReason(), c.getTemplateId(),
                c.getListId(), c.getPriority(), c.getCreatedAt(), c.getStartedAt(), c.getFinishedAt(),
                c.getSendAt(), c.getCron(), counts.byStatus(), counts.total(), counts.done(), counts.progress(),
                lastError(c, counts));
    }

    /** The campaign's last error: its status reason while it is FAILED or PAUSED, else its last delivery error. */
    static String lastError(Campaign c, DeliveryCounters.Counts counts) {
        boolean stopped = c.getStatus() == CampaignStatus.FAILED || c.getStatus() == CampaignStatus.PAUSED;
        return stopped && c.getStatusReason() != null ? c.getStatusReason() : counts.lastError();
    }
}
