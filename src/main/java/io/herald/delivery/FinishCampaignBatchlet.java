package io.herald.delivery;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

/**
 * Step "finish": the campaign is COMPLETED once no delivery is PENDING, SENDING, DEFERRED (or UNKNOWN under RESEND),
 * by whichever execution of the cluster's finds that first (CampaignCompletion: once, with its counts logged). An
 * execution that ends while other nodes still send leaves the campaign RUNNING.
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
    CampaignCompletion completion;

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
        if (!completion.complete(campaignId, "its last delivery was sent")) {
            return "ENDED";                                   // completed by another node, or paused or cancelled
        }
        return "COMPLETED";
    }
}
