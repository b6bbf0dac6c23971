package io.herald.preflight;

import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The spam pre-flight's settings, as set in wildfly-config/configure-preflight.cli (each system property is read from
 * the environment variable in brackets):
 * <ul>
 * <li>{@code herald.spamd.host} (HERALD_SPAMD_HOST, default none): SpamAssassin's spamd. None: the pre-flight is not
 *     configured, POST /campaigns/{id}/preflight answers 503 and launches are not checked.</li>
 * <li>{@code herald.spamd.port} (HERALD_SPAMD_PORT, default 783).</li>
 * <li>{@code herald.spam.threshold} (HERALD_SPAM_THRESHOLD, default 5.0): a campaign whose sample message scores
 *     this or more is spam (SpamAssassin's own rule, score &ge; required_score), and its launch is refused.</li>
 * </ul>
 * Blank counts as unset; every error names the property and its variable.
 */
public record PreflightSettings(Optional<String> spamdHost, int spamdPort, double threshold) {

    public static final String HOST = "herald.spamd.host";
    public static final String PORT = "herald.spamd.port";
    public static final String THRESHOLD = "herald.spam.threshold";

    static final int DEFAULT_PORT = 783;
    static final double DEFAULT_THRESHOLD = 5.0;

    /** The settings in this JVM's system properties; IllegalArgumentException naming what is wrong. */
    public static PreflightSettings fromSystemProperties() {
        return parse(System::getProperty);
    }

    /** The settings from a property lookup (name to value, null when unset). */
    static PreflightSettings parse(UnaryOperator<String> properties) {
        String host = value(properties, HOST);
        if (host != null && !host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
            throw new IllegalArgumentException(describe(HOST) + " must be a host name or IP address, such as"
                    + " 127.0.0.1, not '" + host + "'");
        }
        return new PreflightSettings(Optional.ofNullable(host), port(value(properties, PORT)),
                threshold(value(properties, THRESHOLD)));
    }

    /** True when a spamd is configured: the pre-flight works and launches are checked. */
    public boolean configured() {
        return spamdHost.isPresent();
    }

    /** "herald.spamd.port (HERALD_SPAMD_PORT)": a property and the variable it is read from. */
    static String describe(String property) {
        return property + " (" + property.toUpperCase(Locale.ROOT).replace('.', '_') + ")";
    }

    private static int port(String value) {
        if (value == null) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(describe(PORT) + " must be a TCP port (1-65535), not '" + value + "'");
    }

    private static double threshold(String value) {
        if (value == null) {
            return DEFAULT_THRESHOLD;
        }
        try {
            double threshold = Double.parseDouble(value);
            if (Double.isFinite(threshold)) {
                return threshold;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(describe(THRESHOLD) + " must be a SpamAssassin score such as 5.0, not '"
                + value + "'");
    }

    private static String value(UnaryOperator<String> properties, String name) {
        String value = properties.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
