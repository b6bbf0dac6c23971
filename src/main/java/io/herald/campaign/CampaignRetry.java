package io.herald.campaign;

import io.herald.delivery.DeliveryRetry;
import io.herald.delivery.DeliveryStatus;
import io.herald.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.util.Set;

/**
 * The database side of a retry, in one transaction: the COMPLETED campaign becomes RUNNING (CampaignTransitions) and
 * its deliveries in the statuses asked for PENDING (DeliveryRetry), or nothing changes (409).
 */
@ApplicationScoped
public class CampaignRetry {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    CampaignTransitions transitions;

    @Inject
    DeliveryRetry deliveries;

    @Inject
    Clock clock;

    /** Reopens the campaign and requeues its deliveries; returns how many. */
    @Transactional(TxType.REQUIRES_NEW)
    public int reopen(long campaignId, Set<DeliveryStatus> statuses, String user) {
        Campaign c = em.find(Campaign.class, campaignId);
        if (c == null) {
            throw ApiException.notFound("campaign", campaignId);
        }
        if (!transitions.reopen(campaignId, "retrying its " + statuses + " deliveries, asked by " + user)) {
            throw ApiException.conflict("status", "campaign " + campaignId + " is " + c.getStatus()
                    + "; only a COMPLETED campaign can be retried");
        }
        int requeued = deliveries.requeue(campaignId, statuses, user, c.getFromAddress(), clock.instant());
        if (requeued == 0) {
            throw ApiException.conflict("statuses", "campaign " + campaignId + " has no " + statuses
                    + " deliveries to send again");          // rolls back the reopening too
        }
        return requeued;
    }
}
