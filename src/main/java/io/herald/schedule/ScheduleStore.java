package io.herald.schedule;

import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The scheduler's reads and claims on the campaign table. A due time is claimed by moving next_due_at from it to
 * the following due time with one conditional UPDATE: when several nodes share the database, exactly one of them
 * touches the row, so each due time is launched once.
 */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
public class ScheduleStore {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** A scheduled DRAFT campaign whose next due time has come. */
    public record Due(long campaignId, Priority priority, Instant dueAt) {

        /** Launch order within one tick: HIGH first, then the earliest due time, then the oldest campaign. */
        public static final Comparator<Due> LAUNCH_ORDER = Comparator.comparing(Due::priority)
                .thenComparing(Due::dueAt).thenComparingLong(Due::campaignId);
    }

    /** The DRAFT campaigns due at {@code now}, in launch order. */
    public List<Due> due(Instant now) {
        return em.createQuery("""
                        SELECT c.id, c.priority, c.nextDueAt FROM Campaign c
                        WHERE c.nextDueAt <= :now AND c.status = :draft""", Object[].class)
                .setParameter("now", now)
                .setParameter("draft", CampaignStatus.DRAFT)
                .getResultStream()
                .map(row -> new Due((Long) row[0], (Priority) row[1], (Instant) row[2]))
                .sorted(Due.LAUNCH_ORDER)
                .toList();
    }

    /** The campaign as stored now (its schedule may have changed since {@link #due}). */
    public Campaign find(long campaignId) {
        return em.find(Campaign.class, campaignId);
    }

    /**
     * Claims the due time {@code due} of a campaign: next_due_at becomes {@code following} (null: nothing more is
     * due) only if it is still {@code due}. False when another node, or a change of the schedule, came first.
     */
    public boolean claim(long campaignId, Instant due, Instant following) {
        return claimInCurrentTransaction(campaignId, due, following);
    }

    /**
     * Claims {@code due} and, in the same transaction, creates the run of the recurring campaign due at
     * {@code runDueAt} (null: the due time is skipped, nothing is created). Returns the run's id, or null when the
     * claim was lost or nothing was created. The unique key (parent_id, due_at) backs the claim up.
     */
    public Long claimRun(long parentId, Instant due, Instant following, Instant runDueAt, Instant now) {
        if (!claimInCurrentTransaction(parentId, due, following) || runDueAt == null) {
            return null;
        }
        Campaign run = em.find(Campaign.class, parentId).runFor(runDueAt, now);
        em.persist(run);
        em.flush();
        return run.getId();
    }

    /** Runs created by a claim but not launched (the node died in between): DRAFT runs whose due time has come. */
    public List<Long> unlaunchedRuns(Instant now) {
        return em.createQuery("""
                        SELECT c.id FROM Campaign c
                        WHERE c.parentId IS NOT NULL AND c.status = :draft AND c.dueAt <= :now
                        ORDER BY c.dueAt, c.id""", Long.class)
                .setParameter("draft", CampaignStatus.DRAFT)
                .setParameter("now", now)
                .getResultList();
    }

    private boolean claimInCurrentTransaction(long campaignId, Instant due, Instant following) {
        return em.createQuery("UPDATE Campaign c SET c.nextDueAt = :following WHERE c.id = :id AND c.nextDueAt = :due")
                .setParameter("following", following)
                .setParameter("id", campaignId)
                .setParameter("due", due)
                .executeUpdate() == 1;
    }
}
