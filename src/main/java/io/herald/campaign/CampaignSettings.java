package io.herald.campaign;

import io.herald.delivery.RetrySchedule;
import io.herald.delivery.UnknownPolicy;
import java.time.Duration;

/**
 * A campaign's delivery policy: the retry schedule for transient failures (RFC 5321 §4.5.4.1), what a restart
 * does with UNKNOWN deliveries, after how many consecutive SMTP connection failures the campaign pauses itself, its
 * own rate limit (messages per second, 0 = none), how many partitions send it (0 = the server's default), the sending
 * account it goes through and the one it falls back to while that one is unreachable (null: none; see account/).
 */
public record CampaignSettings(int retryFirstDelaySeconds, double retryFactor, int retryMaxDelaySeconds,
                               int retryMaxAttempts, int retryGiveUpSeconds, UnknownPolicy unknownPolicy,
                               int maxSendErrors, int maxPerSecond, int partitions, String account,
                               String fallbackAccount) {

    /** The most partitions a campaign may ask for (each one is a thread and an SMTP connection). */
    public static final int MAX_PARTITIONS = 32;

    /** 30 s, then doubling (1, 2, 4 min …) up to 1 h apart, 5 attempts, give up after 2 days; report unknowns;
     * pause after 5 consecutive connection failures (listmonk's "max send errors" idea); no rate limit of its own;
     * the server's partition count; the default account, no fallback. */
    public static final CampaignSettings DEFAULTS = new CampaignSettings(30, 2.0, 3600, 5, 172_800, UnknownPolicy.REPORT, 5,
            0, 0, "default", null);

    public CampaignSettings {
        if (retryFirstDelaySeconds < 1 || retryFactor < 1 || retryMaxDelaySeconds < retryFirstDelaySeconds
                || retryMaxAttempts < 1 || retryGiveUpSeconds < 1 || unknownPolicy == null || maxSendErrors < 1
                || maxPerSecond < 0 || partitions < 0 || partitions > MAX_PARTITIONS || account == null
                || account.equals(fallbackAccount)) {
            throw new IllegalArgumentException("invalid campaign settings " + this);
        }
    }

    public RetrySchedule retrySchedule() {
        return new RetrySchedule(Duration.ofSeconds(retryFirstDelaySeconds), retryFactor,
                Duration.ofSeconds(retryMaxDelaySeconds), retryMaxAttempts, Duration.ofSeconds(retryGiveUpSeconds));
    }
}
