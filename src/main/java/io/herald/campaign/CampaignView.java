package io.herald.campaign;

import io.herald.delivery.DeliveryCounters;
import io.herald.schedule.Priority;
import io.herald.schedule.ScheduleView;
import java.time.Instant;
import java.util.Map;

/**
 * What GET /campaigns/{id} shows: the campaign, its job execution and its delivery counts by status; its priority;
 * its schedule and runs (null when it has none); for a run of a recurring campaign, the parent and the due time;
 * sendPartitions: how many partitions its send step uses (fixed at its first execution; null before); lastError: the
 * last FAILED, DEFERRED or UNKNOWN reply or reason of its deliveries (null when none); sentTemplateId: the snapshot
 * of its template it sends, made at its first launch (null before). The counts are read from the delivery counters
 * (DeliveryCounters), never counted on the delivery table.
 */
public record CampaignView(long id, String name, CampaignStatus status, String statusReason, long templateId,
                           long listId, String fromAddress, String fromName, String replyTo, Long executionId,
                           Map<String, Long> counts, Map<String, Integer> excluded, CampaignSettings settings,
                           int recoveries, Instant createdAt, Instant startedAt, Instant finishedAt,
                           Priority priority, ScheduleView schedule, Long parentId, Instant dueAt,
                           Integer sendPartitions, String lastError, Long sentTemplateId) {

    static CampaignView of(Campaign c, DeliveryCounters.Counts counts, ScheduleView schedule) {
        return new CampaignView(c.getId(), c.getName(), c.getStatus(), c.getStatusReason(), c.getTemplateId(),
                c.getListId(), c.getFromAddress(), c.getFromName(), c.getReplyTo(), c.getJobExecutionId(), counts.byStatus(),
                Map.of("UNSUBSCRIBED", c.getExcludedUnsubscribed(), "BOUNCED", c.getExcludedBounced(),
                        "SUPPRESSED", c.getExcludedSuppressed()),
                c.getSettings(), c.getRecoveries(), c.getCreatedAt(), c.getStartedAt(),
                c.getFinishedAt(), c.getPriority(), schedule, c.getParentId(), c.getDueAt(), c.getSendPartitions(),
                counts.lastError(), c.getSentTemplateId());
    }
}
