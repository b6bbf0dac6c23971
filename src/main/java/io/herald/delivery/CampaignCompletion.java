package io.herald.delivery;

import io.herald.campaign.CampaignStatus;
import io.herald.campaign.CampaignTransitions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import org.jboss.logging.Logger;

/**
 * Completes a RUNNING campaign once (a conditional RUNNING → COMPLETED that one node of the cluster wins), logs its
 * counts, and warns when its delivery counters differ from a recount of the delivery table.
 */
@ApplicationScoped
public class CampaignCompletion {

    private static final Logger LOG = Logger.getLogger(CampaignCompletion.class);

    @Inject
    CampaignTransitions campaigns;

    @Inject
    DeliveryCounters counters;

    /** True if this call completed the campaign; false if it is no longer RUNNING (completed elsewhere, paused...). */
    public boolean complete(long campaignId, String how) {
        if (!campaigns.move(campaignId, EnumSet.of(CampaignStatus.RUNNING), CampaignStatus.COMPLETED, null)) {
            return false;
        }
        var counts = counters.counts(campaignId).byStatus();
        LOG.infof("campaign %d completed (%s): %s", campaignId, how, counts);
        var recounted = counters.recount(campaignId);       // one count of the table per campaign, at its end
        if (!recounted.equals(counts)) {
            LOG.warnf("campaign %d: its delivery counters %s differ from the delivery table %s (a status change"
                    + " that did not move them, or one still committing)", campaignId, counts, recounted);
        }
        return true;
    }
}
