package io.herald.delivery;

import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignStatus;
import io.herald.campaign.CampaignTransitions;
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
 * SENDING by a dead execution become UNKNOWN.
 */
@Named
@Dependent
public class SendCampaignJobListener extends AbstractJobListener {

    private static final Logger LOG = Logger.getLogger(SendCampaignJobListener.class);
    /** Statuses of an execution that is no longer running (the batch runtime marks a crashed one FAILED on restart). */
    private static final EnumSet<BatchStatus> ENDED = EnumSet.of(BatchStatus.FAILED, BatchStatus.STOPPED,
            BatchStatus.ABANDONED, BatchStatus.COMPLETED);

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

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Override
    public void beforeJob() {
        long campaignId = SendCampaignJob.campaignId(jobContext);
        long execution = jobContext.getExecutionId();
        String node = nodeName();
        if (!campaigns.attachExecution(campaignId, execution, node) && !takeOverFromDeadExecution(campaignId, execution, node)) {
            Campaign c = em.find(Campaign.class, campaignId);
            throw new IllegalStateException("campaign " + campaignId + " cannot be sent by job execution " + execution + ": "
                    + (c == null ? "it does not exist" : "it is " + c.getStatus()
                    + (c.getJobExecutionId() != null ? " with job execution " + c.getJobExecutionId() : "")));
        }
        snapshots.freeze(campaignId);        // a start from the console or jboss-cli; a no-op once launched
        int interrupted = deliveries.markInterrupted(campaignId, clock.instant());
        if (interrupted > 0) {
            LOG.warnf("campaign %d: %d deliveries were being sent when the previous execution died; they are UNKNOWN",
                    campaignId, interrupted);
        }
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
        StepFailure partitionFailure = failures.take(execution);
        rateLimits.forget(campaignId);                  // every partition has ended
        // a campaign cancelled while this execution ran: what the writer deferred meanwhile is cancelled too
        Campaign c = em.find(Campaign.class, campaignId);
        if (c != null && c.getStatus() == CampaignStatus.CANCELLED) {
            deliveries.cancelUnsent(campaignId, clock.instant());
            return;
        }
        BatchStatus status = jobContext.getBatchStatus();
        if (status == BatchStatus.STOPPING || status == BatchStatus.STOPPED) {
            if (campaigns.endExecution(campaignId, execution, CampaignStatus.PAUSED, "stopped by an operator")) {
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
        if (campaigns.endExecution(campaignId, execution, to, failure.reason())) {
            LOG.warnf("campaign %d %s: %s", campaignId, to, failure.reason());
        }
    }

    static String nodeName() {
        return System.getProperty("jboss.node.name", "unknown");
    }
}
