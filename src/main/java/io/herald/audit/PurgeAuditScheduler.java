package io.herald.audit;

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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Starts purge-audit every 24 hours, the first time one hour after deployment (a server restarted often, such as a
 * test server, does not purge at each start). Each node purges; two runs at once only delete the same old rows.
 * An invalid HERALD_AUDIT_RETENTION_DAYS stops the deployment with a message naming it.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PurgeAuditScheduler {

    static final long FIRST_RUN_MINUTES = 60;
    static final long PERIOD_MINUTES = 24 * 60;

    private static final Logger LOG = Logger.getLogger(PurgeAuditScheduler.class);

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    PurgeAuditJob job;

    private ScheduledFuture<?> ticks;

    @PostConstruct
    void start() {
        int days = AuditRetention.fromSystemProperties().days();
        ticks = executor.scheduleWithFixedDelay(this::tick, FIRST_RUN_MINUTES, PERIOD_MINUTES, TimeUnit.MINUTES);
        LOG.infof("audit entries are kept %d days; %s runs every %d h", days, PurgeAuditJob.NAME, PERIOD_MINUTES / 60);
    }

    @PreDestroy
    void stop() {
        if (ticks != null) {
            ticks.cancel(false);
        }
    }

    /** Never throws: an exception would cancel every later tick of the executor. */
    void tick() {
        try {
            job.start(PurgeAuditJob.Request.DEFAULT, "the audit purge scheduler");
        } catch (ApiException e) {
            LOG.debugf("audit purge not started: %s", e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s could not be started; trying again in %d h", PurgeAuditJob.NAME, PERIOD_MINUTES / 60);
        }
    }
}
