package io.herald.campaign;

import io.herald.delivery.DeliveryCounters;
import io.herald.platform.ApiException;
import io.herald.preflight.PreflightService;
import io.herald.template.TemplateSnapshots;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * PUT /campaigns/{id}, DELETE /campaigns/{id} and POST /campaigns/{id}/clone. Each change is conditional on the
 * campaign's status in the statement that makes it, so a launch (REST, console, scheduler) racing with it either
 * comes first (409 here) or waits for this transaction and sends what it left.
 */
@ApplicationScoped
public class CampaignEdits {

    private static final Logger LOG = Logger.getLogger(CampaignEdits.class);
    /** A campaign can be deleted before it sent anything, or once it was cancelled. */
    static final Set<CampaignStatus> DELETABLE = EnumSet.of(CampaignStatus.DRAFT, CampaignStatus.CANCELLED);
    static final String COPY_SUFFIX = " (copy)";

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    DeliveryCounters counters;

    @Inject
    TemplateSnapshots snapshots;

    @Inject
    CampaignService campaigns;

    @Inject
    PreflightService preflight;

    @Inject
    Clock clock;

    /**
     * Replaces what a DRAFT campaign is made of, checked as POST /campaigns checks it. A scheduled campaign is a DRAFT
     * whose schedule columns are set: they are not touched, so it stays scheduled and sends the new version when due.
     * The scheduler launches without a spam pre-flight (PUT /schedule ran it), so a scheduled campaign's new version
     * passes it here, in this transaction: a refusal (409, or 503 while spamd is down; force=true skips it) changes nothing.
     */
    @Transactional
    public CampaignView update(long id, CampaignRequest request, String force, boolean admin) {
        Campaign c = campaigns.find(id);
        CampaignDraft d = campaigns.draft(request);
        CampaignSettings s = d.settings();
        int updated = em.createQuery("""
                        UPDATE Campaign c SET c.name = :name, c.template = :template, c.list = :list,
                               c.fromAddress = :from, c.fromName = :fromName, c.replyTo = :replyTo, c.priority = :priority,
                               c.retryFirstDelaySeconds = :firstDelay, c.retryFactor = :factor,
                               c.retryMaxDelaySeconds = :maxDelay, c.retryMaxAttempts = :maxAttempts,
                               c.retryGiveUpSeconds = :giveUp, c.unknownPolicy = :unknown, c.maxSendErrors = :maxErrors,
                               c.maxPerSecond = :perSecond, c.partitions = :partitions,
                               c.account = :account, c.fallbackAccount = :fallback
                        WHERE c.id = :id AND c.status = :draft""")
                .setParameter("name", d.name())
                .setParameter("template", d.template())
                .setParameter("list", d.list())
                .setParameter("from", d.fromAddress())
                .setParameter("fromName", d.fromName())
                .setParameter("replyTo", d.replyTo())
                .setParameter("priority", d.priority())
                .setParameter("firstDelay", s.retryFirstDelaySeconds())
                .setParameter("factor", s.retryFactor())
                .setParameter("maxDelay", s.retryMaxDelaySeconds())
                .setParameter("maxAttempts", s.retryMaxAttempts())
                .setParameter("giveUp", s.retryGiveUpSeconds())
                .setParameter("unknown", s.unknownPolicy())
                .setParameter("maxErrors", s.maxSendErrors())
                .setParameter("perSecond", s.maxPerSecond())
                .setParameter("partitions", s.partitions())
                .setParameter("account", s.account())
                .setParameter("fallback", s.fallbackAccount())
                .setParameter("id", id)
                .setParameter("draft", CampaignStatus.DRAFT)
                .executeUpdate();
        if (updated != 1) {
            throw ApiException.conflict("status", "campaign " + id + " is " + c.getStatus()
                    + "; only a DRAFT campaign (scheduled or not) can be changed");
        }
        em.refresh(c);
        if (c.getSendAt() != null || c.getCron() != null) {
            preflight.beforeSchedule(id, force, admin);
        }
        return campaigns.view(id);
    }

    /**
     * Deletes a DRAFT or CANCELLED campaign, its deliveries, their counters and its template snapshot in one
     * transaction. Kept as history, because no key
     * ties them to the campaign row: its audit entries (each SMTP attempt) and bounce events. A recurring campaign
     * with runs is refused (409): its runs are campaigns of their own whose parent would vanish.
     */
    @Transactional
    public int delete(long id) {
        Campaign c = campaigns.find(id);
        // a no-op update that holds the row in its deletable status: a launch racing with it waits, then finds nothing
        int held = em.createQuery("UPDATE Campaign c SET c.status = c.status WHERE c.id = :id AND c.status IN :deletable")
                .setParameter("id", id)
                .setParameter("deletable", DELETABLE)
                .executeUpdate();
        if (held != 1) {
            throw ApiException.conflict("status", "campaign " + id + " is " + c.getStatus()
                    + "; only a DRAFT or CANCELLED campaign can be deleted (cancel it first)");
        }
        List<Long> runs = em.createQuery("SELECT c.id FROM Campaign c WHERE c.parentId = :id ORDER BY c.id", Long.class)
                .setParameter("id", id)
                .getResultList();
        if (!runs.isEmpty()) {
            throw ApiException.conflict("id", "campaign " + id + " is recurring and has runs " + runs + ", which keep"
                    + " their history; delete those that are DRAFT or CANCELLED first, or clear its schedule to stop it");
        }
        refuseWhileJobStops(c);
        int deliveries = em.createQuery("DELETE FROM Delivery d WHERE d.campaignId = :id").setParameter("id", id).executeUpdate();
        counters.forget(id);
        em.createQuery("DELETE FROM Campaign c WHERE c.id = :id").setParameter("id", id).executeUpdate();
        if (c.getSentTemplateId() != null) {
            snapshots.dropUnused(c.getSentTemplateId());
        }
        LOG.infof("campaign %d '%s' (%s) deleted with its %d deliveries; its audit entries stay", id, c.getName(),
                c.getStatus(), deliveries);
        return deliveries;
    }

    /** A cancelled campaign's job execution may still finish the message it was sending: its rows wait for it. */
    private static void refuseWhileJobStops(Campaign c) {
        if (c.getJobExecutionId() == null) {
            return;
        }
        try {
            BatchStatus status = BatchRuntime.getJobOperator().getJobExecution(c.getJobExecutionId()).getBatchStatus();
            if (status == BatchStatus.STARTING || status == BatchStatus.STARTED || status == BatchStatus.STOPPING) {
                throw ApiException.conflict("status", "campaign " + c.getId() + " is CANCELLED but its job execution "
                        + c.getJobExecutionId() + " is still " + status + "; try again once it stopped");
            }
        } catch (NoSuchJobExecutionException e) {
            LOG.debugf("campaign %d: job execution %d is gone", c.getId(), c.getJobExecutionId());
        }
    }

    /** A new DRAFT "<name> (copy)" with the same template, list, sender, settings and priority; no schedule. */
    @Transactional
    public Campaign copy(long id) {
        Campaign c = campaigns.find(id);
        Campaign copy = c.copyNamed(copyName(c.getName()), clock.instant());
        em.persist(copy);
        LOG.infof("campaign %d cloned as campaign %d", id, copy.getId());
        return copy;
    }

    /** "<name> (copy)", the name shortened to keep within the 200 characters a name may have. */
    static String copyName(String name) {
        int room = CampaignDraft.MAX_NAME - COPY_SUFFIX.length();
        return (name.length() > room ? name.substring(0, room) : name) + COPY_SUFFIX;
    }
}
