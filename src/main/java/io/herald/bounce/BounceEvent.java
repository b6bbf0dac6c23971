package io.herald.bounce;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * One message of the bounce mailbox, recorded once (unique messageKey) with what it said and what it did: the
 * delivery it named (null when UNMATCHED or UNCLASSIFIED without one), the report's fields, and the reason an
 * operator should look at it. Written by BounceRecorder only; never changed afterwards.
 */
@Entity
@Table(name = "bounce_event")
public class BounceEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "message_key")
    private String messageKey;

    @Column(name = "message_id")
    private String messageId;

    @Enumerated(EnumType.STRING)
    private BounceOutcome outcome;

    @Column(name = "delivery_id")
    private Long deliveryId;

    @Column(name = "campaign_id")
    private Long campaignId;

    @Column(name = "recipient_id")
    private Long recipientId;

    private String email;

    @Column(name = "reported_recipient")
    private String reportedRecipient;

    private String status;

    private String diagnostic;

    @Column(name = "remote_mta")
    private String remoteMta;

    @Column(name = "original_message_id")
    private String originalMessageId;

    private String reason;

    @Column(name = "created_at")
    private Instant createdAt;

    protected BounceEvent() {
    }

    /** {@code delivery} may be null; every text is cut to its column's size. */
    BounceEvent(BounceMessage message, BounceReport report, BounceOutcome outcome, BounceRecorder.Target delivery,
                String reason, Instant createdAt) {
        this.messageKey = Objects.requireNonNull(message.key(), "key");
        this.messageId = fit(message.messageId(), 998);
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        if (delivery != null) {
            this.deliveryId = delivery.deliveryId();
            this.campaignId = delivery.campaignId();
            this.recipientId = delivery.recipientId();
            this.email = fit(delivery.email(), 320);
        }
        this.reportedRecipient = fit(report.recipient(), 320);
        this.status = fit(report.status(), 32);
        this.diagnostic = fit(report.diagnostic(), 1000);
        this.remoteMta = fit(report.remoteMta(), 255);
        this.originalMessageId = fit(report.originalMessageId(), 998);
        this.reason = fit(reason, 2000);
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    static String fit(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    public Long getId() {
        return id;
    }

    public String getMessageId() {
        return messageId;
    }

    public BounceOutcome getOutcome() {
        return outcome;
    }

    public Long getDeliveryId() {
        return deliveryId;
    }

    public Long getCampaignId() {
        return campaignId;
    }

    public Long getRecipientId() {
        return recipientId;
    }

    public String getEmail() {
        return email;
    }

    public String getReportedRecipient() {
        return reportedRecipient;
    }

    public String getStatus() {
        return status;
    }

    public String getDiagnostic() {
        return diagnostic;
    }

    public String getRemoteMta() {
        return remoteMta;
    }

    public String getOriginalMessageId() {
        return originalMessageId;
    }

    public String getReason() {
        return reason;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
