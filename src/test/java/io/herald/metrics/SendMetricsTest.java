package io.herald.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.delivery.AttemptResult;
import io.herald.delivery.AuditEntry;
import io.herald.delivery.DeliveryStatus;
import io.herald.delivery.SendLedger.Attempt;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SendMetrics metrics = new SendMetrics(registry);

    @Test
    void everyMeterExistsAtZeroBeforeTheFirstSend() {
        assertEquals(0, registry.get(SendMetrics.SENT).counter().count());
        for (String c : List.of("deferred", "failed", "skipped", "unknown")) {
            assertEquals(0, registry.get(SendMetrics.FAILED).tag(SendMetrics.CLASS, c).counter().count(), c);
        }
        assertEquals(0, registry.get(SendMetrics.LATENCY).timer().count());
    }

    @Test
    void attemptsAreCountedByOutcomeAndTimedWhateverTheOutcome() {
        metrics.recorded(List.of(attempt(DeliveryStatus.SENT, 12), attempt(DeliveryStatus.SENT, 30),
                attempt(DeliveryStatus.DEFERRED, 5), attempt(DeliveryStatus.FAILED, 7), attempt(DeliveryStatus.UNKNOWN, 60000)));

        assertEquals(2, registry.get(SendMetrics.SENT).counter().count());
        assertEquals(1, failed("deferred"));
        assertEquals(1, failed("failed"));
        assertEquals(1, failed("unknown"));
        assertEquals(0, failed("skipped"));
        var latency = registry.get(SendMetrics.LATENCY).timer();
        assertEquals(5, latency.count());
        assertEquals(12 + 30 + 5 + 7 + 60000, latency.totalTime(TimeUnit.MILLISECONDS), 0.001);
        assertEquals(60000, latency.max(TimeUnit.MILLISECONDS), 0.001);
    }

    @Test
    void skippedMessagesAreCountedWithoutALatency() {
        metrics.skipped(3);
        metrics.skipped(0);

        assertEquals(3, failed("skipped"));
        assertEquals(0, registry.get(SendMetrics.LATENCY).timer().count());
    }

    private double failed(String c) {
        return registry.get(SendMetrics.FAILED).tag(SendMetrics.CLASS, c).counter().count();
    }

    private static Attempt attempt(DeliveryStatus status, int latencyMs) {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        var result = new AttemptResult(status, 250, "2.0.0", "OK", null, null, now);
        return new Attempt(1, result, new AuditEntry(1, 7, "<m@herald.example>", "news@herald.example",
                "r@example.com", now, "127.0.0.1:25", 250, "2.0.0", "OK", status, "node", latencyMs));
    }
}
