package io.herald.bounce;

import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The bounce mailbox and the bounce rules, as set in wildfly-config/configure-bounces.cli (each system property is
 * read from the environment variable named in brackets):
 * <ul>
 * <li>{@code herald.bounce.imap.host} (HERALD_BOUNCE_IMAP_HOST, default none): the IMAP server holding the mailbox
 *     that receives bounces+…@{bounce domain}; none: bounces are not processed.</li>
 * <li>{@code herald.bounce.imap.protocol} (HERALD_BOUNCE_IMAP_PROTOCOL, default imaps): imaps (implicit TLS) or imap
 *     (plain, for a server on the same host or network only).</li>
 * <li>{@code herald.bounce.imap.port} (HERALD_BOUNCE_IMAP_PORT, default 993 for imaps, 143 for imap).</li>
 * <li>{@code herald.bounce.imap.user}, {@code herald.bounce.imap.password} (HERALD_BOUNCE_IMAP_USER,
 *     HERALD_BOUNCE_IMAP_PASSWORD): the login; required with a host.</li>
 * <li>{@code herald.bounce.imap.folder} (HERALD_BOUNCE_IMAP_FOLDER, default INBOX): where bounces arrive.</li>
 * <li>{@code herald.bounce.imap.processed-folder}, {@code herald.bounce.imap.review-folder}
 *     (HERALD_BOUNCE_IMAP_PROCESSED_FOLDER, default Herald/Processed; HERALD_BOUNCE_IMAP_REVIEW_FOLDER, default
 *     Herald/Review): where recorded messages and those for an operator to look at are moved; created if missing.
 *     Levels are separated by '/' whatever the server's own separator.</li>
 * <li>{@code herald.bounce.soft-limit} (HERALD_BOUNCE_SOFT_LIMIT, default 3): an address is suppressed at its
 *     this-many-th soft bounce.</li>
 * <li>{@code herald.bounce.poll-seconds} (HERALD_BOUNCE_POLL_SECONDS, default 300): how often the mailbox is read.</li>
 * </ul>
 * Blank counts as unset. Every error names the property and its variable; none repeats the password.
 */
public record BounceSettings(Optional<Imap> imap, int softLimit, int pollSeconds) {

    public static final String HOST = "herald.bounce.imap.host";
    public static final String PROTOCOL = "herald.bounce.imap.protocol";
    public static final String PORT = "herald.bounce.imap.port";
    public static final String USER = "herald.bounce.imap.user";
    public static final String PASSWORD = "herald.bounce.imap.password";
    public static final String FOLDER = "herald.bounce.imap.folder";
    public static final String PROCESSED_FOLDER = "herald.bounce.imap.processed-folder";
    public static final String REVIEW_FOLDER = "herald.bounce.imap.review-folder";
    public static final String SOFT_LIMIT = "herald.bounce.soft-limit";
    public static final String POLL_SECONDS = "herald.bounce.poll-seconds";

    static final int DEFAULT_SOFT_LIMIT = 3;
    static final int DEFAULT_POLL_SECONDS = 300;
    /** Reading the mailbox more often than this only loads the IMAP server: bounces are not urgent. */
    static final int MIN_POLL_SECONDS = 10;

    /** How Herald reaches the mailbox; the folders are '/'-separated paths. */
    public record Imap(String protocol, String host, int port, String user, String folder, String processedFolder,
                       String reviewFolder, String password) {

        /** Everything but the password. */
        @Override
        public String toString() {
            return protocol + "://" + user + "@" + host + ":" + port + "/" + folder;
        }
    }

    public BounceSettings {
        if (softLimit < 1) {
            throw new IllegalArgumentException(describe(SOFT_LIMIT) + " must be 1 or more, not " + softLimit);
        }
        if (pollSeconds < MIN_POLL_SECONDS) {
            throw new IllegalArgumentException(describe(POLL_SECONDS) + " must be " + MIN_POLL_SECONDS
                    + " or more, not " + pollSeconds);
        }
    }

    /** The settings in this JVM's system properties; IllegalArgumentException naming what is wrong. */
    public static BounceSettings fromSystemProperties() {
        return parse(System::getProperty);
    }

    /** The settings from a property lookup (name to value, null when unset). */
    public static BounceSettings parse(UnaryOperator<String> properties) {
        return new BounceSettings(imap(properties), number(properties, SOFT_LIMIT, DEFAULT_SOFT_LIMIT),
                number(properties, POLL_SECONDS, DEFAULT_POLL_SECONDS));
    }

    /** "herald.bounce.imap.host (HERALD_BOUNCE_IMAP_HOST)": a property and the variable it is read from. */
    static String describe(String property) {
        return property + " (" + property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")";
    }

    private static Optional<Imap> imap(UnaryOperator<String> properties) {
        String host = value(properties, HOST);
        if (host == null) {
            return Optional.empty();
        }
        String protocol = value(properties, PROTOCOL);
        protocol = protocol == null ? "imaps" : protocol.toLowerCase(Locale.ROOT);
        if (!protocol.equals("imaps") && !protocol.equals("imap")) {
            throw new IllegalArgumentException(describe(PROTOCOL) + " must be imaps (TLS) or imap, not '" + protocol
                    + "'");
        }
        int port = number(properties, PORT, protocol.equals("imaps") ? 993 : 143);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(describe(PORT) + " must be a TCP port (1 to 65535), not " + port);
        }
        String folder = folder(properties, FOLDER, "INBOX");
        String processed = folder(properties, PROCESSED_FOLDER, "Herald/Processed");
        String review = folder(properties, REVIEW_FOLDER, "Herald/Review");
        if (folder.equalsIgnoreCase(processed) || folder.equalsIgnoreCase(review) || processed.equalsIgnoreCase(review)) {
            throw new IllegalArgumentException(describe(FOLDER) + ", " + describe(PROCESSED_FOLDER) + " and "
                    + describe(REVIEW_FOLDER) + " must be three different folders, not " + folder + ", " + processed
                    + " and " + review);
        }
        String password = properties.apply(PASSWORD);          // as written: spaces may be part of it
        return Optional.of(new Imap(protocol, host, port, required(USER, value(properties, USER)), folder, processed,
                review, required(PASSWORD, password == null || password.isBlank() ? null : password)));
    }

    private static String required(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException(describe(name) + " is required when " + describe(HOST) + " is set");
        }
        return value;
    }

    /** A folder path without leading, trailing or doubled '/'. */
    private static String folder(UnaryOperator<String> properties, String name, String defaultValue) {
        String value = value(properties, name);
        if (value == null) {
            return defaultValue;
        }
        String path = value.replaceAll("/+", "/").replaceAll("^/|/$", "");
        if (path.isEmpty()) {
            throw new IllegalArgumentException(describe(name) + " must name a folder such as " + defaultValue
                    + ", not '" + value + "'");
        }
        return path;
    }

    private static int number(UnaryOperator<String> properties, String name, int defaultValue) {
        String value = value(properties, name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(describe(name) + " must be a whole number, not '" + value + "'");
        }
    }

    private static String value(UnaryOperator<String> properties, String name) {
        String value = properties.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
