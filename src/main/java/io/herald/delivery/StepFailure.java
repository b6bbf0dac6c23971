package io.herald.delivery;

import io.herald.mail.SmtpUnavailableException;

/** Why a step of send-campaign failed, handed from SendStepListener to SendCampaignJobListener. */
record StepFailure(String reason, boolean outage) {

    /** An SMTP outage pauses the campaign (resume once the server is back); anything else fails it. */
    static StepFailure of(String step, Exception e) {
        boolean outage = e instanceof SmtpUnavailableException;
        return new StepFailure(outage ? "paused after " + e.getMessage() : "step " + step + " failed: " + e.getMessage(), outage);
    }
}
