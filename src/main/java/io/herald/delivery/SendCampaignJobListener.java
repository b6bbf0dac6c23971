package io.herald.delivery;

import io.herald.campaign.CampaignStatus;
import io.herald.campaign.CampaignTransitions;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

/**
 * Keeps the campaign's status in step with its job execution, however the job was started, stopped or restarted
 * (REST, the management console, jboss-cli): RUNNING when it starts, PAUSED when stopped, FAILED when it fails.
 */
@Named
@Dependent
public class SendCampaignJobListener extends AbstractJobListener {

    private static final Logger LOG = Logger.getLogger(SendCampaignJobListener.class);

    @Inject
    JobContext jobContext;

    @Inject
    CampaignTransitions campaigns;

    @Override
    public void beforeJob() {
        long campaignId = SendCampaignJob.campaignId(jobContext);
        if (!campaigns.attachExecution(campaignId, jobContext.getExecutionId())) {
            throw new IllegalStateException("campaign " + campaignId + " cannot be sent by execution "
                    + jobContext.getExecutionId() + ": it does not exist, is finished, or another execution is sending it");
        }
    }

    @Override
    public void afterJob() {
        long campaignId = SendCampaignJob.campaignId(jobContext);
        BatchStatus status = jobContext.getBatchStatus();
        if (status == BatchStatus.STOPPING || status == BatchStatus.STOPPED) {
            if (campaigns.endExecution(campaignId, jobContext.getExecutionId(), CampaignStatus.PAUSED, "stopped by an operator")) {
                LOG.infof("campaign %d paused (job execution %d stopped)", campaignId, jobContext.getExecutionId());
            }
        } else if (status == BatchStatus.FAILED || status == BatchStatus.STARTED) {
            Object why = jobContext.getTransientUserData();
            String reason = why != null ? why.toString() : "job execution " + jobContext.getExecutionId() + " ended with " + status;
            if (campaigns.endExecution(campaignId, jobContext.getExecutionId(), CampaignStatus.FAILED, reason)) {
                LOG.warnf("campaign %d failed: %s", campaignId, reason);
            }
        }
    }
}
