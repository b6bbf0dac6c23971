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
 * Reads the deliveries one send partition sends: it reserves them a page at a time (DeliveryReservations: FOR
 * UPDATE SKIP LOCKED), in id order from where it left off, so the partitions of every node's execution share the
 * campaign without waiting on each other and the list is never in memory. Out of deliveries while the campaign is not
 * prepared in full, it prepares the next slice (DeliveryPreparation) and goes on. At the end of the ids it makes one more
 * pass from the first (rows released by a stopped partition, deferred rows now due); when nothing is left to reserve
 * but deferred deliveries, it waits for the earliest to fall due; when nothing is left at all, the partition ends,
 * whatever other partitions still hold. Before deciding that, it has the chunk in hand committed
 * (SendCheckpointPolicy), since its messages may end DEFERRED. What it reserved and did not hand out is given back
 * when it closes.
 */
@Named
@Dependent
public class DeliveryReader extends AbstractItemReader {

    /** How long one wait lasts before the reader hands back a WaitTick (so stop requests are seen). */
    private static final Duration WAIT_SLICE = Duration.ofSeconds(1);
    /** How long a partition waits while another one makes the next slice of deliveries. */
    private static final Duration BUSY_WAIT = Duration.ofMillis(10);
    /** Step transient data telling SendCheckpointPolicy to commit the chunk now. */
    static final String FLUSH = "flush";

    @Inject
    JobContext jobContext;

    @Inject
    StepContext stepContext;

    @Inject
    DeliveryStore store;

    @Inject
    DeliveryReservations reservations;

    @Inject
    DeliveryPreparation preparation;

    @Inject
    SendingContextLoader contexts;

    @Inject
    Clock clock;

    /** Deliveries reserved per query (default 100 in send-campaign.xml). */
    @Inject
    @BatchProperty
    String pageSize;

    /** This partition's index (SendPartitionMapper): with the execution id, the owner of its reservations. */
    @Inject
    @BatchProperty
    String partition;

    private long campaignId;
    private UnknownPolicy unknownPolicy;
    private String node;
    private long owner;
    private int size;
    private long lastId;
    private int unwritten;
    /** Whether every delivery of the campaign exists (until then, running out of deliveries prepares the next slice). */
    private boolean prepared;
    /** How many times in a row the preparation answered that deliveries were still unreserved. */
    private int unreservedSeen;
    private Iterator<DeliveryItem> page = Collections.emptyIterator();

    @Override
    public void open(Serializable checkpoint) {
        campaignId = SendCampaignJob.campaignId(jobContext);
        unknownPolicy = contexts.load(campaignId).unknownPolicy();
        size = Integer.parseInt(pageSize);
        node = SendCampaignJobListener.nodeName();
        owner = owner(jobContext.getExecutionId(), partition == null || partition.isBlank() ? 0 : Integer.parseInt(partition.trim()));
        lastId = 0;                                  // the status of each row, not the checkpoint, says what is left
    }

    /** The claim_owner of a partition's reservations: unique per execution and partition. */
    static long owner(long executionId, int partition) {
        return executionId * 1000 + partition;
    }

    @Override
    public Object readItem() throws InterruptedException {
        while (true) {
            if (page.hasNext()) {
                DeliveryItem item = page.next();
                unwritten++;
                return item;
            }
            Instant now = clock.instant();
            var next = reservations.reserve(campaignId, node, owner, lastId, now, size, unknownPolicy);
            if (!next.isEmpty()) {
                unreservedSeen = 0;
                lastId = next.get(next.size() - 1).id();
                page = next.iterator();
                continue;
            }
            if (!prepared) {
                DeliveryStore.Slice slice = preparation.next(campaignId);
                if (slice.busy() || slice.unreserved()) {
                    if (slice.unreserved() && unreservedSeen++ > 0) {
                        lastId = 0;                // what nobody holds lies behind this partition: start again
                    }
                    if (slice.busy() || unreservedSeen > 2) {
                        Thread.sleep(BUSY_WAIT.toMillis());  // another partition makes a slice or reserves the rest
                    }
                    continue;
                }
                if (slice.added() > 0 || !slice.done()) {
                    continue;                      // a slice more: reserve again
                }
                prepared = true;
            }
            if (unwritten > 0) {
                // the items of this chunk are not sent yet: some may end DEFERRED; commit them, then look again
                stepContext.setTransientUserData(FLUSH);
                return WaitTick.INSTANCE;
            }
            if (lastId != 0) {
                lastId = 0;                        // one more pass from the start: released rows, deferred ones now due
                continue;
            }
            Instant due = store.nextDeferredDue(campaignId);
            if (due == null) {
                return null;
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

    @Override
    public void close() {
        page = Collections.emptyIterator();
        if (owner != 0) {
            store.release(node, owner);
        }
    }
}
