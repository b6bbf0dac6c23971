package io.herald.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why the send step of a job execution failed, handed from the partition threads (SendChunkListener) to
 * SendCampaignJobListener, which runs on the job's thread; the first failure of an execution is the one kept.
 */
@ApplicationScoped
public class SendFailures {

    private final Map<Long, StepFailure> failures = new ConcurrentHashMap<>();

    public void record(long executionId, StepFailure failure) {
        failures.putIfAbsent(executionId, failure);
    }

    /** The execution's failure, forgotten once taken; null when none was recorded. */
    public StepFailure take(long executionId) {
        return failures.remove(executionId);
    }
}
