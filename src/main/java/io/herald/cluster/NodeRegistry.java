package io.herald.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * This node's membership of the cluster (table herald_node): registers at deployment, heartbeats every
 * HERALD_NODE_HEARTBEAT_SECONDS, and knows how many nodes are live (seen within HERALD_NODE_LEASE_SECONDS). On H2 a
 * second node is refused: the cluster needs PostgreSQL.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeRegistry {

    private static final Logger LOG = Logger.getLogger(NodeRegistry.class);

    @Resource(lookup = "java:jboss/datasources/HeraldDS")
    DataSource dataSource;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final ClusterSettings settings = ClusterSettings.fromSystemProperties();
    private final String name = nodeName();
    private final List<IntConsumer> membershipListeners = new CopyOnWriteArrayList<>();
    private volatile int id;
    private volatile int liveNodes = 1;
    private volatile boolean rejoined;
    private ScheduledFuture<?> heartbeat;

    /** A node that stopped heartbeating: its name and when it was last seen. */
    public record DeadNode(String name, Instant lastSeen) {
    }

    @PostConstruct
    void register() {
        try (Connection c = dataSource.getConnection()) {
            refuseSecondNodeOnH2(c);
            id = upsert(c, Instant.now());
            liveNodes = countLive(c, Instant.now());
        } catch (SQLException e) {
            throw new IllegalStateException("node " + name + " could not register in herald_node: " + e.getMessage(), e);
        }
        LOG.infof("Node %s (id %d) joined the cluster: %d live node(s); heartbeat every %d s, lease %d s",
                name, id, liveNodes, settings.heartbeat().toSeconds(), settings.lease().toSeconds());
        long period = settings.heartbeat().toMillis();
        heartbeat = scheduler.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        // On H2 there is no cluster: the row goes, so that the next server started on this database (another node
        // name) is not refused; after a SIGTERM H2's own shutdown hook has closed the database already, and the row
        // just ages (a node is refused only within two heartbeats of the other's last). On PostgreSQL the node ages its own heartbeat so that the others take over what it
        // still holds two heartbeats from now, when its executions, stopped with the server, have ended.
        try (Connection c = dataSource.getConnection()) {
            boolean h2 = isH2(c);
            try (PreparedStatement ps = c.prepareStatement(h2 ? "DELETE FROM herald_node WHERE name = ?"
                    : "UPDATE herald_node SET last_seen = ? WHERE name = ?")) {
                if (h2) {
                    ps.setString(1, name);
                } else {
                    ps.setObject(1, time(Instant.now().minus(settings.lease()).plus(settings.heartbeat().multipliedBy(2))));
                    ps.setString(2, name);
                }
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            LOG.debugf("node %s: leaving herald_node failed: %s", name, e.getMessage());
        }
    }

    /** This node's name (jboss.node.name). */
    public String name() {
        return name;
    }

    /** This node's id in herald_node (keys its delivery counter rows). */
    public int id() {
        return id;
    }

    /** How many nodes were live at the last heartbeat, this one included (at least 1). */
    public int liveNodes() {
        return liveNodes;
    }

    public ClusterSettings settings() {
        return settings;
    }

    /** Called with the new number of live nodes whenever it changes (rate limits take their share). */
    public void onMembershipChange(IntConsumer listener) {
        membershipListeners.add(listener);
        listener.accept(liveNodes);
    }

    /**
     * True once after another node declared this one dead (its row was gone at a heartbeat, so its work was taken
     * over): the coordinator then stops this node's executions, which no longer hold their deliveries.
     */
    public boolean takeRejoined() {
        boolean r = rejoined;
        rejoined = false;
        return r;
    }

    /** The nodes whose lease has run out, other than this one. */
    public List<DeadNode> dead(Instant now) {
        List<DeadNode> dead = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT name, last_seen FROM herald_node WHERE last_seen < ? AND name <> ?")) {
            ps.setObject(1, time(now.minus(settings.lease())));
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    dead.add(new DeadNode(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading herald_node failed: " + e.getMessage(), e);
        }
        return dead;
    }

    /**
     * Claims the recovery of a dead node: deletes its row if it was not seen since; true for exactly one caller, and
     * false if the node heartbeat meanwhile (it was only slow).
     */
    public boolean claimDead(DeadNode node) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM herald_node WHERE name = ? AND last_seen = ?")) {
            ps.setString(1, node.name());
            ps.setObject(2, time(node.lastSeen()));
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("claiming dead node " + node.name() + " failed: " + e.getMessage(), e);
        }
    }

    /** The names of the live nodes (seen within the lease), this one included. */
    public List<String> liveNames(Instant now) {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT name FROM herald_node WHERE last_seen >= ?")) {
            ps.setObject(1, time(now.minus(settings.lease())));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading herald_node failed: " + e.getMessage(), e);
        }
        if (!names.contains(name)) {
            names.add(name);
        }
        return names;
    }

    private void beat() {
        try (Connection c = dataSource.getConnection()) {
            Instant now = Instant.now();
            try (PreparedStatement ps = c.prepareStatement("UPDATE herald_node SET last_seen = ? WHERE name = ?")) {
                ps.setObject(1, time(now));
                ps.setString(2, name);
                if (ps.executeUpdate() == 0) {
                    LOG.warnf("node %s: another node declared this one dead (no heartbeat for %d s) and took over its"
                            + " work; joining again", name, settings.lease().toSeconds());
                    id = upsert(c, now);
                    rejoined = true;
                }
            }
            int live = countLive(c, now);
            if (live != liveNodes) {
                LOG.infof("cluster membership changed: %d live node(s), was %d", live, liveNodes);
                liveNodes = live;
                membershipListeners.forEach(l -> l.accept(live));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("node %s: heartbeat failed: %s", name, e.getMessage());
        }
    }

    /**
     * On H2, refuses to start while another node runs on the same database. A row heartbeat within two periods is a
     * running node, or one stopped a moment ago (a SIGTERM lets H2's shutdown hook close the database before the node
     * could delete its row): a running node beats again within a period, so the check waits a period and a half for
     * that before it decides.
     */
    private void refuseSecondNodeOnH2(Connection c) throws SQLException {
        if (!isH2(c)) {
            return;
        }
        String other = null;
        OffsetDateTime seen = null;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, last_seen FROM herald_node WHERE name <> ? AND last_seen >= ? ORDER BY last_seen DESC")) {
            ps.setString(1, name);
            ps.setObject(2, time(Instant.now().minus(settings.heartbeat().multipliedBy(2))));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    other = rs.getString(1);
                    seen = rs.getObject(2, OffsetDateTime.class);
                }
            }
        }
        if (other == null) {
            return;
        }
        Instant deadline = Instant.now().plus(settings.heartbeat().multipliedBy(3).dividedBy(2));
        while (Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
            try (PreparedStatement ps = c.prepareStatement("SELECT last_seen FROM herald_node WHERE name = ?")) {
                ps.setString(1, other);
                try (ResultSet rs = ps.executeQuery()) {
                    OffsetDateTime now = rs.next() ? rs.getObject(1, OffsetDateTime.class) : null;
                    if (now != null && now.isAfter(seen)) {
                        throw new IllegalStateException("node " + name + " refuses to join: node " + other
                                + " uses this H2 database (last seen " + now + "). Several Herald nodes need"
                                + " PostgreSQL (docs/cluster.md); on H2 run one node only");
                    }
                    if (now == null) {
                        return;                             // it stopped and deleted its row meanwhile
                    }
                }
            }
        }
        LOG.infof("node %s: node %s last wrote to this H2 database at %s and has stopped since", name, other, seen);
    }

    private int upsert(Connection c, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE herald_node SET started_at = ?, last_seen = ? WHERE name = ?")) {
            update.setObject(1, time(now));
            update.setObject(2, time(now));
            update.setString(3, name);
            if (update.executeUpdate() == 0) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO herald_node (name, started_at, last_seen) VALUES (?, ?, ?)")) {
                    insert.setString(1, name);
                    insert.setObject(2, time(now));
                    insert.setObject(3, time(now));
                    insert.executeUpdate();
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM herald_node WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private int countLive(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM herald_node WHERE last_seen >= ?")) {
            ps.setObject(1, time(now.minus(settings.lease())));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Math.max(1, rs.getInt(1));
            }
        }
    }

    private static boolean isH2(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("h2");
    }

    static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** jboss.node.name, as every part of Herald names this node. */
    public static String nodeName() {
        return System.getProperty("jboss.node.name", "unknown");
    }
}
