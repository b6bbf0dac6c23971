package io.herald.delivery;

import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignStatus;
import io.herald.campaign.CampaignTransitions;
import io.herald.cluster.ClusterCoordinator;
import io.herald.cluster.NodeRegistry;
import io.herald.cluster.SendExecutions;
import io.herald.template.TemplateSnapshots;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.EnumSet;
import org.jboss.logging.Logger;

/**
 * Keeps the campaign's status in step with its job execution, however the job was started, stopped or restarted
 * (REST, the management console, jboss-cli): RUNNING when it starts (taking over from an execution that died with
 * its JVM), PAUSED when stopped or after an SMTP outage, FAILED when it fails. At every start, deliveries left
 * SENDING by a dead execution of a Herald before version 18 become UNKNOWN (later ones: ClusterCoordinator). An
 * execution that joined a campaign launched on another node (job parameter join=true) never attaches to it: it
 * leaves the campaign alone when stopped, and fails or pauses it as the campaign's own execution would when it fails.
 */
@Named
@Dependent
public class SendCampaignJobListener extends AbstractJobListener {

    private static final Logger LOG = Logger.getLogger(SendCampaignJobListener.class);
    /** Statuses of an execution that is no longer running (the batch runtime marks a crashed one FAILED on restart). */
    private static final EnumSet<BatchStatus> ENDED = EnumSet.of(BatchStatus.FAILED, BatchStatus.STOPPED,
            BatchStatus.ABANDONED, BatchStatus.COMPLETED);
    /** Transient job data: a joining execution found the campaign no longer RUNNING, and changes nothing. */
    private static final String NOT_JOINED = "not-joined";

    @Inject
    JobContext jobContext;

    @Inject
    CampaignTransitions campaigns;

    @Inject
    DeliveryStore deliveries;

    @Inject
    SendFailures failures;

    @Inject
    TemplateSnapshots snapshots;

    @Inject
    io.herald.rate.RateLimits rateLimits;

    @Inject
    Clock clock;

    @Inject
    SendExecutions executions;

    @Inject
    ClusterCoordinator coordinator;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Override
    public void beforeJob() {
        long campaignId = SendCampaignJob.campaignId(jobContext);
        long execution = jobContext.getExecutionId();
        String node = nodeName();
        boolean join = SendCampaignJob.isJoin(jobContext);
        if (join) {
            if (!deliveries.prepared(campaignId) || !running(campaignId)) {
                jobContext.setTransientUserData(NOT_JOINED);
                throw new IllegalStateException("node " + node + " does not join campaign " + campaignId
                        + ": it is no longer RUNNING");
            }
        } else if (!campaigns.attachExecution(campaignId, execution, node) && !takeOverFromDeadExecution(campaignId, execution, node)) {
            Campaign c = em.find(Campaign.class, campaignId);
            throw new IllegalStateException("campaign " + campaignId + " cannot be sent by job execution " + execution + ": "
                    + (c == null ? "it does not exist" : "it is " + c.getStatus()
                    + (c.getJobExecutionId() != null ? " with job execution " + c.getJobExecutionId() : "")));
        } else {
            executions.clearPauseRequest(campaignId);
            snapshots.freeze(campaignId);        // a start from the console or jboss-cli; a no-op once launched
            int interrupted = deliveries.markInterrupted(campaignId, clock.instant());
            if (interrupted > 0) {
                LOG.warnf("campaign %d: %d deliveries were being sent when the previous execution died; they are UNKNOWN",
                        campaignId, interrupted);
            }
        }
        executions.started(campaignId, execution, node, join);
    }

    private boolean running(long campaignId) {
        Campaign c = em.find(Campaign.class, campaignId);
        return c != null && c.getStatus() == CampaignStatus.RUNNING;
    }

    private boolean takeOverFromDeadExecution(long campaignId, long execution, String node) {
        Campaign c = em.find(Campaign.class, campaignId);
        if (c == null || c.getStatus() != CampaignStatus.RUNNING || c.getJobExecutionId() == null) {
            return false;
        }
        JobOperator operator = BatchRuntime.getJobOperator();
        BatchStatus previous = operator.getJobExecution(c.getJobExecutionId()).getBatchStatus();
        if (!ENDED.contains(previous)) {
            return false;
        }
        boolean won = campaigns.takeOver(campaignId, c.getJobExecutionId(), execution, node);
        if (won) {
            LOG.infof("campaign %d: job execution %d takes over from execution %d, which ended %s",
                    campaignId, execution, c.getJobExecutionId(), previous);
        }
        return won;
    }

    @Override
    public void afterJob() {
        long campaignId = SendCampaignJob.campaignId(jobContext);
        long execution = jobContext.getExecutionId();
        boolean join = SendCampaignJob.isJoin(jobContext);
        StepFailure partitionFailure = failures.take(execution);
        executions.ended(execution);
        if (!executions.runningHere(campaignId)) {
            rateLimits.forget(campaignId);              // every partition of this node has ended
        }
        if (NOT_JOINED.equals(jobContext.getTransientUserData())) {
            return;
        }
        // a campaign cancelled while this execution ran: what the writer deferred meanwhile is cancelled too
        Campaign c = em.find(Campaign.class, campaignId);
        if (c != null && c.getStatus() == CampaignStatus.CANCELLED) {
            deliveries.cancelUnsent(campaignId, clock.instant());
            return;
        }
        BatchStatus status = jobContext.getBatchStatus();
        if (status == BatchStatus.STOPPING || status == BatchStatus.STOPPED) {
            // the campaign's own execution stopped (REST, console, jboss-cli): every node stops, and the last one to
            // end pauses the campaign. A joined execution stopped alone changes nothing: its node joins again.
            if (!join) {
                executions.requestPause(campaignId, execution);
            }
            if (executions.pauseIfIdle(campaignId, "stopped by an operator")) {
                LOG.infof("campaign %d paused (job execution %d stopped)", campaignId, execution);
            }
            return;
        }
        if (status != BatchStatus.FAILED && status != BatchStatus.STARTED) {
            return;
        }
        StepFailure failure = partitionFailure != null ? partitionFailure
                : jobContext.getTransientUserData() instanceof StepFailure f ? f
                : new StepFailure("job execution " + execution + " ended with " + status, false);
        CampaignStatus to = failure.outage() ? CampaignStatus.PAUSED : CampaignStatus.FAILED;
        if (join) {
            coordinator.failedHere(campaignId);
        }
        boolean moved = join
                ? campaigns.move(campaignId, EnumSet.of(CampaignStatus.RUNNING), to, failure.reason() + " (on node " + nodeName() + ")")
                : campaigns.endExecution(campaignId, execution, to, failure.reason());
        if (moved) {
            LOG.warnf("campaign %d %s: %s", campaignId, to, failure.reason());
        }
    }

    static String nodeName() {
        return NodeRegistry.nodeName();
    }
}
