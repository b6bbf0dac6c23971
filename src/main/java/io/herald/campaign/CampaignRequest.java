package io.herald.campaign;

/** Body of POST /campaigns; the retry fields are optional (defaults: 30 s first delay, 5 attempts). */
public record CampaignRequest(String name, Long templateId, Long listId, String fromAddress, String fromName,
                              String replyTo, Integer retryFirstDelaySeconds, Integer retryMaxAttempts) {
}
