package io.herald.delivery;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

/**
 * Step "prepare": the first slice of the campaign's deliveries (DeliveryPreparation), one PENDING delivery per ACTIVE
 * recipient among the first DeliveryStore.FIRST_SLICE of its list; the send step's partitions prepare the rest as they reach
 * it, so the first message leaves within a second of the launch whatever the list's size. Once the first slice exists
 * (campaign prepared_at), every node of a cluster may join the sending. A retry's execution (POST
 * /campaigns/{id}/retry) adds none: it sends again what failed, not who joined the list since.
 */
@Named
@Dependent
public class PrepareDeliveriesBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(PrepareDeliveriesBatchlet.class);

    @Inject
    JobContext jobContext;

    @Inject
    DeliveryStore store;

    @Inject
    DeliveryPreparation preparation;

    @Override
    public String process() {
        long campaignId = SendCampaignJob.campaignId(jobContext);
        if (SendCampaignJob.isRetry(jobContext)) {
            LOG.infof("campaign %d: a retry sends the deliveries it requeued; no recipient is added", campaignId);
            return "RETRY";
        }
        if (store.prepared(campaignId)) {
            LOG.infof("campaign %d: its deliveries were prepared by an earlier execution", campaignId);
            return "PREPARED";
        }
        preparation.next(campaignId);
        LOG.infof("campaign %d: its first deliveries are prepared; the send step prepares the rest in slices of %d"
                + " recipients as it reaches them", campaignId, DeliveryStore.SLICE);
        return "PREPARED";
    }
}
