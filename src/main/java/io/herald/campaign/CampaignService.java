package io.herald.campaign;

import static io.herald.platform.Fields.address;
import static io.herald.platform.Fields.headerSafe;
import static io.herald.platform.Fields.optional;
import static io.herald.platform.Fields.required;
import static io.herald.platform.Fields.requiredId;

import io.herald.delivery.DeliveryCounters;
import io.herald.delivery.DeliveryStore;
import io.herald.delivery.SendCampaignJob;
import io.herald.delivery.UnknownPolicy;
import io.herald.account.SendingAccounts;
import io.herald.platform.ApiException;
import io.herald.recipient.RecipientList;
import io.herald.schedule.Priority;
import io.herald.schedule.ScheduleService;
import io.herald.template.Template;
import io.herald.template.TemplateSnapshots;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.EnumSet;
import org.jboss.logging.Logger;

/** Creates campaigns and launches, pauses and resumes their send-campaign job executions. */
@ApplicationScoped
public class CampaignService {

    private static final Logger LOG = Logger.getLogger(CampaignService.class);

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    CampaignTransitions transitions;

    @Inject
    DeliveryStore deliveries;

    @Inject
    DeliveryCounters counters;

    @Inject
    ScheduleService schedules;

    @Inject
    TemplateSnapshots snapshots;

    @Inject
    CampaignRetry retry;

    @Inject
    Clock clock;

    @Inject
    SendingAccounts accounts;

    @Inject
    io.herald.cluster.SendExecutions executions;

    @Transactional
    public Campaign create(CampaignRequest r) {
        CampaignDraft d = draft(r);
        Campaign c = new Campaign(d.name(), d.template(), d.list(), d.fromAddress(), d.fromName(), d.replyTo(),
                d.settings(), d.priority(), clock.instant());
        em.persist(c);
        return c;
    }

    /** The body of POST or PUT /campaigns checked field by field (400 naming the field, 404 for the template or list). */
    CampaignDraft draft(CampaignRequest r) {
        if (r == null) {
            throw ApiException.badRequest("body", "a JSON object is required");
        }
        String name = required("name", r.name(), CampaignDraft.MAX_NAME);
        long templateId = requiredId("templateId", r.templateId());
        long listId = requiredId("listId", r.listId());
        String from = address("fromAddress", r.fromAddress(), true);
        String fromName = headerSafe("fromName", optional("fromName", r.fromName(), 200));
        String replyTo = address("replyTo", r.replyTo(), false);
        CampaignSettings settings = settings(r);
        Priority priority = priority(r.priority());
        Template template = em.find(Template.class, templateId);
        if (template == null) {
            throw ApiException.notFound("template", templateId);
        }
        RecipientList list = em.find(RecipientList.class, listId);
        if (list == null) {
            throw ApiException.notFound("list", listId);
        }
        return new CampaignDraft(name, template, list, from, fromName, replyTo, settings, priority);
    }

    @Transactional
    public CampaignView view(long id) {
        Campaign c = find(id);
        return CampaignView.of(c, counters.counts(id), schedules.view(c));
    }

    public Campaign find(long id) {
        Campaign c = em.find(Campaign.class, id);
        if (c == null) {
            throw ApiException.notFound("campaign", id);
        }
        return c;
    }

    /** POST /campaigns/{id}/send: only a DRAFT campaign is launched; returns the job execution id. */
    public long launch(long id) {
        Campaign c = find(id);
        if (c.getCron() != null) {
            throw ApiException.conflict("status", "campaign " + id + " is recurring (cron '" + c.getCron()
                    + "'): the scheduler sends each run; clear its schedule to send it once now");
        }
        if (!transitions.move(id, EnumSet.of(CampaignStatus.DRAFT), CampaignStatus.RUNNING, null)) {
            throw ApiException.conflict("status", "campaign " + id + " is " + find(id).getStatus()
                    + "; only a DRAFT campaign can be sent (resume a PAUSED or FAILED one)");
        }
        long execution = start(id, SendCampaignJob.parameters(id));
        LOG.infof("campaign %d '%s' launched as job execution %d", id, c.getName(), execution);
        return execution;
    }

    /** What POST /campaigns/{id}/retry started: the job execution, and how many deliveries it sends again. */
    public record Retried(long executionId, int retried) {
    }

    /**
     * POST /campaigns/{id}/retry: the COMPLETED campaign's deliveries in the statuses asked for (FAILED, UNKNOWN) go
     * back to PENDING and the campaign to RUNNING in one transaction (CampaignRetry), then a new execution of
     * send-campaign sends them; its prepare step adds no recipient that joined the list since.
     */
    public Retried retry(long id, RetryRequest request, String user) {
        if (request == null) {
            throw ApiException.badRequest("statuses", "a JSON object {\"statuses\": [\"FAILED\", \"UNKNOWN\"]} is required");
        }
        int retried = retry.reopen(id, request.checked(), user);
        long execution = start(id, SendCampaignJob.retryParameters(id));
        LOG.infof("campaign %d: %d deliveries retried by %s as job execution %d", id, retried, user, execution);
        return new Retried(execution, retried);
    }

    /** Starts an execution of send-campaign for the RUNNING campaign; if it cannot start, the campaign is FAILED. */
    private long start(long id, java.util.Properties parameters) {
        try {
            snapshots.freeze(id);            // what it sends from now on, whatever edit comes next (once)
            return jobOperator().start(SendCampaignJob.NAME, parameters);
        } catch (RuntimeException e) {
            transitions.move(id, EnumSet.of(CampaignStatus.RUNNING), CampaignStatus.FAILED,
                    "the send-campaign job could not start: " + e.getMessage());
            throw e;
        }
    }

    /**
     * POST /campaigns/{id}/pause, on any node: asks every node to stop sending the campaign (each stops its executions
     * within a second, this one at once); it becomes PAUSED when the last of them has ended at its next checkpoint.
     */
    public long pause(long id) {
        Campaign c = find(id);
        if (c.getStatus() != CampaignStatus.RUNNING || c.getJobExecutionId() == null
                || !executions.requestPause(id, c.getJobExecutionId())) {
            throw ApiException.conflict("status", "campaign " + id + " is " + find(id).getStatus() + "; only a RUNNING campaign can be paused");
        }
        executions.stopHere(id);
        executions.pauseIfIdle(id, "paused by an operator");
        return c.getJobExecutionId();
    }

    /** POST /campaigns/{id}/resume: restarts the stopped or failed execution from its checkpoint. */
    public long resume(long id) {
        Campaign c = find(id);
        if (c.getStatus() != CampaignStatus.PAUSED && c.getStatus() != CampaignStatus.FAILED) {
            throw ApiException.conflict("status", "campaign " + id + " is " + c.getStatus() + "; only a PAUSED or FAILED campaign can be resumed");
        }
        awaitEnded(c.getJobExecutionId());
        try {
            long execution = c.getJobExecutionId() == null
                    ? jobOperator().start(SendCampaignJob.NAME, SendCampaignJob.parameters(id))
                    : jobOperator().restart(c.getJobExecutionId(), SendCampaignJob.parameters(id));
            LOG.infof("campaign %d resumed as job execution %d", id, execution);
            return execution;
        } catch (jakarta.batch.operations.JobRestartException | jakarta.batch.operations.JobExecutionAlreadyCompleteException
                 | jakarta.batch.operations.JobExecutionNotMostRecentException e) {
            throw ApiException.conflict("status", "campaign " + id + " cannot be resumed: " + e.getMessage());
        }
    }

    /**
     * POST /campaigns/{id}/cancel, on any node: the campaign becomes CANCELLED at once and its unsent deliveries
     * CANCELLED; every node stops its running executions of it (a message already in its SMTP transaction still
     * completes), a stopped or failed execution is abandoned so it can never be restarted.
     */
    public long cancel(long id) {
        Campaign c = find(id);
        if (!transitions.move(id, CampaignStatus.CANCELLED.allowedFrom(), CampaignStatus.CANCELLED, "cancelled by an operator")) {
            throw ApiException.conflict("status", "campaign " + id + " is " + find(id).getStatus()
                    + "; only a DRAFT, RUNNING, PAUSED or FAILED campaign can be cancelled");
        }
        int cancelled = deliveries.cancelUnsent(id, clock.instant());
        executions.stopHere(id);                 // the other nodes stop theirs within a second
        Long execution = c.getJobExecutionId();
        if (execution != null && c.getStatus() != CampaignStatus.RUNNING) {
            try {
                jobOperator().abandon(execution);
            } catch (jakarta.batch.operations.JobExecutionNotRunningException
                     | jakarta.batch.operations.JobExecutionIsRunningException e) {
                LOG.debugf("campaign %d: job execution %d: %s", id, execution, e.getMessage());
            }
        }
        LOG.infof("campaign %d cancelled; %d unsent deliveries cancelled", id, cancelled);
        return cancelled;
    }

    /**
     * Waits (at most 30 s) until the campaign's execution is no longer STOPPING: a resume right after a pause must
     * let it end first, since a stopping execution cannot be restarted.
     */
    private static void awaitEnded(Long execution) {
        if (execution == null) {
            return;
        }
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var status = jobOperator().getJobExecution(execution).getBatchStatus();
            if (status != jakarta.batch.runtime.BatchStatus.STOPPING && status != jakarta.batch.runtime.BatchStatus.STARTED
                    && status != jakarta.batch.runtime.BatchStatus.STARTING) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static JobOperator jobOperator() {
        return BatchRuntime.getJobOperator();
    }

    /** The delivery policy of a new campaign: each field given is checked, each missing one takes its default. */
    private CampaignSettings settings(CampaignRequest r) {
        CampaignSettings d = CampaignSettings.DEFAULTS;
        int firstDelay = positive("retryFirstDelaySeconds", r.retryFirstDelaySeconds(), d.retryFirstDelaySeconds());
        double factor = r.retryFactor() == null ? d.retryFactor() : r.retryFactor();
        if (factor < 1 || factor > 10 || Double.isNaN(factor)) {
            throw ApiException.badRequest("retryFactor", "retryFactor must be between 1 and 10, not " + factor);
        }
        int maxDelay = positive("retryMaxDelaySeconds", r.retryMaxDelaySeconds(), Math.max(d.retryMaxDelaySeconds(), firstDelay));
        if (maxDelay < firstDelay) {
            throw ApiException.badRequest("retryMaxDelaySeconds", "retryMaxDelaySeconds (" + maxDelay
                    + ") must not be shorter than retryFirstDelaySeconds (" + firstDelay + ")");
        }
        int maxAttempts = positive("retryMaxAttempts", r.retryMaxAttempts(), d.retryMaxAttempts());
        int giveUp = positive("retryGiveUpSeconds", r.retryGiveUpSeconds(), d.retryGiveUpSeconds());
        int maxSendErrors = positive("maxSendErrors", r.maxSendErrors(), d.maxSendErrors());
        UnknownPolicy unknown = d.unknownPolicy();
        if (r.unknownPolicy() != null) {
            try {
                unknown = UnknownPolicy.valueOf(r.unknownPolicy().trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("unknownPolicy", "unknownPolicy must be \"report\" or \"resend\", not \""
                        + r.unknownPolicy() + "\"");
            }
        }
        int maxPerSecond = r.maxPerSecond() == null ? d.maxPerSecond() : positive("maxPerSecond", r.maxPerSecond(), 0);
        int partitions = r.partitions() == null ? d.partitions() : positive("partitions", r.partitions(), 0);
        if (partitions > CampaignSettings.MAX_PARTITIONS) {
            throw ApiException.badRequest("partitions", "partitions must be between 1 and "
                    + CampaignSettings.MAX_PARTITIONS + ", not " + partitions);
        }
        String account = account("account", r.account() == null ? d.account() : r.account());
        String fallback = r.fallbackAccount() == null || r.fallbackAccount().isBlank() ? null
                : account("fallbackAccount", r.fallbackAccount());
        if (account.equals(fallback)) {
            throw ApiException.badRequest("fallbackAccount", "fallbackAccount must name another account than account ("
                    + account + ")");
        }
        return new CampaignSettings(firstDelay, factor, maxDelay, maxAttempts, giveUp, unknown, maxSendErrors,
                maxPerSecond, partitions, account, fallback);
    }

    /** A sending account of this server by name; 400 naming the field, and the accounts there are, otherwise. */
    private String account(String field, String name) {
        String n = name.trim();
        if (accounts.find(n).isEmpty()) {
            throw ApiException.badRequest(field, field + " \"" + n + "\" is not a sending account of this server; GET"
                    + " /accounts lists them: " + String.join(", ", accounts.names()));
        }
        return n;
    }

    private static Priority priority(String text) {
        if (text == null) {
            return Priority.NORMAL;
        }
        Priority p = Priority.parse(text);
        if (p == null) {
            throw ApiException.badRequest("priority", "priority must be \"HIGH\", \"NORMAL\" or \"LOW\", not \""
                    + text + "\"");
        }
        return p;
    }

    private static int positive(String field, Integer value, int defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        if (value < 1) {
            throw ApiException.badRequest(field, field + " must be at least 1, not " + value);
        }
        return value;
    }
}
