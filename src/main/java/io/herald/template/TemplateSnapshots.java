package io.herald.template;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * A campaign sends what it was launched with: at its first launch its template and files are copied once into a
 * snapshot (template.snapshot_of), which campaign.sent_template_id then names for every later execution, restart
 * and resume. Called wherever a campaign starts: POST /send and the scheduler (CampaignService.launch), and every
 * job start (SendCampaignJobListener.beforeJob, which also covers a start from the WildFly console or jboss-cli).
 */
@ApplicationScoped
public class TemplateSnapshots {

    private static final Logger LOG = Logger.getLogger(TemplateSnapshots.class);

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * The campaign's snapshot id, made now if it has none. Committed at once (its own transaction); when two
     * starts race, the conditional update lets one snapshot win and the other is dropped.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public long freeze(long campaignId) {
        Object[] row = em.createQuery("SELECT c.sentTemplateId, c.template.id FROM Campaign c WHERE c.id = :id",
                        Object[].class)
                .setParameter("id", campaignId).getResultStream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("campaign " + campaignId + " does not exist"));
        if (row[0] != null) {
            return (Long) row[0];
        }
        long templateId = (Long) row[1];
        // locked, so a PUT /templates/{id} running now is copied either wholly before or wholly after
        Template snapshot = em.find(Template.class, templateId, LockModeType.PESSIMISTIC_WRITE).snapshot(clock.instant());
        em.persist(snapshot);
        em.flush();
        int won = em.createQuery("UPDATE Campaign c SET c.sentTemplateId = :s WHERE c.id = :id AND c.sentTemplateId IS NULL")
                .setParameter("s", snapshot.getId())
                .setParameter("id", campaignId)
                .executeUpdate();
        if (won == 0) {
            em.remove(snapshot);           // another start froze it first: its snapshot is the one
            return em.createQuery("SELECT c.sentTemplateId FROM Campaign c WHERE c.id = :id", Long.class)
                    .setParameter("id", campaignId).getSingleResult();
        }
        LOG.infof("campaign %d: template %d frozen as snapshot %d for this campaign's sends",
                campaignId, templateId, snapshot.getId());
        return snapshot.getId();
    }

    /** Removes a snapshot and its files once no campaign sends it any more (its campaign was deleted). */
    @Transactional(TxType.MANDATORY)
    public void dropUnused(long snapshotId) {
        long users = em.createQuery("SELECT COUNT(c) FROM Campaign c WHERE c.sentTemplateId = :s", Long.class)
                .setParameter("s", snapshotId).getSingleResult();
        Template snapshot = em.find(Template.class, snapshotId);
        if (users == 0 && snapshot != null && snapshot.getSnapshotOf() != null) {
            em.remove(snapshot);
        }
    }
}
