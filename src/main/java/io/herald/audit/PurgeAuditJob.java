package io.herald.audit;

import io.herald.platform.ApiException;
import io.herald.platform.JobRuns;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * The purge-audit job (batch-jobs/purge-audit.xml), for the scheduler and POST /audit/purge alike: finishes the last
 * run if it stopped or failed (a restart, same cutoff), otherwise starts a new one; never two at once on a node.
 */
@ApplicationScoped
public class PurgeAuditJob {

    /** Job XML name and job id: batch-jobs/purge-audit.xml, {@code <job id="purge-audit">}. */
    public static final String NAME = "purge-audit";

    private static final Logger LOG = Logger.getLogger(PurgeAuditJob.class);

    /** What a start did: the job execution, and whether it is the restart of a stopped or failed run. */
    public record Started(long executionId, boolean restarted) {
    }

    /** What a new run is asked: its "now" (null: the clock) and batch size, and a failure to inject (tests). */
    public record Request(Instant now, Integer batchSize, Integer failAfterBatches) {

        public static final Request DEFAULT = new Request(null, null, null);

        Properties parameters() {
            Properties p = new Properties();
            if (now != null) {
                p.setProperty("now", now.toString());
            }
            if (batchSize != null) {
                p.setProperty("batchSize", batchSize.toString());
            }
            if (failAfterBatches != null) {
                p.setProperty("failAfterBatches", failAfterBatches.toString());
            }
            return p;
        }
    }

    /** Restarts the last run if it stopped or failed, else starts one; 409 while a run is going on this node. */
    public synchronized Started start(Request request, String startedBy) {
        OptionalLong running = JobRuns.runningHere(NAME);
        if (running.isPresent()) {
            throw ApiException.conflict("executionId", NAME + " is already running as job execution "
                    + running.getAsLong());
        }
        Optional<JobExecution> unfinished = last().filter(e -> e.getBatchStatus() == BatchStatus.FAILED
                || e.getBatchStatus() == BatchStatus.STOPPED);
        if (unfinished.isPresent()) {
            long execution = operator().restart(unfinished.get().getExecutionId(), new Properties());
            LOG.infof("%s execution %d (%s) restarted by %s as job execution %d", NAME,
                    unfinished.get().getExecutionId(), unfinished.get().getBatchStatus(), startedBy, execution);
            return new Started(execution, true);
        }
        long execution = operator().start(NAME, request.parameters());
        LOG.infof("%s started by %s as job execution %d", NAME, startedBy, execution);
        return new Started(execution, false);
    }

    /** The latest execution of the latest run. */
    private Optional<JobExecution> last() {
        JobOperator operator = operator();
        try {
            List<JobInstance> instances = operator.getJobInstances(NAME, 0, 1);
            return instances.isEmpty() ? Optional.empty() : operator.getJobExecutions(instances.get(0)).stream()
                    .max(Comparator.comparingLong(JobExecution::getExecutionId));
        } catch (NoSuchJobException e) {
            return Optional.empty();                   // never ran
        }
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
