package io.herald.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.jboss.logging.Logger;

/**
 * The gauges herald.campaigns.running, herald.campaigns.paused and herald.deliveries.pending (one per RUNNING or
 * PAUSED campaign, tag campaign = its id; it disappears when the campaign leaves those states).
 * <p>
 * They read the database, not counts kept in memory: the delivery table changes outside the send step (preparation,
 * cancel, crash recovery, bounces, another node), and in-memory counts would be this node's guess, wrong after every
 * restart. The cost stays small: a scrape runs CampaignBacklogQuery (one query, only RUNNING/PAUSED campaigns, index
 * counts) at most once per MAX_AGE, whatever the number of gauges or scrapers; nothing runs when nobody scrapes. On
 * several nodes every node shows the same, database-wide values (take max, not sum). When the query fails, the
 * gauges read NaN until it works again.
 * <p>
 * The registry is the server's and outlives the deployment, while a gauge holds its value function (a class of this
 * deployment) strongly: every gauge is removed at undeploy (PreDestroy), and gauges of those names left by an earlier
 * deployment are removed before registering, so a gauge never reads a dead bean nor keeps the old class loader.
 */
@ApplicationScoped
public class CampaignGauges {

    public static final String RUNNING = "herald.campaigns.running";
    public static final String PAUSED = "herald.campaigns.paused";
    public static final String PENDING = "herald.deliveries.pending";
    /** The tag of herald.deliveries.pending: the campaign's id. */
    public static final String CAMPAIGN = "campaign";
    /** How long one reading of the database serves scrapes. */
    public static final Duration MAX_AGE = Duration.ofSeconds(5);

    private static final Logger LOG = Logger.getLogger(CampaignGauges.class);

    @Inject
    MeterRegistry registry;

    @Inject
    CampaignBacklogQuery query;

    private Supplier<CampaignBacklog> source;
    private LongSupplier nanoTime = System::nanoTime;

    private final Object lock = new Object();
    /** null when the last reading failed. */
    private CampaignBacklog backlog = CampaignBacklog.NONE;
    private Long readAt;
    private final Set<Long> followed = new HashSet<>();
    private boolean closed;

    /** Without CDI (tests): readings from source, time from nanoTime. */
    public CampaignGauges(MeterRegistry registry, Supplier<CampaignBacklog> source, LongSupplier nanoTime) {
        this.registry = registry;
        this.source = source;
        this.nanoTime = nanoTime;
        register();
    }

    protected CampaignGauges() {
    }

    @PostConstruct
    void init() {
        source = query;
        register();
    }

    void atDeployment(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // creates the bean, hence its gauges, when Herald is deployed
    }

    private void register() {
        removeAll();
        registry.gauge(RUNNING, Tags.empty(), this, g -> g.value(CampaignBacklog::running));
        registry.gauge(PAUSED, Tags.empty(), this, g -> g.value(CampaignBacklog::paused));
    }

    /** Unregisters every gauge of this bean, at undeploy. */
    @PreDestroy
    public void close() {
        synchronized (lock) {
            closed = true;
            removeAll();
            followed.clear();
        }
    }

    private void removeAll() {
        for (String name : new String[] {RUNNING, PAUSED, PENDING}) {
            registry.find(name).gauges().forEach(registry::remove);
        }
    }

    private double value(ToDoubleFunction<CampaignBacklog> of) {
        CampaignBacklog b = current();
        return b == null ? Double.NaN : of.applyAsDouble(b);
    }

    private double pending(long campaignId) {
        CampaignBacklog b = current();
        Long pending = b == null ? null : b.pendingByCampaign().get(campaignId);
        return pending == null ? Double.NaN : pending;
    }

    /** The backlog, read again if older than MAX_AGE; pending gauges follow the campaigns it lists. */
    private CampaignBacklog current() {
        synchronized (lock) {
            long now = nanoTime.getAsLong();
            if (closed || readAt != null && now - readAt < MAX_AGE.toNanos()) {
                return backlog;
            }
            readAt = now;
            try {
                backlog = source.get();
            } catch (RuntimeException e) {
                LOG.warnf("Campaign gauges unavailable (NaN) until the database answers: %s", e.getMessage());
                backlog = null;
                return null;
            }
            follow(backlog.pendingByCampaign().keySet());
            return backlog;
        }
    }

    private void follow(Set<Long> campaigns) {
        for (Long id : Set.copyOf(followed)) {
            if (!campaigns.contains(id)) {
                Gauge gauge = registry.find(PENDING).tags(CAMPAIGN, id.toString()).gauge();
                if (gauge != null) {
                    registry.remove(gauge);
                }
                followed.remove(id);
            }
        }
        for (Long id : campaigns) {
            if (followed.add(id)) {
                long campaignId = id;
                registry.gauge(PENDING, Tags.of(CAMPAIGN, id.toString()), this, g -> g.pending(campaignId));
            }
        }
    }
}
