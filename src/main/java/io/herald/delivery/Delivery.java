package io.herald.delivery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;

/** One (campaign, recipient) row: the source of truth for what was sent. Rows are created by the prepare
 * step's INSERT … SELECT and changed only by DeliveryStore's conditional updates, so this entity is read-only. */
@Entity
public class Delivery {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "campaign_id")
    private long campaignId;

    /** Null once the recipient was erased (DELETE /people/{address}): the row stays, for the campaign's counts. */
    @Column(name = "recipient_id")
    private Long recipientId;

    private String email;

    @Enumerated(EnumType.STRING)
    private DeliveryStatus status;

    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "first_attempt_at")
    private Instant firstAttemptAt;

    @Column(name = "smtp_code")
    private Integer smtpCode;

    @Column(name = "enhanced_code")
    private String enhancedCode;

    @Column(name = "reply_text")
    private String replyText;

    private String reason;

    @Column(name = "message_id")
    private String messageId;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    protected Delivery() {
    }

    public Long getId() {
        return id;
    }

    public long getCampaignId() {
        return campaignId;
    }

    public Long getRecipientId() {
        return recipientId;
    }

    public String getEmail() {
        return email;
    }

    public DeliveryStatus getStatus() {
        return status;
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getNextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant getFirstAttemptAt() {
        return firstAttemptAt;
    }

    public Integer getSmtpCode() {
        return smtpCode;
    }

    public String getEnhancedCode() {
        return enhancedCode;
    }

    public String getReplyText() {
        return replyText;
    }

    public String getReason() {
        return reason;
    }

    public String getMessageId() {
        return messageId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }
}
