package io.herald.metrics;

import java.util.Map;

/**
 * What the gauges show, read at one moment: how many campaigns are RUNNING and PAUSED, and each such campaign's
 * deliveries not yet in a final state (PENDING, SENDING, DEFERRED, and UNKNOWN under the RESEND policy).
 */
public record CampaignBacklog(int running, int paused, Map<Long, Long> pendingByCampaign) {

    public static final CampaignBacklog NONE = new CampaignBacklog(0, 0, Map.of());

    public CampaignBacklog {
        pendingByCampaign = Map.copyOf(pendingByCampaign);
    }
}
