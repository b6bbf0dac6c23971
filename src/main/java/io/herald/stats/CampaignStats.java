package io.herald.stats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * GET /campaigns/{id}/stats: what a campaign's deliveries and attempts add up to, each figure with the counts it is
 * computed from, and the definition of each in {@code definitions}. A figure that cannot be computed yet (no
 * finished delivery, no timed attempt, fewer than two sends) is null, so left out of the JSON.
 */
public record CampaignStats(long campaignId, String campaignStatus, long deliveries, Map<String, Long> byStatus,
                            SuccessRate successRate, Latency latency, Throughput throughput,
                            List<FailureReason> topFailureReasons, Map<String, String> definitions) {

    /** SENT among the deliveries in a final state. */
    public record SuccessRate(long sent, long finished, Double rate) {
    }

    /** The SMTP attempts' latency in milliseconds. */
    public record Latency(long attempts, Double averageMs, Double p95Ms, Integer maxMs) {
    }

    /** Messages the SMTP server accepted per second, between the first and the last acceptance. */
    public record Throughput(long accepted, Instant firstSentAt, Instant lastSentAt, Double seconds,
                             Double messagesPerSecond) {
    }

    /** One reason among the campaign's failed deliveries, and how many deliveries failed with it. */
    public record FailureReason(Integer smtpCode, String enhancedCode, String pattern, long count) {
    }

    static final Map<String, String> DEFINITIONS = Map.of(
            "successRate", "sent / finished, where sent = deliveries SENT and finished = deliveries SENT, FAILED,"
                    + " BOUNCED, SKIPPED or UNKNOWN (PENDING, SENDING and DEFERRED are not finished yet; CANCELLED"
                    + " ones were never tried); null while finished = 0",
            "latency", "over the campaign's SMTP attempts (audit entries) that carry a latency_ms, the time from MAIL"
                    + " FROM to the server's reply to the message: their count, mean, 95th percentile (continuous,"
                    + " interpolated: PERCENTILE_CONT(0.95)) and maximum, in milliseconds",
            "throughput", "accepted / seconds, where accepted = deliveries with a sent_at (SENT, or BOUNCED later) and"
                    + " seconds = last sent_at - first sent_at; null with fewer than two acceptances or no time between"
                    + " them",
            "topFailureReasons", "the 10 most frequent (smtpCode, enhancedCode, pattern) among FAILED deliveries"
                    + " (their last reply) and BOUNCED ones (the bounce's reason, no SMTP code), with how many"
                    + " deliveries each; pattern = the reply text without its leading codes, every e-mail address"
                    + " replaced by {address} and every word holding a digit by #");
}
