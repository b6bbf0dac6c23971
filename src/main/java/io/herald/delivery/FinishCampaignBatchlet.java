package io.herald.delivery;

import io.herald.campaign.CampaignStatus;
import io.herald.campaign.CampaignTransitions;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.EnumSet;
import org.jboss.logging.Logger;

/**
 * Step "finish": the campaign is COMPLETED once no delivery is PENDING, SENDING, DEFERRED (or UNKNOWN under RESEND),
 * by whichever execution of the cluster's finds that first (a conditional RUNNING → COMPLETED: once); its counts are
 * logged, and a difference between its delivery counters and a recount of the table is a warning. An execution that
 * ends while other nodes still send leaves the campaign RUNNING.
 */
@Named
@Dependent
public class FinishCampaignBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(FinishCampaignBatchlet.class);

    @Inject
    JobContext jobContext;

    @Inject
    DeliveryStore store;

    @Inject
    DeliveryCounters counters;

    @Inject
    CampaignTransitions campaigns;

    @Inject
    SendingContextLoader contexts;

    @Override
    public String process() {
        long campaignId = SendCampaignJob.campaignId(jobContext);
        long unfinished = store.unfinished(campaignId, contexts.load(campaignId).unknownPolicy());
        if (unfinished > 0) {
            // held by other partitions of the cluster, or given back by one that stopped: whoever ends last completes
            LOG.infof("campaign %d: this execution has nothing more to send; %d deliveries are still being sent"
                    + " elsewhere or wait to be", campaignId, unfinished);
            return "SHARED";
        }
        if (!campaigns.move(campaignId, EnumSet.of(CampaignStatus.RUNNING), CampaignStatus.COMPLETED, null)) {
            return "ENDED";                                   // completed by another node, or paused or cancelled
        }
        var counts = counters.counts(campaignId).byStatus();
        LOG.infof("campaign %d completed: %s", campaignId, counts);
        var recounted = counters.recount(campaignId);       // one count of the table per campaign, at its end
        if (!recounted.equals(counts)) {
            LOG.warnf("campaign %d: its delivery counters %s differ from the delivery table %s (a status change"
                    + " that did not move them, or one still committing)", campaignId, counts, recounted);
        }
        return "COMPLETED";
    }
}
