package io.herald.delivery;

import jakarta.batch.api.chunk.listener.AbstractChunkListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Records why a partition of the send step failed (an SMTP outage pauses the campaign; anything else fails it). */
@Named
@Dependent
public class SendChunkListener extends AbstractChunkListener {

    @Inject
    JobContext jobContext;

    @Inject
    SendFailures failures;

    @Override
    public void onError(Exception e) {
        failures.record(jobContext.getExecutionId(), StepFailure.of("send", e));
    }
}
