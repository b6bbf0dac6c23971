package io.herald.delivery;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractCheckpointAlgorithm;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * When the send step commits a chunk: after chunkSize items, after checkpointSeconds, or at once when the reader
 * asks for it (DeliveryReader.requestFlush): at the end of the keyset the reader must see what the writer made of
 * the chunk's messages (some may be DEFERRED) before it can tell whether the campaign is done.
 */
@Named
@Dependent
public class SendCheckpointPolicy extends AbstractCheckpointAlgorithm {

    /** Messages per chunk (default 50 in send-campaign.xml). */
    @Inject
    @BatchProperty
    String chunkSize;

    /** A checkpoint at least this often, in seconds, also while the reader waits (default 10). */
    @Inject
    @BatchProperty
    String checkpointSeconds;

    @Inject
    StepContext stepContext;

    private int items;
    private long startedAt;

    @Override
    public void beginCheckpoint() {
        items = 0;
        startedAt = System.nanoTime();
        stepContext.setTransientUserData(null);
    }

    @Override
    public boolean isReadyToCheckpoint() {
        items++;
        return items >= Integer.parseInt(chunkSize)
                || System.nanoTime() - startedAt >= Long.parseLong(checkpointSeconds) * 1_000_000_000L
                || DeliveryReader.FLUSH.equals(stepContext.getTransientUserData());
    }
}
