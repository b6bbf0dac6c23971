package io.herald.schedule;

import io.herald.campaign.CampaignStatus;
import java.time.Instant;
import java.util.Map;

/** One run of a recurring campaign in GET /campaigns/{id}: the child campaign, its due time, status and delivery counts. */
public record RunView(long id, Instant dueAt, CampaignStatus status, Map<String, Long> counts) {
}
