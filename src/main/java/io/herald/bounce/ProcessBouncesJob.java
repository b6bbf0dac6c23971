package io.herald.bounce;

import io.herald.platform.ApiException;
import io.herald.platform.JobRuns;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalLong;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * The process-bounces job (batch-jobs/process-bounces.xml): starts a run unless this node already has one going, for
 * the scheduler and for POST /bounces/process alike (JobRuns reads a run's state back).
 *
 * <p>"Already going" means started by this JVM: an execution left STARTED by a JVM that died is not waited for, and
 * another node's run is not either. Two runs on one mailbox are safe (each message is recorded once, by its unique
 * key, and moved by whichever run gets there first); one per node keeps them from piling up.
 */
@ApplicationScoped
public class ProcessBouncesJob {

    /** Job XML name and job id: batch-jobs/process-bounces.xml, {@code <job id="process-bounces">}. */
    public static final String NAME = "process-bounces";

    private static final Logger LOG = Logger.getLogger(ProcessBouncesJob.class);

    /** Starts a run; 409 (ApiException) when no mailbox is configured or a run is going on this node. */
    public synchronized long start(String startedBy) {
        if (BounceSettings.fromSystemProperties().imap().isEmpty()) {
            throw ApiException.conflict("mailbox", "no bounce mailbox is configured: set "
                    + BounceSettings.describe(BounceSettings.HOST) + " and its user and password");
        }
        OptionalLong running = JobRuns.runningHere(NAME);
        if (running.isPresent()) {
            throw ApiException.conflict("executionId", NAME + " is already running as job execution "
                    + running.getAsLong());
        }
        long execution = BatchRuntime.getJobOperator().start(NAME, new Properties());
        LOG.infof("%s started by %s as job execution %d", NAME, startedBy, execution);
        return execution;
    }
}
