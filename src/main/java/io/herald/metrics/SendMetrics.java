package io.herald.metrics;

import io.herald.delivery.DeliveryStatus;
import io.herald.delivery.SendLedger.Attempt;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Counts what the send step committed, in WildFly's meter registry (served at :9990/prometheus):
 * herald.messages.sent, herald.messages.failed by class (deferred, failed, unknown: one per attempt; skipped: one
 * per message never attempted) and herald.send.latency, a timer of every SMTP attempt's duration as the audit log
 * holds it (milliseconds). The writer calls it after the ledger's transaction returns, so a count is never ahead of
 * the delivery table. Counters and timers hold nothing of the deployment (no reference to this bean, no class of
 * its own), so they stay in the server's registry across a redeploy and keep counting from where they were.
 * Meters are made with registry.counter/timer(name, tags): WildFly's deployment registry exports only those, not
 * meters made with Counter.builder(...).register(registry).
 */
@ApplicationScoped
public class SendMetrics {

    public static final String SENT = "herald.messages.sent";
    public static final String FAILED = "herald.messages.failed";
    public static final String LATENCY = "herald.send.latency";
    /** The tag of herald.messages.failed: why a message is not (yet) SENT. */
    public static final String CLASS = "class";

    @Inject
    MeterRegistry registry;

    private Counter sent;
    private final Map<DeliveryStatus, Counter> failed = new EnumMap<>(DeliveryStatus.class);
    private Timer latency;

    /** Without CDI (tests). */
    public SendMetrics(MeterRegistry registry) {
        this.registry = registry;
        init();
    }

    protected SendMetrics() {
    }

    /** Every meter exists from deployment on, at zero, so a scrape shows them (and rate() works) before any send. */
    @PostConstruct
    void init() {
        sent = registry.counter(SENT);
        for (DeliveryStatus s : List.of(DeliveryStatus.DEFERRED, DeliveryStatus.FAILED, DeliveryStatus.SKIPPED,
                DeliveryStatus.UNKNOWN)) {
            failed.put(s, registry.counter(FAILED, Tags.of(CLASS, s.name().toLowerCase(Locale.ROOT))));
        }
        latency = registry.timer(LATENCY);
    }

    void atDeployment(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // creates the bean, hence its meters, when Herald is deployed
    }

    /** Attempts whose outcomes (and audit entries) were committed: one count each, and its latency. */
    public void recorded(List<Attempt> attempts) {
        for (Attempt a : attempts) {
            DeliveryStatus status = a.result().status();
            if (status == DeliveryStatus.SENT) {
                sent.increment();
            } else {
                Counter c = failed.get(status);
                if (c != null) {
                    c.increment();
                }
            }
            Integer ms = a.audit().getLatencyMs();
            if (ms != null) {
                latency.record(Duration.ofMillis(ms));
            }
        }
    }

    /** Messages that were committed SKIPPED (invalid address, render error): never attempted, so no latency. */
    public void skipped(int count) {
        failed.get(DeliveryStatus.SKIPPED).increment(count);
    }
}
