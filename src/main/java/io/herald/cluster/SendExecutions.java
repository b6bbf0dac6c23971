package io.herald.cluster;

import io.herald.campaign.CampaignTransitions;
import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The send-campaign executions of each node: those of this JVM in memory (which campaigns this node sends now), and
 * every node's in table send_execution, so that a live node can mark a dead node's executions FAILED in the job
 * repository (JBeret never repairs an execution left STARTED by a JVM that died).
 */
@ApplicationScoped
public class SendExecutions {

    private static final Logger LOG = Logger.getLogger(SendExecutions.class);

    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    @Inject
    CampaignTransitions campaigns;

    /** This JVM's running executions: execution id → campaign id. */
    private final Map<Long, Long> running = new ConcurrentHashMap<>();

    /** An execution of this node started sending the campaign. */
    public void started(long campaignId, long executionId, String node, boolean joined) {
        running.put(executionId, campaignId);
        jdbc("INSERT INTO send_execution (execution_id, campaign_id, node_name, joined, started_at) VALUES (?, ?, ?, ?, ?)",
                executionId, campaignId, node, joined, NodeRegistry.time(Instant.now()));
    }

    /** An execution of this node ended (whatever its status). */
    public void ended(long executionId) {
        running.remove(executionId);
        jdbc("DELETE FROM send_execution WHERE execution_id = ?", executionId);
    }

    /** How many executions of the campaign run on any node (rows of send_execution). */
    public int anywhere(long campaignId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM send_execution WHERE campaign_id = ?")) {
            ps.setLong(1, campaignId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading send_execution failed: " + e.getMessage(), e);
        }
    }

    /**
     * Asks every node to stop sending the RUNNING campaign whose own execution is {@code execution}
     * (campaign.pause_requested_at); false if it is not RUNNING with that execution.
     */
    public boolean requestPause(long campaignId, long execution) {
        return jdbc("""
                        UPDATE campaign SET pause_requested_at = COALESCE(pause_requested_at, ?)
                        WHERE id = ? AND status = 'RUNNING' AND job_execution_id = ?""",
                NodeRegistry.time(Instant.now()), campaignId, execution) == 1;
    }

    /** The campaign's own execution has started: an earlier pause request no longer holds. */
    public void clearPauseRequest(long campaignId) {
        jdbc("UPDATE campaign SET pause_requested_at = NULL WHERE id = ? AND pause_requested_at IS NOT NULL", campaignId);
    }

    /** Stops this JVM's executions of the campaign (a pause or a cancel); they end at their next chunk. */
    public void stopHere(long campaignId) {
        running.forEach((execution, campaign) -> {
            if (campaign == campaignId) {
                stop(execution);
            }
        });
    }

    /** Stops one execution of this JVM if it still runs. */
    public void stop(long execution) {
        try {
            var operator = BatchRuntime.getJobOperator();
            var status = operator.getJobExecution(execution).getBatchStatus();
            if (status == BatchStatus.STARTED || status == BatchStatus.STARTING) {
                operator.stop(execution);
            }
        } catch (RuntimeException e) {
            LOG.debugf("stopping job execution %d: %s", execution, e.getMessage());
        }
    }

    /**
     * The campaign whose pause was asked for becomes PAUSED once no node has an execution of it left; true if it did
     * now.
     */
    public boolean pauseIfIdle(long campaignId, String reason) {
        return anywhere(campaignId) == 0 && campaigns.pauseRequested(campaignId, reason);
    }

    /** Whether an execution of this JVM sends the campaign now. */
    public boolean runningHere(long campaignId) {
        return running.containsValue(campaignId);
    }

    /** This JVM's running executions: execution id → campaign id. */
    public Map<Long, Long> runningHere() {
        return Map.copyOf(running);
    }

    /** The campaigns this JVM sends now. */
    public Set<Long> campaignsHere() {
        return Set.copyOf(running.values());
    }

    /**
     * Marks the executions a gone node left STARTED (or STARTING, STOPPING) FAILED in the job repository, with their
     * steps, and forgets them; {@code only} limits it to those executions (null: all of that node's). Returns how many
     * job executions changed.
     */
    public int failExecutionsOf(String node, String why, List<Long> only) {
        String executions = "SELECT execution_id FROM send_execution WHERE node_name = ?"
                + (only == null ? "" : only.isEmpty() ? " AND 1 = 0" : " AND execution_id IN (" + placeholders(only.size()) + ")");
        Object[] args = args(node, only);
        var now = NodeRegistry.time(Instant.now());
        int failed = jdbc("UPDATE job_execution SET batchstatus = 'FAILED', exitstatus = ?, endtime = ?, lastupdatedtime = ?,"
                        + " version = COALESCE(version, 0) + 1"
                        + " WHERE batchstatus IN ('STARTING', 'STARTED', 'STOPPING') AND jobexecutionid IN (" + executions + ")",
                prepend(args, why, now.toLocalDateTime(), now.toLocalDateTime()));
        jdbc("UPDATE step_execution SET batchstatus = 'FAILED', exitstatus = ?, endtime = ?"
                        + " WHERE batchstatus IN ('STARTING', 'STARTED', 'STOPPING') AND jobexecutionid IN (" + executions + ")",
                prepend(args, why, now.toLocalDateTime()));
        jdbc("DELETE FROM send_execution WHERE execution_id IN (" + executions + ")", args);
        return failed;
    }

    /** The executions of a node that joined other nodes' campaigns (for this node's own restart: not resumable). */
    public List<Long> joinedOf(String node) {
        List<Long> ids = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT execution_id FROM send_execution WHERE node_name = ? AND joined = ?")) {
            ps.setString(1, node);
            ps.setBoolean(2, true);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading send_execution failed: " + e.getMessage(), e);
        }
        return ids;
    }

    private static Object[] args(String node, List<Long> only) {
        Object[] args = new Object[1 + (only == null ? 0 : only.size())];
        args[0] = node;
        for (int i = 1; i < args.length; i++) {
            args[i] = only.get(i - 1);
        }
        return args;
    }

    private static Object[] prepend(Object[] args, Object... first) {
        Object[] all = new Object[first.length + args.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(args, 0, all, first.length, args.length);
        return all;
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private int jdbc(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
