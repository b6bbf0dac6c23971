package io.herald.delivery;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
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
 * Reads the campaign's sendable deliveries by keyset (id > last ORDER BY id), one page at a time, so the list
 * is never in memory. When the keyset is exhausted but deliveries are DEFERRED, it waits for the earliest to
 * fall due and starts a new pass from the first id: the campaign finishes only when nothing is left to try.
 */
@Named
@Dependent
public class DeliveryReader extends AbstractItemReader {

    /** How long one wait lasts before the reader hands back a WaitTick (so stop requests are seen). */
    private static final Duration WAIT_SLICE = Duration.ofSeconds(1);

    @Inject
    JobContext jobContext;

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

    private long campaignId;
    private UnknownPolicy unknownPolicy;
    private int size;
    private long lastId;
    private Iterator<DeliveryItem> page = Collections.emptyIterator();

    @Override
    public void open(Serializable checkpoint) {
        campaignId = SendCampaignJob.campaignId(jobContext);
        unknownPolicy = contexts.load(campaignId).unknownPolicy();
        size = Integer.parseInt(pageSize);
        lastId = checkpoint == null ? 0 : ((DeliveryCheckpoint) checkpoint).lastId();
    }

    @Override
    public Object readItem() throws InterruptedException {
        while (true) {
            if (page.hasNext()) {
                DeliveryItem item = page.next();
                lastId = item.id();
                return item;
            }
            Instant now = clock.instant();
            var next = store.page(campaignId, lastId, now, size, unknownPolicy);
            if (!next.isEmpty()) {
                page = next.iterator();
                continue;
            }
            Instant due = store.nextDeferredDue(campaignId);
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
        return new DeliveryCheckpoint(lastId);
    }
}
