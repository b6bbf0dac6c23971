package io.herald.campaign;

import io.herald.delivery.UnknownPolicy;
import io.herald.recipient.RecipientList;
import io.herald.template.Template;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import java.time.Instant;

/** One send of a template to a list, from one sender; its status changes only through CampaignService. */
@Entity
public class Campaign {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "template_id")
    private Template template;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "list_id")
    private RecipientList list;

    @Column(name = "from_address")
    private String fromAddress;

    @Column(name = "from_name")
    private String fromName;

    @Column(name = "reply_to")
    private String replyTo;

    @Enumerated(EnumType.STRING)
    private CampaignStatus status;

    @Column(name = "job_execution_id")
    private Long jobExecutionId;

    @Column(name = "excluded_unsubscribed")
    private int excludedUnsubscribed;

    @Column(name = "excluded_bounced")
    private int excludedBounced;

    @Column(name = "retry_first_delay_seconds")
    private int retryFirstDelaySeconds;

    @Column(name = "retry_factor")
    private double retryFactor;

    @Column(name = "retry_max_delay_seconds")
    private int retryMaxDelaySeconds;

    @Column(name = "retry_max_attempts")
    private int retryMaxAttempts;

    @Column(name = "retry_give_up_seconds")
    private int retryGiveUpSeconds;

    @Enumerated(EnumType.STRING)
    @Column(name = "unknown_policy")
    private UnknownPolicy unknownPolicy;

    @Column(name = "max_send_errors")
    private int maxSendErrors;

    @Column(name = "job_node")
    private String jobNode;

    private int recoveries;

    @Column(name = "status_reason")
    private String statusReason;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected Campaign() {
    }

    public Campaign(String name, Template template, RecipientList list, String fromAddress, String fromName,
                    String replyTo, CampaignSettings settings, Instant createdAt) {
        this.name = name;
        this.template = template;
        this.list = list;
        this.fromAddress = fromAddress;
        this.fromName = fromName;
        this.replyTo = replyTo;
        this.status = CampaignStatus.DRAFT;
        this.retryFirstDelaySeconds = settings.retryFirstDelaySeconds();
        this.retryFactor = settings.retryFactor();
        this.retryMaxDelaySeconds = settings.retryMaxDelaySeconds();
        this.retryMaxAttempts = settings.retryMaxAttempts();
        this.retryGiveUpSeconds = settings.retryGiveUpSeconds();
        this.unknownPolicy = settings.unknownPolicy();
        this.maxSendErrors = settings.maxSendErrors();
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public Template getTemplate() {
        return template;
    }

    public RecipientList getList() {
        return list;
    }

    public String getFromAddress() {
        return fromAddress;
    }

    public String getFromName() {
        return fromName;
    }

    public String getReplyTo() {
        return replyTo;
    }

    public CampaignStatus getStatus() {
        return status;
    }

    public Long getJobExecutionId() {
        return jobExecutionId;
    }

    public int getExcludedUnsubscribed() {
        return excludedUnsubscribed;
    }

    public int getExcludedBounced() {
        return excludedBounced;
    }

    public CampaignSettings getSettings() {
        return new CampaignSettings(retryFirstDelaySeconds, retryFactor, retryMaxDelaySeconds, retryMaxAttempts,
                retryGiveUpSeconds, unknownPolicy, maxSendErrors);
    }

    public String getJobNode() {
        return jobNode;
    }

    public int getRecoveries() {
        return recoveries;
    }

    public String getStatusReason() {
        return statusReason;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getFinishedAt() {
        return finishedAt;
    }
}
