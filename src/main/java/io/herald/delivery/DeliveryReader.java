package io.herald.delivery;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;

/**
 * Reads one partition's share of the campaign's sendable deliveries (id modulo partitions = partition) by keyset (id > last ORDER BY id), one page at a time, so the list
 * is never in memory. When the keyset is exhausted but deliveries are DEFERRED, it waits for the earliest to
 * fall due and starts a new pass from the first id: the campaign finishes only when nothing is left to try. Before
 * deciding that, it has the chunk in hand committed (SendCheckpointPolicy), since its messages may end DEFERRED.
 */
@Named
@Dependent
public class DeliveryReader extends AbstractItemReader {

    /** How long one wait lasts before the reader hands back a WaitTick (so stop requests are seen). */
    private static final Duration WAIT_SLICE = Duration.ofSeconds(1);
    /** Step transient data telling SendCheckpointPolicy to commit the chunk now. */
    static final String FLUSH = "flush";

    @Inject
    JobContext jobContext;

    @Inject
    StepContext stepContext;

    @Inject
    DeliveryStore store;

    @Inject
    SendingContextLoader contexts;

    @Inject
    Clock clock;

    /** Deliveries fetched per query (default 500 in send-campaign.xml). */
    @Inject
    @BatchProperty
    String pageSize;

    /** This partition's index and the partition count (SendPartitionMapper). */
    @Inject
    @BatchProperty
    String partition;

    @Inject
    @BatchProperty
    String partitions;

    private long campaignId;
    private DeliveryStore.Slice slice;
    private UnknownPolicy unknownPolicy;
    private int size;
    private long lastId;
    private int unwritten;
    private Iterator<DeliveryItem> page = Collections.emptyIterator();

    @Override
    public void open(Serializable checkpoint) {
        campaignId = SendCampaignJob.campaignId(jobContext);
        unknownPolicy = contexts.load(campaignId).unknownPolicy();
        size = Integer.parseInt(pageSize);
        slice = partitions == null || partitions.isBlank() ? DeliveryStore.Slice.ALL
                : new DeliveryStore.Slice(Integer.parseInt(partition.trim()), Integer.parseInt(partitions.trim()));
        lastId = checkpoint == null ? 0 : ((DeliveryCheckpoint) checkpoint).lastId();
    }

    @Override
    public Object readItem() throws InterruptedException {
        while (true) {
            if (page.hasNext()) {
                DeliveryItem item = page.next();
                lastId = item.id();
                unwritten++;
                return item;
            }
            Instant now = clock.instant();
            var next = store.page(campaignId, slice, lastId, now, size, unknownPolicy);
            if (!next.isEmpty()) {
                page = next.iterator();
                continue;
            }
            if (unwritten > 0) {
                // the items of this chunk are not sent yet: some may end DEFERRED; commit them, then look again
                stepContext.setTransientUserData(FLUSH);
                return WaitTick.INSTANCE;
            }
            Instant due = store.nextDeferredDue(campaignId, slice);
            if (due == null) {
                return null;
            }
            if (lastId != 0) {
                lastId = 0;                        // a new pass picks up deferred rows behind the keyset
                continue;
            }
            Duration wait = Duration.between(now, due);
            Thread.sleep(Math.max(1, Math.min(wait.toMillis(), WAIT_SLICE.toMillis())));
            return WaitTick.INSTANCE;
        }
    }

    @Override
    public Serializable checkpointInfo() {
        unwritten = 0;                              // called when the chunk's items have been written
        return new DeliveryCheckpoint(lastId);
    }
}
