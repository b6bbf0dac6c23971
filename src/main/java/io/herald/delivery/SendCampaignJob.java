package io.herald.delivery;

import jakarta.batch.runtime.context.JobContext;
import java.util.Properties;

/** The send-campaign job: its name (batch-jobs/send-campaign.xml) and its one required parameter. */
public final class SendCampaignJob {

    /** Job XML name and job id: batch-jobs/send-campaign.xml, {@code <job id="send-campaign">}. */
    public static final String NAME = "send-campaign";
    /** Job parameter: the id of the campaign to send. */
    public static final String CAMPAIGN_ID = "campaignId";

    private SendCampaignJob() {
    }

    /** Job parameter: "true" for a retry of a completed campaign, whose prepare step then adds no delivery. */
    public static final String RETRY = "retry";

    public static Properties parameters(long campaignId) {
        Properties p = new Properties();
        p.setProperty(CAMPAIGN_ID, Long.toString(campaignId));
        return p;
    }

    /** The parameters of a retry's execution (POST /campaigns/{id}/retry). */
    public static Properties retryParameters(long campaignId) {
        Properties p = parameters(campaignId);
        p.setProperty(RETRY, "true");
        return p;
    }

    /** Job parameter: "true" for an execution a node joins a RUNNING campaign with (docs/cluster.md). */
    public static final String JOIN = "join";

    /** The parameters of a node's execution joining the campaign's sending. */
    public static Properties joinParameters(long campaignId) {
        Properties p = parameters(campaignId);
        p.setProperty(JOIN, "true");
        return p;
    }

    /** Whether this execution joined a campaign launched elsewhere: it sends, and leaves the campaign's status alone. */
    public static boolean isJoin(JobContext job) {
        return "true".equals(job.getProperties().getProperty(JOIN));
    }

    /** Whether this execution is a retry: it sends the deliveries put back to PENDING, and adds none. */
    public static boolean isRetry(JobContext job) {
        return "true".equals(job.getProperties().getProperty(RETRY));
    }

    /** The campaign this execution sends (the job XML copies the parameter into a job property). */
    public static long campaignId(JobContext job) {
        String value = job.getProperties().getProperty(CAMPAIGN_ID);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("job parameter " + CAMPAIGN_ID + " is required, e.g. campaignId=7");
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("job parameter " + CAMPAIGN_ID + " must be a number, not '" + value + "'");
        }
    }
}
