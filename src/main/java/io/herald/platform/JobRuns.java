package io.herald.platform;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import java.lang.management.ManagementFactory;
import java.util.OptionalLong;

/**
 * What Herald's housekeeping jobs (process-bounces, purge-audit) ask of the job repository: the run this node has
 * going, and one run's state for GET …/{executionId}.
 */
public final class JobRuns {

    private static final long JVM_STARTED = ManagementFactory.getRuntimeMXBean().getStartTime();

    /** A run's state: its batch status and, once it ended, its exit status (what it did, or why it failed). */
    public record Run(long executionId, String status, String exitStatus) {
    }

    private JobRuns() {
    }

    /**
     * The run of the job that this JVM started and that is STARTING or STARTED, if any: an execution left STARTED by
     * a JVM that died is not waited for, and another node's run is not either.
     */
    public static OptionalLong runningHere(String jobName) {
        JobOperator operator = BatchRuntime.getJobOperator();
        try {
            return operator.getRunningExecutions(jobName).stream()
                    .map(operator::getJobExecution)
                    .filter(e -> e.getCreateTime() != null && e.getCreateTime().getTime() >= JVM_STARTED)
                    .mapToLong(JobExecution::getExecutionId)
                    .max();
        } catch (NoSuchJobException e) {
            return OptionalLong.empty();                // never ran
        }
    }

    /** One run's state; 404 when there is no such execution of this job. */
    public static Run run(String jobName, long executionId) {
        JobExecution e;
        try {
            e = BatchRuntime.getJobOperator().getJobExecution(executionId);
        } catch (NoSuchJobExecutionException ex) {
            e = null;
        }
        if (e == null || !jobName.equals(e.getJobName())) {
            throw ApiException.notFound(jobName + " execution", executionId);
        }
        return new Run(executionId, e.getBatchStatus().name(), e.getExitStatus());
    }
}
