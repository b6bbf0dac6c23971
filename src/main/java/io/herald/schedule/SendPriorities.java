package io.herald.schedule;

import io.herald.campaign.Campaign;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The priority policy. Campaigns are HIGH, NORMAL (the default) or LOW.
 * <ol>
 * <li>When several campaigns are due in the same scheduler tick, they are launched in priority order (HIGH first,
 *     then the earliest due time, then the lowest id).</li>
 * <li>While a HIGH campaign's send step is running on this node, the writers of NORMAL and LOW campaigns on this
 *     node yield: before each message they wait until no campaign of a higher priority than theirs is sending
 *     (likewise LOW yields to NORMAL). They look again at least every {@link #POLL} (200 ms) and at once when a
 *     campaign leaves, and wait at most {@link #MAX_WAIT} (5 s) per message, so a lower-priority campaign still
 *     sends at least one message every 5 s and never starves. HIGH thus gets the SMTP capacity (connections,
 *     the server's rate limits) first.</li>
 * <li>The policy holds across the cluster: a campaign RUNNING anywhere counts as sending, as the cluster coordinator
 *     reads the campaign table once a second ({@link #clusterSending}), so a HIGH campaign launched on node A makes
 *     LOW ones yield on node B within a second.</li>
 * </ol>
 * The send step's writers (one per partition) register with {@link #enter} when they open, call {@link #awaitTurn}
 * before each message and {@link #leave} when they close; a campaign is sending while any of its writers is open.
 */
@ApplicationScoped
public class SendPriorities {

    static final Duration POLL = Duration.ofMillis(200);
    static final Duration MAX_WAIT = Duration.ofSeconds(5);

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** The campaigns sending on this node: their priority and how many of their writers are open. */
    private final Map<Long, Sender> sending = new ConcurrentHashMap<>();

    private record Sender(Priority priority, int writers) {
    }

    private final Object turn = new Object();

    /** The priorities of the campaigns RUNNING on any node of the cluster, as last read by the coordinator. */
    private volatile java.util.Set<Priority> cluster = java.util.Set.of();

    /** The priorities of every campaign RUNNING in the cluster now (ClusterCoordinator, once a second). */
    public void clusterSending(java.util.Set<Priority> running) {
        boolean fewer = !running.containsAll(cluster);
        cluster = java.util.Set.copyOf(running);
        if (fewer) {
            synchronized (turn) {
                turn.notifyAll();
            }
        }
    }

    /** The campaign's send step has started on this node, with the campaign's priority (read from its row). */
    public void enter(long campaignId) {
        Campaign c = em.find(Campaign.class, campaignId);
        enter(campaignId, c == null ? Priority.NORMAL : c.getPriority());
    }

    /** The campaign's send step has started on this node with this priority. */
    public void enter(long campaignId, Priority priority) {
        sending.merge(campaignId, new Sender(priority, 1), (old, one) -> new Sender(priority, old.writers() + 1));
    }

    /** The campaign's send step has ended on this node (completed, stopped or failed): whoever waited may send. */
    public void leave(long campaignId) {
        Sender left = sending.computeIfPresent(campaignId,
                (id, s) -> s.writers() > 1 ? new Sender(s.priority(), s.writers() - 1) : null);
        if (left == null) {
            synchronized (turn) {
                turn.notifyAll();
            }
        }
    }

    /** Before each message of this campaign: waits while a campaign of higher priority is sending (see the class comment). */
    public Duration awaitTurn(long campaignId) throws InterruptedException {
        Sender s = sending.get(campaignId);
        return awaitTurn(s == null ? Priority.NORMAL : s.priority());
    }

    /** Waits while a campaign of a higher priority than {@code priority} is sending, at most MAX_WAIT; returns the time waited. */
    public Duration awaitTurn(Priority priority) throws InterruptedException {
        return awaitTurn(priority, MAX_WAIT);
    }

    Duration awaitTurn(Priority priority, Duration maxWait) throws InterruptedException {
        if (!higherThan(priority)) {
            return Duration.ZERO;                      // the common case, without taking the lock
        }
        long start = System.nanoTime();
        long deadline = start + maxWait.toNanos();
        synchronized (turn) {
            while (higherThan(priority)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                turn.wait(Math.max(1, Math.min(POLL.toMillis(), left / 1_000_000)));
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** True when a campaign of a higher priority than {@code priority} is sending on this node or RUNNING in the cluster. */
    public boolean higherThan(Priority priority) {
        for (Sender s : sending.values()) {
            if (s.priority().isHigherThan(priority)) {
                return true;
            }
        }
        for (Priority p : cluster) {
            if (p.isHigherThan(priority)) {
                return true;
            }
        }
        return false;
    }
}
