package io.herald.delivery;

import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignTransitions;
import io.herald.recipient.RecipientStatus;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Step "prepare": one PENDING delivery per ACTIVE recipient of the campaign's list, once per campaign (campaign
 * prepared_at; re-running it would add nobody twice anyway); unsubscribed and bounced recipients get none and are
 * counted on the campaign. Once it is done, every node of a cluster may join the sending. A retry's
 * execution (POST /campaigns/{id}/retry) adds none: it sends again what failed, not who joined the list since.
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
    CampaignTransitions campaigns;

    @Inject
    Clock clock;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Override
    public String process() {
        long campaignId = SendCampaignJob.campaignId(jobContext);
        long listId = em.find(Campaign.class, campaignId).getList().getId();
        if (SendCampaignJob.isRetry(jobContext)) {
            LOG.infof("campaign %d: a retry sends the deliveries it requeued; no recipient is added", campaignId);
            return "RETRY";
        }
        if (store.prepared(campaignId)) {
            LOG.infof("campaign %d: its deliveries were prepared by an earlier execution", campaignId);
            return "PREPARED";
        }
        int added = store.prepare(campaignId, listId, clock.instant());
        int unsubscribed = excluded(listId, RecipientStatus.UNSUBSCRIBED);
        int bounced = excluded(listId, RecipientStatus.BOUNCED);
        int suppressed = store.suppressed(listId);
        campaigns.recordExclusions(campaignId, unsubscribed, bounced, suppressed);
        LOG.infof("campaign %d: %d deliveries prepared; excluded %d unsubscribed, %d bounced and %d suppressed recipients",
                campaignId, added, unsubscribed, bounced, suppressed);
        return "PREPARED";
    }

    private int excluded(long listId, RecipientStatus status) {
        return em.createQuery("SELECT COUNT(r) FROM Recipient r WHERE r.list.id = :l AND r.status = :s", Long.class)
                .setParameter("l", listId)
                .setParameter("s", status)
                .getSingleResult()
                .intValue();
    }
}
