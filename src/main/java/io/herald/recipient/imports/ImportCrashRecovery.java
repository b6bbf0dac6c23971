package io.herald.recipient.imports;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * When Herald is deployed, imports left RUNNING (or never started) by a server that died are marked FAILED with the
 * reason, so that POST /imports/{id}/restart continues them from their last checkpoint: rows and rejections are
 * committed with the checkpoint, so none is added or reported twice. Imports are not restarted automatically: a
 * file that crashed the server should be looked at first. Assumes one node imports at a time (imports record no node).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ImportCrashRecovery {

    private static final Logger LOG = Logger.getLogger(ImportCrashRecovery.class);

    @Inject
    ImportStore store;

    @Inject
    Clock clock;

    @PostConstruct
    void markInterrupted() {
        int interrupted = store.failInterrupted(clock.instant());
        if (interrupted > 0) {
            LOG.warnf("%d imports were interrupted by a server stop; restart them with POST /imports/{id}/restart", interrupted);
        }
    }
}
