package io.herald.preflight;

import io.herald.platform.ApiException;

/** A launch or schedule refused because the campaign's sample message scores as spam: a 409 that carries the pre-flight. */
public class SpamRefusedException extends ApiException {

    private final transient PreflightReport report;

    SpamRefusedException(long campaignId, PreflightReport report, String action) {
        super(409, "preflight", "campaign " + campaignId + " scores " + report.score() + " in SpamAssassin's"
                + " pre-flight (threshold " + report.threshold() + "): " + report.ruleSummary() + ". Change the"
                + " template, or " + action + " with ?force=true as an admin to send it anyway");
        this.report = report;
    }

    PreflightReport report() {
        return report;
    }
}
