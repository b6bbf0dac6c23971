package io.herald.campaign;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/** Applies CampaignStatus rules to the campaign row: each change is one conditional UPDATE, committed at once. */
@ApplicationScoped
@Transactional(TxType.REQUIRES_NEW)
public class CampaignTransitions {

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Moves the campaign from one of {@code from} to {@code to}; false when its status is none of them (someone
     * else moved it first). Final statuses stamp finished_at; RUNNING stamps started_at the first time.
     */
    public boolean move(long campaignId, Set<CampaignStatus> from, CampaignStatus to, String reason) {
        for (CampaignStatus f : from) {
            if (!f.canMoveTo(to)) {
                throw new IllegalArgumentException("a campaign cannot go from " + f + " to " + to);
            }
        }
        String stamp = to == CampaignStatus.RUNNING ? ", c.startedAt = COALESCE(c.startedAt, :now)"
                : to.isFinal() ? ", c.finishedAt = :now" : "";
        var update = em.createQuery("UPDATE Campaign c SET c.status = :to, c.statusReason = :reason" + stamp
                        + " WHERE c.id = :id AND c.status IN :from")
                .setParameter("to", to)
                .setParameter("reason", reason)
                .setParameter("id", campaignId)
                .setParameter("from", from);
        if (!stamp.isEmpty()) {
            update.setParameter("now", clock.instant());
        }
        return update.executeUpdate() == 1;
    }

    /**
     * Binds a starting job execution to its campaign and makes the campaign RUNNING. A campaign already RUNNING
     * accepts it only when it was claimed by POST /send (no execution yet) or by this same execution, so two
     * executions never send the same campaign at once, whether started from REST, the console or jboss-cli.
     */
    public boolean attachExecution(long campaignId, long executionId, String node) {
        Set<CampaignStatus> from = EnumSet.copyOf(CampaignStatus.RUNNING.allowedFrom());
        from.remove(CampaignStatus.COMPLETED);      // a retry (reopen) makes it RUNNING before its execution starts
        return em.createQuery("""
                        UPDATE Campaign c SET c.status = :running, c.jobExecutionId = :exec, c.jobNode = :node,
                               c.statusReason = NULL, c.startedAt = COALESCE(c.startedAt, :now)
                        WHERE c.id = :id AND (c.status IN :from
                              OR (c.status = :running AND (c.jobExecutionId IS NULL OR c.jobExecutionId = :exec)))""")
                .setParameter("running", CampaignStatus.RUNNING)
                .setParameter("exec", executionId)
                .setParameter("node", node)
                .setParameter("now", clock.instant())
                .setParameter("id", campaignId)
                .setParameter("from", from)
                .executeUpdate() == 1;
    }

    /**
     * A restarted execution takes over a RUNNING campaign whose execution died with its JVM (the batch runtime has
     * marked the dead one FAILED); the conditional update on the dead execution's id lets only one restart win.
     */
    public boolean takeOver(long campaignId, long deadExecutionId, long executionId, String node) {
        return em.createQuery("""
                        UPDATE Campaign c SET c.jobExecutionId = :exec, c.jobNode = :node, c.recoveries = c.recoveries + 1,
                               c.statusReason = NULL
                        WHERE c.id = :id AND c.status = :running AND c.jobExecutionId = :dead""")
                .setParameter("exec", executionId)
                .setParameter("node", node)
                .setParameter("id", campaignId)
                .setParameter("running", CampaignStatus.RUNNING)
                .setParameter("dead", deadExecutionId)
                .executeUpdate() == 1;
    }

    /**
     * A retry: a COMPLETED campaign becomes RUNNING again, without a job execution (the one POST /retry starts next
     * attaches itself) nor a finish time; in the caller's transaction, which also puts its deliveries back to
     * PENDING. False when the campaign is not COMPLETED.
     */
    @Transactional(TxType.MANDATORY)
    public boolean reopen(long campaignId, String reason) {
        if (!CampaignStatus.COMPLETED.canMoveTo(CampaignStatus.RUNNING)) {
            throw new IllegalStateException("a completed campaign cannot be retried");
        }
        return em.createQuery("""
                        UPDATE Campaign c SET c.status = :running, c.statusReason = :reason, c.jobExecutionId = NULL,
                               c.jobNode = NULL, c.finishedAt = NULL
                        WHERE c.id = :id AND c.status = :completed""")
                .setParameter("running", CampaignStatus.RUNNING)
                .setParameter("reason", reason)
                .setParameter("id", campaignId)
                .setParameter("completed", CampaignStatus.COMPLETED)
                .executeUpdate() == 1;
    }

    /** Ends the run of this execution: RUNNING → to (PAUSED, COMPLETED or FAILED); false if not its run. */
    public boolean endExecution(long campaignId, long executionId, CampaignStatus to, String reason) {
        if (!CampaignStatus.RUNNING.canMoveTo(to)) {
            throw new IllegalArgumentException("a running campaign cannot go to " + to);
        }
        var update = em.createQuery("UPDATE Campaign c SET c.status = :to, c.statusReason = :reason"
                        + (to.isFinal() ? ", c.finishedAt = :now" : "")
                        + " WHERE c.id = :id AND c.status = :running AND c.jobExecutionId = :exec")
                .setParameter("to", to)
                .setParameter("reason", reason)
                .setParameter("id", campaignId)
                .setParameter("running", CampaignStatus.RUNNING)
                .setParameter("exec", executionId);
        if (to.isFinal()) {
            update.setParameter("now", clock.instant());
        }
        return update.executeUpdate() == 1;
    }

    /**
     * A pause asked for from any node (campaign.pause_requested_at, not mapped: cluster bookkeeping) takes effect:
     * RUNNING → PAUSED and the request cleared, once; false if there was no request or the campaign is not RUNNING.
     */
    public boolean pauseRequested(long campaignId, String reason) {
        if (!CampaignStatus.RUNNING.canMoveTo(CampaignStatus.PAUSED)) {
            throw new IllegalStateException("a running campaign cannot be paused");
        }
        return em.createNativeQuery("UPDATE campaign SET status = ?1, status_reason = ?2, pause_requested_at = NULL"
                        + " WHERE id = ?3 AND status = ?4 AND pause_requested_at IS NOT NULL")
                .setParameter(1, CampaignStatus.PAUSED.name())
                .setParameter(2, reason)
                .setParameter(3, campaignId)
                .setParameter(4, CampaignStatus.RUNNING.name())
                .executeUpdate() == 1;
    }

    /** Records what the prepare step excluded. */
    public void recordExclusions(long campaignId, int unsubscribed, int bounced, int suppressed) {
        em.createQuery("""
                        UPDATE Campaign c SET c.excludedUnsubscribed = :u, c.excludedBounced = :b, c.excludedSuppressed = :s
                        WHERE c.id = :id""")
                .setParameter("u", unsubscribed)
                .setParameter("b", bounced)
                .setParameter("s", suppressed)
                .setParameter("id", campaignId)
                .executeUpdate();
    }
}
