package io.herald.bounce;

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
 * Reads the bounce mailbox every herald.bounce.poll-seconds (default 300) by starting process-bounces, unless this
 * node's previous run is still going; does nothing without herald.bounce.imap.host. The first run comes one period
 * after deployment, so a server that starts many times (tests, a crash loop) does not hit the IMAP server each time.
 * Invalid bounce settings stop the deployment with a message naming the property.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BounceScheduler {

    private static final Logger LOG = Logger.getLogger(BounceScheduler.class);

    @Resource
    ManagedScheduledExecutorService executor;

    @Inject
    ProcessBouncesJob job;

    private ScheduledFuture<?> ticks;

    @PostConstruct
    void start() {
        BounceSettings settings = BounceSettings.fromSystemProperties();
        if (settings.imap().isEmpty()) {
            LOG.infof("bounces are not processed: %s is not set", BounceSettings.describe(BounceSettings.HOST));
            return;
        }
        long period = settings.pollSeconds();
        ticks = executor.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.SECONDS);
        LOG.infof("bounce mailbox %s is read every %d s", settings.imap().get(), period);
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
            job.start("the bounce scheduler");
        } catch (ApiException e) {
            LOG.debugf("bounce run not started: %s", e.getMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s could not be started; trying again at the next tick", ProcessBouncesJob.NAME);
        }
    }
}
