package io.herald.delivery;

import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignStatus;
import io.herald.campaign.CampaignTransitions;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.JobSecurityException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * After WildFly starts, finds the campaigns this node was sending when its JVM died: their job executions are still
 * STARTED in the job repository, which JBeret never repairs by itself. By default (HERALD_RECOVERY=restart) each
 * is restarted from its checkpoint, at most MAX_RESTARTS times per campaign so a campaign that kills the server
 * cannot crash it forever; with HERALD_RECOVERY=manual, or past that limit, the campaign becomes FAILED with the
 * reason and waits for POST /campaigns/{id}/resume. Only executions that ran on this node (jboss.node.name) are
 * touched: on a shared database another node's STARTED execution may be alive.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrator", "ClusterCoordinator"})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class CrashRecovery {

    private static final Logger LOG = Logger.getLogger(CrashRecovery.class);
    static final int MAX_RESTARTS = 3;
    /** Give the deployment time to finish before asking the batch runtime to restart anything. */
    private static final long FIRST_DELAY_SECONDS = 3;
    private static final int TRIES = 10;
    private static final EnumSet<BatchStatus> ORPHANED = EnumSet.of(BatchStatus.STARTING, BatchStatus.STARTED);
    private static final long JVM_STARTED = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    CampaignTransitions transitions;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** The campaigns found RUNNING on this node at deployment, before any request could start a new job. */
    private List<Long> interrupted = List.of();
    /** Those of them not recovered yet: no node joins them meanwhile (ClusterCoordinator). */
    private final java.util.Set<Long> pending = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @PostConstruct
    void scheduleRecovery() {
        interrupted = em.createQuery(
                        "SELECT c.id FROM Campaign c WHERE c.status = :running AND (c.jobNode = :node OR c.jobNode IS NULL)",
                        Long.class)
                .setParameter("running", CampaignStatus.RUNNING)
                .setParameter("node", SendCampaignJobListener.nodeName())
                .getResultList();
        pending.addAll(interrupted);
        if (!interrupted.isEmpty()) {
            scheduler.schedule(() -> recoverOrRetry(1), FIRST_DELAY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void recoverOrRetry(int attempt) {
        try {
            recover();
        } catch (RuntimeException e) {
            if (attempt >= TRIES) {
                LOG.errorf(e, "crash recovery gave up after %d tries; resume interrupted campaigns by hand", attempt);
                pending.clear();
                return;
            }
            LOG.infof("crash recovery not possible yet (%s); trying again", e.getMessage());
            scheduler.schedule(() -> recoverOrRetry(attempt + 1), FIRST_DELAY_SECONDS, TimeUnit.SECONDS);
        }
    }

    void recover() {
        boolean restart = !"manual".equalsIgnoreCase(System.getProperty("herald.recovery", "restart"));
        JobOperator operator = BatchRuntime.getJobOperator();
        for (Long id : interrupted) {
            Campaign c = em.find(Campaign.class, id);
            if (c == null || c.getStatus() != CampaignStatus.RUNNING) {
                pending.remove(id);
                continue;
            }
            try {
                recover(operator, c, restart);
            } catch (JobRestartException | JobSecurityException | NoSuchJobExecutionException e) {
                String reason = "interrupted, and could not be restarted: " + e.getMessage()
                        + ". Resume it with POST /campaigns/" + c.getId() + "/resume";
                transitions.move(c.getId(), EnumSet.of(CampaignStatus.RUNNING), CampaignStatus.FAILED, reason);
                LOG.warnf("campaign %d: %s", c.getId(), reason);
            }
            pending.remove(id);
        }
    }

    /**
     * Whether the campaign was interrupted on this node and is not recovered yet: the cluster coordinator does not
     * start a second execution of it on this node meanwhile (that would double the messages in flight).
     */
    @jakarta.ejb.Lock(jakarta.ejb.LockType.READ)
    public boolean recovering(long campaignId) {
        return pending.contains(campaignId);
    }

    /**
     * JBeret's default restart mode ("detect") judges an execution alive when this JVM has loaded its job, which a
     * failed first try during deployment can cause; this node has just started, so the execution is dead: "force".
     */
    private static Properties forced(long campaignId) {
        Properties p = SendCampaignJob.parameters(campaignId);
        p.setProperty("jberet.restart.mode", "force");
        return p;
    }

    private void recover(JobOperator operator, Campaign c, boolean restart) {
        Long execution = c.getJobExecutionId();
        var job = execution == null ? null : operator.getJobExecution(execution);
        if (job != null && job.getCreateTime().getTime() >= JVM_STARTED) {
            return;                                  // started by this JVM, so alive: not ours to recover
        }
        BatchStatus status = job == null ? null : job.getBatchStatus();
        if (execution != null && !ORPHANED.contains(status)) {
            if (status == BatchStatus.STOPPING) {
                transitions.move(c.getId(), EnumSet.of(CampaignStatus.RUNNING), CampaignStatus.PAUSED,
                        "the server stopped while the campaign was pausing");
            }
            return;
        }
        String what = execution == null ? "its job had not started" : "job execution " + execution + " died with the server";
        if (restart && c.getRecoveries() < MAX_RESTARTS) {
            long next = execution == null
                    ? operator.start(SendCampaignJob.NAME, SendCampaignJob.parameters(c.getId()))
                    : operator.restart(execution, forced(c.getId()));
            LOG.warnf("campaign %d was interrupted (%s): restarted as job execution %d", c.getId(), what, next);
            return;
        }
        String reason = "interrupted: " + what + "; " + (restart
                ? "already restarted " + c.getRecoveries() + " times after a crash, so not again automatically"
                : "HERALD_RECOVERY=manual") + ". Resume it with POST /campaigns/" + c.getId() + "/resume";
        transitions.move(c.getId(), EnumSet.of(CampaignStatus.RUNNING), CampaignStatus.FAILED, reason);
        LOG.warnf("campaign %d: %s", c.getId(), reason);
    }
}
