package io.herald.campaign;

import io.herald.delivery.UnknownPolicy;
import io.herald.recipient.RecipientList;
import io.herald.schedule.MissedRuns;
import io.herald.schedule.Priority;
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

    /** The frozen copy of the template made at the first launch (TemplateSnapshots); null before it. */
    @Column(name = "sent_template_id")
    private Long sentTemplateId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "list_id")
    private RecipientList list;

    /**
     * The template's and the list's ids, read with the row (the two columns above, read-only here): GET /campaigns and
     * GET /campaigns/{id} show them without loading either (getId() of a lazy reference loads it, as JPA's proxy
     * rules ask: a SELECT of the template, its HTML and text, on every read of a campaign).
     */
    @Column(name = "template_id", insertable = false, updatable = false)
    private Long templateId;

    @Column(name = "list_id", insertable = false, updatable = false)
    private Long listId;

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

    @Column(name = "excluded_suppressed")
    private int excludedSuppressed;

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

    @Column(name = "max_per_second")
    private int maxPerSecond;

    /** Partitions asked for (0 = the server's default); the send step fixes the count it used in sendPartitions. */
    private int partitions;

    /** The sending account (SendingAccounts.DEFAULT unless chosen) and its fallback (null: none). */
    private String account;

    @Column(name = "fallback_account")
    private String fallbackAccount;

    @Column(name = "send_partitions")
    private Integer sendPartitions;

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

    @Enumerated(EnumType.STRING)
    private Priority priority;

    // the schedule (io.herald.schedule): set and cleared only by ScheduleService, next_due_at moved by the scheduler's claim
    @Column(name = "send_at")
    private Instant sendAt;

    private String cron;

    @Column(name = "time_zone")
    private String timeZone;

    @Enumerated(EnumType.STRING)
    @Column(name = "missed_runs")
    private MissedRuns missedRuns;

    @Column(name = "next_due_at")
    private Instant nextDueAt;

    /** A run of a recurring campaign: the parent it was copied from and the due time it sends for. */
    @Column(name = "parent_id")
    private Long parentId;

    @Column(name = "due_at")
    private Instant dueAt;

    protected Campaign() {
    }

    public Campaign(String name, Template template, RecipientList list, String fromAddress, String fromName,
                    String replyTo, CampaignSettings settings, Priority priority, Instant createdAt) {
        if (priority == null) {
            throw new IllegalArgumentException("a campaign needs a priority");
        }
        this.name = name;
        this.template = template;
        this.list = list;
        this.templateId = template.getId();
        this.listId = list.getId();
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
        this.maxPerSecond = settings.maxPerSecond();
        this.partitions = settings.partitions();
        this.account = settings.account();
        this.fallbackAccount = settings.fallbackAccount();
        this.priority = priority;
        this.createdAt = createdAt;
    }

    /** The run of this recurring campaign due at {@code dueAt}: a DRAFT copy of its template, list, sender and settings. */
    public Campaign runFor(Instant dueAt, Instant now) {
        if (parentId != null) {
            throw new IllegalStateException("campaign " + id + " is itself a run");
        }
        Campaign run = copyNamed(name, now);
        run.parentId = id;
        run.dueAt = dueAt;
        return run;
    }

    /**
     * A new DRAFT with this campaign's template, list, sender, reply-to, delivery settings and priority under another
     * name; no schedule, no deliveries (POST /campaigns/{id}/clone, and each run of a recurring campaign).
     */
    public Campaign copyNamed(String newName, Instant now) {
        return new Campaign(newName, template, list, fromAddress, fromName, replyTo, getSettings(), priority, now);
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

    public long getTemplateId() {
        return templateId;
    }

    public long getListId() {
        return listId;
    }

    public Long getSentTemplateId() {
        return sentTemplateId;
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

    public int getExcludedSuppressed() {
        return excludedSuppressed;
    }

    public CampaignSettings getSettings() {
        return new CampaignSettings(retryFirstDelaySeconds, retryFactor, retryMaxDelaySeconds, retryMaxAttempts,
                retryGiveUpSeconds, unknownPolicy, maxSendErrors, maxPerSecond, partitions, account,
                fallbackAccount);
    }

    /** How many partitions the send step split this campaign into at its first execution; null before. */
    public Integer getSendPartitions() {
        return sendPartitions;
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

    public Priority getPriority() {
        return priority;
    }

    public Instant getSendAt() {
        return sendAt;
    }

    public String getCron() {
        return cron;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public MissedRuns getMissedRuns() {
        return missedRuns;
    }

    public Instant getNextDueAt() {
        return nextDueAt;
    }

    public Long getParentId() {
        return parentId;
    }

    public Instant getDueAt() {
        return dueAt;
    }
}
