package io.herald.bounce;

import io.herald.platform.ApiException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.management.ManagementFactory;
import java.util.OptionalLong;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * The process-bounces job (batch-jobs/process-bounces.xml): starts a run unless this node already has one going, for
 * the scheduler and for POST /bounces/process alike, and reads a run's state back.
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
    private static final long JVM_STARTED = ManagementFactory.getRuntimeMXBean().getStartTime();

    /** A run's state: its batch status and, once it ended, what it did (BounceRun.Tally) or why it failed. */
    public record Run(long executionId, String status, String exitStatus) {
    }

    /** Starts a run; 409 (ApiException) when no mailbox is configured or a run is going on this node. */
    public synchronized long start(String startedBy) {
        if (BounceSettings.fromSystemProperties().imap().isEmpty()) {
            throw ApiException.conflict("mailbox", "no bounce mailbox is configured: set "
                    + BounceSettings.describe(BounceSettings.HOST) + " and its user and password");
        }
        OptionalLong running = running();
        if (running.isPresent()) {
            throw ApiException.conflict("executionId", NAME + " is already running as job execution "
                    + running.getAsLong());
        }
        long execution = operator().start(NAME, new Properties());
        LOG.infof("%s started by %s as job execution %d", NAME, startedBy, execution);
        return execution;
    }

    /** The run of this node that is STARTING or STARTED, if any. */
    public OptionalLong running() {
        JobOperator operator = operator();
        try {
            return operator.getRunningExecutions(NAME).stream()
                    .map(operator::getJobExecution)
                    .filter(e -> e.getCreateTime() != null && e.getCreateTime().getTime() >= JVM_STARTED)
                    .mapToLong(JobExecution::getExecutionId)
                    .max();
        } catch (NoSuchJobException e) {
            return OptionalLong.empty();                // never ran
        }
    }

    /** One run's state; 404 when there is no such execution of this job. */
    public Run run(long executionId) {
        JobExecution e;
        try {
            e = operator().getJobExecution(executionId);
        } catch (NoSuchJobExecutionException ex) {
            e = null;
        }
        if (e == null || !NAME.equals(e.getJobName())) {
            throw ApiException.notFound(NAME + " execution", executionId);
        }
        return new Run(executionId, e.getBatchStatus().name(), e.getExitStatus());
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
