package io.herald.cluster;

import io.herald.delivery.CampaignCompletion;
import io.herald.delivery.CrashRecovery;
import io.herald.delivery.DeliveryStore;
import io.herald.delivery.SendCampaignJob;
import io.herald.delivery.SendJournalRecovery;
import io.herald.delivery.UnknownPolicy;
import io.herald.rate.RateLimits;
import io.herald.schedule.Priority;
import io.herald.schedule.SendPriorities;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * What this node does for the cluster, once a second (docs/cluster.md): takes over the work of nodes whose lease
 * ran out, joins every RUNNING campaign that has deliveries to send and no execution here, stops its executions of
 * campaigns no longer RUNNING (pause, cancel from any node), completes a campaign nobody is left to complete, and
 * tells the rate limits and priorities what the cluster does. At deployment, before any execution starts, it
 * recovers what this node's previous JVM held.
 */
@Singleton
@Startup
@DependsOn("NodeRegistry")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ClusterCoordinator {

    private static final Logger LOG = Logger.getLogger(ClusterCoordinator.class);
    static final Duration TICK = Duration.ofSeconds(1);
    /** How long a node waits before joining a campaign again after its execution of it failed. */
    static final Duration JOIN_BACKOFF = Duration.ofSeconds(30);

    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    NodeRegistry registry;

    @Inject
    SendExecutions executions;

    @Inject
    DeliveryStore deliveries;

    @Inject
    RateLimits rateLimits;

    @Inject
    SendPriorities priorities;

    @Inject
    CrashRecovery crashRecovery;

    @Inject
    CampaignCompletion completion;

    @Inject
    SendJournalRecovery journals;

    /** Campaigns whose execution on this node failed, and until when this node does not join them again. */
    private final Map<Long, Instant> backoff = new ConcurrentHashMap<>();
    private ScheduledFuture<?> ticker;

    /** A RUNNING campaign as the tick sees it. */
    record Running(long id, String jobNode, Long jobExecution, boolean prepared, UnknownPolicy unknownPolicy,
                   Priority priority, boolean pausing) {
    }

    @PostConstruct
    void start() {
        String me = registry.name();
        var replayed = journals.replay(Instant.now());       // first what this node's journals know, then the rest
        int unknown = deliveries.recoverNode(me, Instant.now());
        int failed = executions.failExecutionsOf(me, "node " + me + " restarted", executions.joinedOf(me));
        if (unknown > 0 || failed > 0 || replayed.released() + replayed.recorded() > 0) {
            LOG.warnf("node %s restarted: of the deliveries its previous run had claimed, %d never started went back,"
                    + " %d answered were recorded from its send journals, %d are UNKNOWN; %d of its executions"
                    + " joining other campaigns are FAILED", me, replayed.released(), replayed.recorded(), unknown, failed);
        }
        registry.onMembershipChange(rateLimits::shareAmong);
        ticker = scheduler.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (ticker != null) {
            ticker.cancel(false);
        }
    }

    /** This node's execution of the campaign failed: it does not join the campaign again for a while. */
    public void failedHere(long campaignId) {
        backoff.put(campaignId, Instant.now().plus(JOIN_BACKOFF));
    }

    private void tick() {
        try {
            if (registry.takeRejoined()) {
                executions.runningHere().keySet().forEach(executions::stop);
            }
            Instant now = Instant.now();
            for (NodeRegistry.DeadNode dead : registry.dead(now)) {
                if (registry.claimDead(dead)) {
                    takeOver(dead.name(), now);
                }
            }
            List<Running> running = running();
            priorities.clusterSending(running.stream().map(Running::priority).collect(java.util.stream.Collectors.toSet()));
            Set<Long> runningIds = new java.util.HashSet<>();
            running.forEach(r -> runningIds.add(r.id()));
            executions.runningHere().forEach((execution, campaign) -> {
                if (!runningIds.contains(campaign)) {
                    executions.stop(execution);           // cancelled or failed from another node
                }
            });
            List<String> live = registry.liveNames(now);
            for (Running r : running) {
                tick(r, live, now);
            }
        } catch (RuntimeException e) {
            LOG.warnf("cluster tick on node %s failed: %s", registry.name(), e.getMessage());
        }
    }

    private void tick(Running r, List<String> live, Instant now) {
        if (r.pausing()) {
            executions.stopHere(r.id());
            if (executions.pauseIfIdle(r.id(), "paused by an operator")) {
                LOG.infof("campaign %d paused: no node sends it any more", r.id());
            }
            return;
        }
        if (r.jobNode() != null && !live.contains(r.jobNode())) {
            adopt(r);
            return;
        }
        if (r.jobNode() == null || !r.prepared() || executions.runningHere(r.id()) || crashRecovery.recovering(r.id())) {
            return;                                       // CrashRecovery restarts this node's own execution
        }
        Instant until = backoff.get(r.id());
        if (until != null && until.isAfter(now)) {
            return;
        }
        backoff.remove(r.id());
        boolean own = registry.name().equals(r.jobNode());
        if (own && !ended(r.jobExecution())) {
            return;                    // its own execution is starting, or left STARTED by a crash: CrashRecovery's
        }
        if (deliveries.available(r.id(), now, r.unknownPolicy())) {
            // this node's own campaign whose execution ended while others still sent: a new one takes over from it
            long execution = operator().start(SendCampaignJob.NAME,
                    own ? SendCampaignJob.parameters(r.id()) : SendCampaignJob.joinParameters(r.id()));
            LOG.infof("node %s %s campaign %d as job execution %d", registry.name(), own ? "goes on with" : "joins",
                    r.id(), execution);
        } else if (deliveries.unfinished(r.id(), r.unknownPolicy()) == 0) {
            completion.complete(r.id(), "nothing was left to send when its last execution ended");
        }
    }

    /**
     * The node that ran the campaign's own execution is gone: this node makes the campaign its own (one node wins
     * the conditional update) and starts an execution of it, which attaches to the campaign.
     */
    private void adopt(Running r) {
        if (!update("UPDATE campaign SET job_node = ?, job_execution_id = NULL WHERE id = ? AND status = 'RUNNING' AND job_node = ?",
                registry.name(), r.id(), r.jobNode())) {
            return;
        }
        long execution = operator().start(SendCampaignJob.NAME, SendCampaignJob.parameters(r.id()));
        LOG.warnf("node %s takes over campaign %d from node %s, which is gone: job execution %d",
                registry.name(), r.id(), r.jobNode(), execution);
    }

    /** A dead node's leftovers: its deliveries in flight become UNKNOWN, its reservations free, its executions FAILED. */
    private void takeOver(String node, Instant now) {
        int unknown = deliveries.recoverNode(node, now);
        int failed = executions.failExecutionsOf(node, "node " + node + " died", null);
        LOG.warnf("node %s is dead (no heartbeat for %d s): node %s took over; %d deliveries it was sending are UNKNOWN,"
                + " %d of its job executions FAILED", node, registry.settings().lease().toSeconds(), registry.name(),
                unknown, failed);
    }

    /** Whether the job execution has ended (or there is none). */
    private static boolean ended(Long execution) {
        if (execution == null) {
            return false;              // launched a moment ago: its execution attaches now
        }
        try {
            var status = operator().getJobExecution(execution).getBatchStatus();
            return status != BatchStatus.STARTING && status != BatchStatus.STARTED
                    && status != BatchStatus.STOPPING;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private List<Running> running() {
        List<Running> running = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT id, job_node, prepared_at, unknown_policy, priority, pause_requested_at, job_execution_id FROM campaign"
                             + " WHERE status = 'RUNNING'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String policy = rs.getString(4);
                String priority = rs.getString(5);
                long execution = rs.getLong(7);
                running.add(new Running(rs.getLong(1), rs.getString(2), rs.wasNull() ? null : execution, rs.getObject(3) != null,
                        policy == null ? UnknownPolicy.REPORT : UnknownPolicy.valueOf(policy),
                        priority == null ? Priority.NORMAL : Priority.valueOf(priority), rs.getObject(6) != null));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the running campaigns failed: " + e.getMessage(), e);
        }
        return running;
    }

    private boolean update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
