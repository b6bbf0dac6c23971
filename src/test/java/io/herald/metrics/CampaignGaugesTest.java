package io.herald.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CampaignGaugesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicReference<Supplier<CampaignBacklog>> database = new AtomicReference<>();
    private final Supplier<CampaignBacklog> source = () -> {
        reads.incrementAndGet();
        return database.get().get();
    };

    @Test
    void scrapesWithinMaxAgeShareOneReadingOfTheDatabase() {
        database.set(() -> new CampaignBacklog(2, 1, Map.of(7L, 40L, 8L, 3L, 9L, 0L)));
        var gauges = new CampaignGauges(registry, source, now::get);

        assertEquals(2, value(CampaignGauges.RUNNING));
        assertEquals(1, value(CampaignGauges.PAUSED));
        assertEquals(40, pending(7));
        assertEquals(3, pending(8));
        assertEquals(0, pending(9));
        assertEquals(1, reads.get());

        now.addAndGet(CampaignGauges.MAX_AGE.toNanos());
        value(CampaignGauges.RUNNING);
        value(CampaignGauges.PAUSED);
        assertEquals(2, reads.get());
        gauges.close();
    }

    @Test
    void aCampaignHasAPendingGaugeWhileItIsRunningOrPausedOnly() {
        database.set(() -> new CampaignBacklog(1, 0, Map.of(7L, 40L)));
        var gauges = new CampaignGauges(registry, source, now::get);
        assertNull(registry.find(CampaignGauges.PENDING).gauge(), "no gauge before the first reading");
        value(CampaignGauges.RUNNING);
        assertEquals(40, pending(7));

        database.set(() -> new CampaignBacklog(1, 0, Map.of(8L, 5L)));     // 7 completed, 8 started
        now.addAndGet(CampaignGauges.MAX_AGE.toNanos());
        value(CampaignGauges.RUNNING);

        assertNull(registry.find(CampaignGauges.PENDING).tag(CampaignGauges.CAMPAIGN, "7").gauge());
        assertEquals(5, pending(8));
        assertEquals(1, registry.find(CampaignGauges.PENDING).gauges().size());
        gauges.close();
    }

    @Test
    void undeployingRemovesEveryGaugeAndARedeploymentReplacesOnesLeftBehind() {
        database.set(() -> new CampaignBacklog(1, 0, Map.of(7L, 40L)));
        var first = new CampaignGauges(registry, source, now::get);
        value(CampaignGauges.RUNNING);
        first.close();
        assertTrue(registry.getMeters().isEmpty(), registry.getMeters().toString());

        // an earlier deployment's gauges, never removed (held here so they keep reading): the new deployment's must
        // not stay bound to them
        var abandoned = new CampaignGauges(registry, () -> new CampaignBacklog(9, 9, Map.of(7L, 99L)), () -> 0);
        assertEquals(9, value(CampaignGauges.RUNNING));
        var second = new CampaignGauges(registry, source, now::get);
        assertEquals(1, value(CampaignGauges.RUNNING));
        assertEquals(40, pending(7));
        assertEquals(1, registry.find(CampaignGauges.RUNNING).gauges().size());
        second.close();
        assertTrue(registry.getMeters().isEmpty(), registry.getMeters().toString());
        java.lang.ref.Reference.reachabilityFence(abandoned);
    }

    @Test
    void aDatabaseThatDoesNotAnswerReadsNaNUntilItDoes() {
        database.set(() -> new CampaignBacklog(1, 0, Map.of(7L, 40L)));
        var gauges = new CampaignGauges(registry, source, now::get);
        assertEquals(1, value(CampaignGauges.RUNNING));
        assertEquals(40, pending(7));

        database.set(() -> {
            throw new IllegalStateException("connection refused");
        });
        now.addAndGet(CampaignGauges.MAX_AGE.toNanos());
        assertTrue(Double.isNaN(value(CampaignGauges.RUNNING)));
        assertTrue(Double.isNaN(pending(7)));

        database.set(() -> new CampaignBacklog(1, 0, Map.of(7L, 12L)));
        now.addAndGet(CampaignGauges.MAX_AGE.toNanos());
        assertEquals(1, value(CampaignGauges.RUNNING));
        assertEquals(12, pending(7));
        gauges.close();
    }

    private double value(String name) {
        return registry.get(name).gauge().value();
    }

    private double pending(long campaignId) {
        return registry.get(CampaignGauges.PENDING).tag(CampaignGauges.CAMPAIGN, Long.toString(campaignId)).gauge().value();
    }
}
