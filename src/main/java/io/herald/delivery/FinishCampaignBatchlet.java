package io.herald.delivery;

import io.herald.campaign.CampaignStatus;
import io.herald.campaign.CampaignTransitions;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

/**
 * Step "finish": the campaign is COMPLETED once no delivery is PENDING, SENDING, DEFERRED (or UNKNOWN under RESEND);
 * its counts are logged, and a difference between its delivery counters and a recount of the table is a warning.
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
            throw new IllegalStateException("campaign " + campaignId + " still has " + unfinished
                    + " deliveries PENDING, SENDING or DEFERRED; restart the job to send them");
        }
        campaigns.endExecution(campaignId, jobContext.getExecutionId(), CampaignStatus.COMPLETED, null);
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
