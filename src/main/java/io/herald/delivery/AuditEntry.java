package io.herald.delivery;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One SMTP attempt, kept as evidence of what was sent to whom, when, through which server, with what reply. kind is
 * DELIVERY for a campaign's delivery, TEST for a test message (POST /campaigns/{id}/test: no delivery, delivery_id 0).
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    private UUID id;

    @Column(name = "delivery_id")
    private long deliveryId;

    @Column(name = "campaign_id")
    private long campaignId;

    @Column(name = "message_id")
    private String messageId;

    @Column(name = "mail_from")
    private String mailFrom;

    @Column(name = "rcpt_to")
    private String rcptTo;

    @Column(name = "attempted_at")
    private Instant attemptedAt;

    @Column(name = "smtp_server")
    private String smtpServer;

    @Column(name = "reply_code")
    private Integer replyCode;

    @Column(name = "enhanced_code")
    private String enhancedCode;

    @Column(name = "reply_text")
    private String replyText;

    private String outcome;

    @Column(name = "node_name")
    private String nodeName;

    /** How long the attempt took on the SMTP connection, in milliseconds (null before V9). */
    @Column(name = "latency_ms")
    private Integer latencyMs;

    /** The sending account that took the attempt (null before V21, and for entries no SMTP server took). */
    private String account;

    /** DELIVERY or TEST. */
    private String kind = DELIVERY;

    /** The address as GET /audit?address= matches it (Recipient.keyOf); SendLedger writes it for deliveries. */
    @Column(name = "rcpt_key")
    private String rcptKey;

    public static final String DELIVERY = "DELIVERY";
    public static final String TEST = "TEST";

    protected AuditEntry() {
    }

    /** A test message's attempt: kind TEST, no delivery (0), no latency (so the campaign's statistics leave it out). */
    public static AuditEntry test(long campaignId, String messageId, String mailFrom, String rcptTo, String rcptKey,
                                  Instant attemptedAt, String account, String smtpServer, Integer replyCode,
                                  String enhancedCode, String replyText, DeliveryStatus outcome, String nodeName) {
        AuditEntry e = new AuditEntry(0, campaignId, messageId, mailFrom, rcptTo, attemptedAt, account, smtpServer, replyCode,
                enhancedCode, replyText, outcome, nodeName, null);
        e.kind = TEST;
        e.rcptKey = rcptKey;
        return e;
    }

    public AuditEntry(long deliveryId, long campaignId, String messageId, String mailFrom, String rcptTo,
                      Instant attemptedAt, String smtpServer, Integer replyCode, String enhancedCode,
                      String replyText, DeliveryStatus outcome, String nodeName, Integer latencyMs) {
        this(deliveryId, campaignId, messageId, mailFrom, rcptTo, attemptedAt, null, smtpServer, replyCode, enhancedCode,
                replyText, outcome, nodeName, latencyMs);
    }

    /** An attempt through the named sending account's server. */
    public AuditEntry(long deliveryId, long campaignId, String messageId, String mailFrom, String rcptTo,
                      Instant attemptedAt, String account, String smtpServer, Integer replyCode, String enhancedCode,
                      String replyText, DeliveryStatus outcome, String nodeName, Integer latencyMs) {
        this.id = UUID.randomUUID();
        this.deliveryId = deliveryId;
        this.campaignId = campaignId;
        this.messageId = messageId;
        this.mailFrom = mailFrom;
        this.rcptTo = rcptTo;
        this.attemptedAt = attemptedAt;
        this.account = account;
        this.smtpServer = smtpServer;
        this.replyCode = replyCode;
        this.enhancedCode = enhancedCode;
        this.replyText = replyText;
        this.outcome = outcome.name();
        this.nodeName = nodeName;
        this.latencyMs = latencyMs;
    }

    public UUID getId() {
        return id;
    }

    public long getDeliveryId() {
        return deliveryId;
    }

    public long getCampaignId() {
        return campaignId;
    }

    public String getMailFrom() {
        return mailFrom;
    }

    public String getAccount() {
        return account;
    }

    public String getSmtpServer() {
        return smtpServer;
    }

    public String getEnhancedCode() {
        return enhancedCode;
    }

    public String getReplyText() {
        return replyText;
    }

    public String getNodeName() {
        return nodeName;
    }

    public String getMessageId() {
        return messageId;
    }

    public String getRcptTo() {
        return rcptTo;
    }

    public Instant getAttemptedAt() {
        return attemptedAt;
    }

    public Integer getReplyCode() {
        return replyCode;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getKind() {
        return kind;
    }

    public Integer getLatencyMs() {
        return latencyMs;
    }
}
