package io.herald.campaign;

/**
 * Body of POST /campaigns. Only the first six fields are needed; the delivery policy fields are optional (defaults
 * in CampaignSettings.DEFAULTS): retryFirstDelaySeconds 30, retryFactor 2, retryMaxDelaySeconds 3600,
 * retryMaxAttempts 5, retryGiveUpSeconds 172800, unknownPolicy "report" or "resend", maxSendErrors 5; priority
 * "HIGH", "NORMAL" (default) or "LOW" (see schedule/SendPriorities); maxPerSecond (a rate limit of this campaign,
 * none by default) and partitions (parallel senders, HERALD_SEND_PARTITIONS by default), see docs/performance.md;
 * account (the sending account, "default" unless given) and fallbackAccount (used while account is unreachable; none
 * unless given), names GET /accounts lists.
 */
public record CampaignRequest(String name, Long templateId, Long listId, String fromAddress, String fromName,
                              String replyTo, Integer retryFirstDelaySeconds, Double retryFactor,
                              Integer retryMaxDelaySeconds, Integer retryMaxAttempts, Integer retryGiveUpSeconds,
                              String unknownPolicy, Integer maxSendErrors, String priority,
                              Integer maxPerSecond, Integer partitions, String account,
                              String fallbackAccount) {
}
