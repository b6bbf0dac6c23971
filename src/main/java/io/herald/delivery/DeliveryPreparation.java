package io.herald.delivery;

import io.herald.campaign.CampaignTransitions;
import io.herald.recipient.RecipientStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Prepares a campaign's deliveries slice by slice (DeliveryStore.prepareSlice): the prepare step makes the first slice,
 * so the first message leaves at once whatever the list's size, and each send partition that finds nothing left to
 * reserve makes the next one. With the last slice it records who the list excluded (unsubscribed, bounced, suppressed).
 */
@ApplicationScoped
public class DeliveryPreparation {

    private static final Logger LOG = Logger.getLogger(DeliveryPreparation.class);

    @Inject
    DeliveryStore store;

    @Inject
    CampaignTransitions campaigns;

    @Inject
    Clock clock;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** Prepares the next slice, if it is time for one (DeliveryStore.prepareSlice says when it is not). */
    public DeliveryStore.Slice next(long campaignId) {
        DeliveryStore.Slice slice = store.prepareSlice(campaignId, clock.instant());
        if (slice.last()) {
            long listId = ((Number) em.createNativeQuery("SELECT list_id FROM campaign WHERE id = ?1")
                    .setParameter(1, campaignId).getSingleResult()).longValue();
            int unsubscribed = excluded(listId, RecipientStatus.UNSUBSCRIBED);
            int bounced = excluded(listId, RecipientStatus.BOUNCED);
            int suppressed = store.suppressed(listId);
            campaigns.recordExclusions(campaignId, unsubscribed, bounced, suppressed);
            LOG.infof("campaign %d: every delivery prepared; excluded %d unsubscribed, %d bounced and %d suppressed"
                    + " recipients", campaignId, unsubscribed, bounced, suppressed);
        }
        return slice;
    }

    private int excluded(long listId, RecipientStatus status) {
        return em.createQuery("SELECT COUNT(r) FROM Recipient r WHERE r.list.id = :l AND r.status = :s", Long.class)
                .setParameter("l", listId)
                .setParameter("s", status)
                .getSingleResult()
                .intValue();
    }
}
