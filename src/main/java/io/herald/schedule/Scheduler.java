package io.herald.schedule;

import io.herald.campaign.Campaign;
import io.herald.campaign.CampaignService;
import io.herald.platform.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Launches scheduled campaigns without an operator: every TICK_SECONDS it claims each due time (ScheduleStore:
 * one conditional UPDATE, so with several nodes on one database each due time is launched by exactly one) and
 * launches, in priority order, a one-off campaign itself (DRAFT → RUNNING through CampaignService.launch) or a new
 * run of a recurring campaign. Due times missed while no node was running are handled at the first tick after
 * startup (DueTimes, MissedRuns). A failing campaign or tick is logged and the next tick runs as usual.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Scheduler {

    private static final Logger LOG = Logger.getLogger(Scheduler.class);
    /** How often due times are looked for: a campaign starts at most this late (plus the job's start-up). */
    static final long TICK_SECONDS = 5;
    /** Give the deployment time to finish before the first launch (as CrashRecovery does). */
    private static final long FIRST_DELAY_SECONDS = 5;

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    ScheduleStore store;

    @Inject
    CampaignService campaigns;

    @Inject
    Clock clock;

    private ScheduledFuture<?> ticks;

    @PostConstruct
    void start() {
        ticks = executor.scheduleWithFixedDelay(this::tick, FIRST_DELAY_SECONDS, TICK_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (ticks != null) {
            ticks.cancel(false);
        }
    }

    /** One pass: never throws, because an exception would cancel every later tick of the executor. */
    void tick() {
        try {
            Instant now = clock.instant();
            for (ScheduleStore.Due due : store.due(now)) {
                try {
                    fire(due, now);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "campaign %d: the run due at %s could not be launched; the scheduler goes on",
                            due.campaignId(), due.dueAt());
                }
            }
            for (long run : store.unlaunchedRuns(now)) {
                launch(run, "run");
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "scheduler tick failed; trying again in %d s", TICK_SECONDS);
        }
    }

    private void fire(ScheduleStore.Due due, Instant now) {
        Campaign c = store.find(due.campaignId());
        Schedule schedule = c == null ? null : ScheduleService.of(c);
        if (schedule == null || !due.dueAt().equals(c.getNextDueAt())) {
            return;                                  // changed since it was read: the next tick sees the new schedule
        }
        DueTimes.Decision d = DueTimes.decide(schedule, due.dueAt(), now);
        if (d.runDueAt() == null) {
            if (store.claim(c.getId(), due.dueAt(), d.following())) {
                LOG.warnf("campaign %d: %d due time(s) from %s were missed while Herald was down; skipped "
                        + "(missedRuns: skip), next due at %s", c.getId(), d.missed(), due.dueAt(), d.following());
            }
            return;
        }
        if (d.missed() > 0) {
            LOG.warnf("campaign %d: %d due time(s) from %s were missed while Herald was down; sending one run for %s "
                    + "(missedRuns: run-once)", c.getId(), d.missed(), due.dueAt(), d.runDueAt());
        }
        if (schedule.recurring()) {
            Long run = store.claimRun(c.getId(), due.dueAt(), d.following(), d.runDueAt(), now);
            if (run != null) {
                LOG.infof("campaign %d: run %d created for %s; next due at %s", c.getId(), run, d.runDueAt(), d.following());
                launch(run, "run");
            }
        } else if (launch(c.getId(), "scheduled campaign")) {
            // the DRAFT → RUNNING update in launch is the claim of a one-off send; this only records it is done
            store.claim(c.getId(), due.dueAt(), d.following());
        }
    }

    /** Launches a DRAFT campaign; false when someone else (another node, an operator) launched it first. */
    private boolean launch(long campaignId, String what) {
        try {
            long execution = campaigns.launch(campaignId);
            LOG.infof("%s %d launched by the scheduler as job execution %d", what, campaignId, execution);
            return true;
        } catch (ApiException e) {
            LOG.debugf("%s %d not launched: %s", what, campaignId, e.getMessage());
            return false;
        }
    }
}
