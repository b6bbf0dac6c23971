package io.herald.cluster;

import java.time.Duration;

/**
 * The cluster's settings (wildfly-config/configure-cluster.cli): how often a node heartbeats
 * (HERALD_NODE_HEARTBEAT_SECONDS, default 5), after how long without one it is dead (HERALD_NODE_LEASE_SECONDS,
 * default 30), and the cap on this node's open SMTP connections (HERALD_SMTP_MAX_CONNECTIONS, 0 = none).
 */
public record ClusterSettings(Duration heartbeat, Duration lease, int maxSmtpConnections) {

    public ClusterSettings {
        if (lease.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("HERALD_NODE_LEASE_SECONDS (" + lease.toSeconds()
                    + ") must be at least twice HERALD_NODE_HEARTBEAT_SECONDS (" + heartbeat.toSeconds()
                    + "): a live node would be taken for dead between two heartbeats");
        }
    }

    /** Read from the system properties that configure-cluster.cli sets. */
    public static ClusterSettings fromSystemProperties() {
        return new ClusterSettings(
                Duration.ofSeconds(number("herald.node.heartbeat-seconds", "HERALD_NODE_HEARTBEAT_SECONDS", 5, 1)),
                Duration.ofSeconds(number("herald.node.lease-seconds", "HERALD_NODE_LEASE_SECONDS", 30, 2)),
                number("herald.smtp.max-connections", "HERALD_SMTP_MAX_CONNECTIONS", 0, 0));
    }

    private static int number(String property, String variable, int defaultValue, int min) {
        String text = System.getProperty(property);
        if (text == null || text.isBlank()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(variable + " (system property " + property + ") must be a whole number of at least "
                + min + ", not '" + text + "'");
    }
}
