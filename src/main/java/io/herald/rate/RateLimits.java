package io.herald.rate;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jboss.logging.Logger;

/**
 * Holds each message back until it fits this node's rate limits (RateSettings) and its campaign's own one; the send
 * step's writer asks before every SMTP message, from all partitions at once.
 *
 * <p>The limiters are Resilience4j's (AtomicRateLimiter, lock-free). A limit of R a second lets at most
 * ceil(R/100) messages go at once, then ceil(R/100) every ceil(R/100)/R seconds: 200/s is 2 every 10 ms, 10/s is 1
 * every 100 ms, never 200 in the first millisecond. A campaign's limiter is shared by all its partitions, made when
 * it first sends and made again if its rate changes; forget() drops it when the campaign's job ends.
 *
 * <p>A message takes a permit from its domain's limiter, then its campaign's, then the global one: the narrowest
 * first, so a message kept waiting by a slow domain holds no permit of its campaign or of the node meanwhile. A
 * permit taken while waiting for the next limiter is used late, so a domain may see a few messages close together,
 * but never more in the long run than its limit.
 */
@ApplicationScoped
public class RateLimits {

    private static final Logger LOG = Logger.getLogger(RateLimits.class);

    /** Refresh periods per second: a limiter hands out a hundredth of its rate at a time (see the class comment). */
    static final int SLICES_PER_SECOND = 100;

    /**
     * How long one wait for a permit may last before it asks again (Resilience4j's timeout). An interrupt ends a wait
     * at once; the bound keeps a thread from reserving a permit further ahead than this, e.g. 40 partitions all
     * sending to one domain limited to 1/s.
     */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private RateSettings settings;
    private volatile int share = 1;
    private volatile RateLimiter global;
    private volatile Map<String, RateLimiter> domains;
    private final ConcurrentMap<Long, CampaignLimiter> campaigns = new ConcurrentHashMap<>();

    /** For CDI: init() reads the settings from the system properties. */
    public RateLimits() {
    }

    /** The given limits, without CDI. */
    public RateLimits(RateSettings settings) {
        configure(settings);
    }

    @PostConstruct
    void init() {
        configure(RateSettings.fromSystemProperties());
    }

    /** Makes the bean when Herald is deployed, so that a bad setting fails the deployment, not the first campaign. */
    void atDeployment(@Observes @Initialized(ApplicationScoped.class) Object event) {
        LOG.infof("Rate limits on this node: %s", describe());
    }

    /**
     * Blocks until the next message may go: one permit from the recipient domain's limiter (if herald.rate.domains
     * names its domain), from the campaign's (if campaignPerSecond > 0) and from the global one (if herald.rate.global
     * > 0). recipient is an address or a bare domain. Safe to call from many threads.
     *
     * @throws InterruptedException if the thread is interrupted before or while it waits (e.g. the job is stopped);
     *                              then the message must not be sent
     */
    public void acquire(long campaignId, int campaignPerSecond, String recipient) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before sending a message of campaign " + campaignId);
        }
        String domain = DomainLimits.keyOf(recipient);
        RateLimiter domainLimiter = domain == null ? null : domains.get(domain);
        if (domainLimiter != null) {
            take(domainLimiter);
        }
        if (campaignPerSecond > 0) {
            take(campaignLimiter(campaignId, shareOf(campaignPerSecond, share)));
        }
        if (global != null) {
            take(global);
        }
    }

    /**
     * The cluster has {@code liveNodes} live nodes (NodeRegistry): from now on this node takes an equal share of every
     * limit (global, per domain, per campaign), so that together they keep the limits. At least 1 a second each.
     */
    public void shareAmong(int liveNodes) {
        int n = Math.max(1, liveNodes);
        if (n != share) {
            share = n;
            configure(settings);
            LOG.infof("Rate limits: this node's share of the cluster's limits (1/%d): %s", n, describe());
        }
    }

    /** This node's share of a limit of perSecond among n nodes: perSecond / n, rounded down, at least 1. */
    static int shareOf(int perSecond, int n) {
        return Math.max(1, perSecond / n);
    }

    /** Drops a campaign's limiter once its job has ended (all partitions); a later send makes a new one. */
    public void forget(long campaignId) {
        campaigns.remove(campaignId);
    }

    /** The limits this bean applies. */
    public RateSettings settings() {
        return settings;
    }

    /** The limits in an operator's words, for the log. */
    public String describe() {
        String g = settings.globalPerSecond() > 0 ? settings.globalPerSecond() + "/s in all" : "no global limit";
        if (share > 1) {
            g = "this node's share of " + share + " nodes: " + g.replace("/s in all", "/s in all ÷ " + share);
        }
        StringJoiner d = new StringJoiner(", ", ", per domain ", "").setEmptyValue(", no domain limit");
        settings.domainPerSecond().forEach((domain, perSecond) -> d.add(domain + " " + perSecond + "/s"));
        return g + d;
    }

    /** A smooth limiter of perSecond (> 0) messages a second; see the class comment. */
    static RateLimiter limiter(String name, int perSecond) {
        int perSlice = (int) ((perSecond + SLICES_PER_SECOND - 1L) / SLICES_PER_SECOND);
        long sliceNanos = (perSlice * 1_000_000_000L + perSecond - 1) / perSecond;  // rounded up: never above the rate
        return RateLimiter.of(name, RateLimiterConfig.custom()
                .limitForPeriod(perSlice)
                .limitRefreshPeriod(Duration.ofNanos(sliceNanos))
                .timeoutDuration(MAX_WAIT)
                .build());
    }

    private void configure(RateSettings settings) {
        this.settings = settings;
        int n = share;
        this.global = settings.globalPerSecond() > 0 ? limiter("herald-global", shareOf(settings.globalPerSecond(), n)) : null;
        Map<String, RateLimiter> byDomain = new LinkedHashMap<>();
        settings.domainPerSecond().forEach((domain, perSecond) ->
                byDomain.put(domain, limiter("herald-domain-" + domain, shareOf(perSecond, n))));
        this.domains = Map.copyOf(byDomain);
    }

    private RateLimiter campaignLimiter(long campaignId, int perSecond) {
        CampaignLimiter current = campaigns.get(campaignId);
        if (current == null || current.perSecond() != perSecond) {
            current = campaigns.compute(campaignId, (id, old) -> old != null && old.perSecond() == perSecond ? old
                    : new CampaignLimiter(perSecond, limiter("herald-campaign-" + id, perSecond)));
        }
        return current.limiter();
    }

    /**
     * One permit, however long it takes. Resilience4j's acquirePermission answers false after MAX_WAIT (then ask
     * again) or when the thread is interrupted, with the interrupt flag set again: that ends the wait here.
     */
    private static void take(RateLimiter limiter) throws InterruptedException {
        while (!limiter.acquirePermission()) {
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for rate limit " + limiter.getName());
            }
        }
    }

    private record CampaignLimiter(int perSecond, RateLimiter limiter) {
    }
}
