package io.herald.bounce;

import java.time.Instant;

/**
 * A bounce_event as GET /bounces/events shows it: the outcome, the bounce message's Message-ID, the delivery it named
 * (campaign, recipient, the address Herald sent to), the report's recipient, status, diagnostic and remote MTA, the
 * original Message-ID, and the reason (why it is for review, or why a soft bounce suppressed the address).
 */
public record BounceEventView(long id, String outcome, String messageId, Long deliveryId, Long campaignId,
                              Long recipientId, String address, String reportedRecipient, String status,
                              String diagnostic, String remoteMta, String originalMessageId, String reason,
                              Instant createdAt) {

    static BounceEventView of(BounceEvent e) {
        return new BounceEventView(e.getId(), e.getOutcome().name(), e.getMessageId(), e.getDeliveryId(),
                e.getCampaignId(), e.getRecipientId(), e.getEmail(), e.getReportedRecipient(), e.getStatus(),
                e.getDiagnostic(), e.getRemoteMta(), e.getOriginalMessageId(), e.getReason(), e.getCreatedAt());
    }
}
