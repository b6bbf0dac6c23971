package io.herald.deliverability;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The server's deliverability settings, as set in wildfly-config/configure-deliverability.cli (each system property
 * is read from the environment variable named in brackets):
 * <ul>
 * <li>{@code herald.public-base-url} (HERALD_PUBLIC_BASE_URL, default http://127.0.0.1:8080): where recipients reach
 *     Herald, for the unsubscribe link {base}/herald/u/{token}; also the List-Id's domain (its host).</li>
 * <li>{@code herald.bounce-domain} (HERALD_BOUNCE_DOMAIN, default none): the domain of the VERP envelope sender
 *     bounces+…@ and of the mailto: unsubscribe address unsubscribe+…@; none: the From address is the envelope
 *     sender and List-Unsubscribe has only the link.</li>
 * <li>{@code herald.sender-id} (HERALD_SENDER_ID, default "default"): this Herald's id in Feedback-ID.</li>
 * <li>{@code herald.unsubscribe.secret} (HERALD_UNSUBSCRIBE_SECRET, at least 32 bytes, default none): signs
 *     unsubscribe links and VERP addresses and keys erased addresses' hashes. Unset (null here): the secrets Herald
 *     generated at its first start and keeps in its database (secrets/ServerKeys), shared by every node and kept
 *     across restarts, rotated with POST /admin/secrets/rotate. Nothing is derived from other settings: a secret
 *     that can be computed is no secret.</li>
 * <li>{@code herald.unsubscribe.link-days} (HERALD_UNSUBSCRIBE_LINK_DAYS, default 90, 1 to 3650): how long after a
 *     rotation the links signed by the older secrets still verify.</li>
 * <li>{@code herald.dkim.domain}, {@code herald.dkim.selector}, {@code herald.dkim.key-file} (HERALD_DKIM_DOMAIN,
 *     HERALD_DKIM_SELECTOR, HERALD_DKIM_KEY_FILE, default none): DKIM signing, all three or none.</li>
 * <li>{@code herald.dkim.key-password} (HERALD_DKIM_KEY_PASSWORD, default none): the password of an encrypted key
 *     file (PEM "ENCRYPTED PRIVATE KEY"); none: the key file is not encrypted. Taken as it is (not trimmed).</li>
 * </ul>
 * Blank counts as unset. Every error names the property and its variable; none repeats the secret.
 */
public record DeliverabilitySettings(URI publicBaseUrl, Optional<String> bounceDomain, String senderId,
                                     byte[] unsubscribeSecret, int unsubscribeLinkDays, Optional<Dkim> dkim) {

    public static final String PUBLIC_BASE_URL = "herald.public-base-url";
    public static final String BOUNCE_DOMAIN = "herald.bounce-domain";
    public static final String SENDER_ID = "herald.sender-id";
    public static final String UNSUBSCRIBE_SECRET = "herald.unsubscribe.secret";
    public static final String UNSUBSCRIBE_LINK_DAYS = "herald.unsubscribe.link-days";
    public static final String DKIM_DOMAIN = "herald.dkim.domain";
    public static final String DKIM_SELECTOR = "herald.dkim.selector";
    public static final String DKIM_KEY_FILE = "herald.dkim.key-file";
    public static final String DKIM_KEY_PASSWORD = "herald.dkim.key-password";

    static final String DEFAULT_PUBLIC_BASE_URL = "http://127.0.0.1:8080";
    static final String DEFAULT_SENDER_ID = "default";
    static final int DEFAULT_LINK_DAYS = 90;
    static final int MAX_LINK_DAYS = 3650;
    /** Feedback-ID separates its fields with ':'; a short token keeps the header readable. */
    static final String SENDER_ID_PATTERN = "[A-Za-z0-9._-]{1,64}";
    /** One or more LDH labels (RFC 1035 §2.3.1, RFC 6376 §3.1 for selectors), at most 253 characters. */
    private static final String DOMAIN_PATTERN =
            "(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*";

    /**
     * DKIM signing: d= domain, s= selector, the RSA private key's file (PKCS#8 PEM or DER, PKCS#1 PEM, or encrypted
     * PKCS#8 PEM) and the password of an encrypted one (null: the file is not encrypted).
     */
    public record Dkim(String domain, String selector, Path keyFile, String keyPassword) {

        /** With a key file that is not encrypted. */
        public Dkim(String domain, String selector, Path keyFile) {
            this(domain, selector, keyFile, null);
        }

        /** Everything but the password. */
        @Override
        public String toString() {
            return "Dkim[domain=" + domain + ", selector=" + selector + ", keyFile=" + keyFile
                    + ", keyPassword=" + (keyPassword == null ? "none" : "set") + "]";
        }
    }

    public DeliverabilitySettings {
        unsubscribeSecret = unsubscribeSecret == null ? null : unsubscribeSecret.clone();
        if (unsubscribeSecret != null && unsubscribeSecret.length < TokenMac.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(describe(UNSUBSCRIBE_SECRET) + " is " + unsubscribeSecret.length
                    + " bytes long; it must be at least " + TokenMac.MIN_SECRET_BYTES);
        }
    }

    /** The settings in this JVM's system properties; IllegalArgumentException naming what is wrong. */
    public static DeliverabilitySettings fromSystemProperties() {
        return parse(System::getProperty);
    }

    /** The settings from a property lookup (name to value, null when unset). */
    public static DeliverabilitySettings parse(UnaryOperator<String> properties) {
        String secret = value(properties, UNSUBSCRIBE_SECRET);
        String url = value(properties, PUBLIC_BASE_URL);
        String senderId = value(properties, SENDER_ID);
        return new DeliverabilitySettings(baseUrl(url == null ? DEFAULT_PUBLIC_BASE_URL : url),
                Optional.ofNullable(domain(properties, BOUNCE_DOMAIN, "bounces.example.com")), senderId(senderId),
                secret == null ? null : secret.getBytes(StandardCharsets.UTF_8),
                linkDays(value(properties, UNSUBSCRIBE_LINK_DAYS)), dkim(properties));
    }

    /** A copy (the secret stays as it was read), or null when unset: the database's secrets sign. */
    @Override
    public byte[] unsubscribeSecret() {
        return unsubscribeSecret == null ? null : unsubscribeSecret.clone();
    }

    /** Everything but the secret. */
    @Override
    public String toString() {
        return "DeliverabilitySettings[publicBaseUrl=" + publicBaseUrl + ", bounceDomain=" + bounceDomain
                + ", senderId=" + senderId + ", unsubscribeSecret=" + (unsubscribeSecret == null ? "database" : "set")
                + ", unsubscribeLinkDays=" + unsubscribeLinkDays
                + ", dkim=" + dkim + "]";
    }

    /** "herald.dkim.key-file (HERALD_DKIM_KEY_FILE)": a property and the variable it is read from. */
    public static String describe(String property) {
        return property + " (" + property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")";
    }

    private static String value(UnaryOperator<String> properties, String name) {
        String value = properties.apply(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static URI baseUrl(String value) {
        URI url;
        try {
            url = new URI(value);
        } catch (URISyntaxException e) {
            throw badBaseUrl(value, e.getMessage());
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if ((!scheme.equals("https") && !scheme.equals("http")) || url.getHost() == null) {
            throw badBaseUrl(value, "it needs http:// or https:// and a host");
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw badBaseUrl(value, "it may not have a query, a fragment or a user");
        }
        return URI.create(value.replaceAll("/+$", ""));
    }

    private static IllegalArgumentException badBaseUrl(String value, String why) {
        return new IllegalArgumentException(describe(PUBLIC_BASE_URL) + " must be where recipients reach Herald, such"
                + " as https://news.example.com, not '" + value + "': " + why);
    }

    private static int linkDays(String value) {
        if (value == null) {
            return DEFAULT_LINK_DAYS;
        }
        try {
            int days = Integer.parseInt(value);
            if (days >= 1 && days <= MAX_LINK_DAYS) {
                return days;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(describe(UNSUBSCRIBE_LINK_DAYS) + " must be a number of days from 1 to "
                + MAX_LINK_DAYS + ", not '" + value + "'");
    }

    private static String senderId(String value) {
        if (value == null) {
            return DEFAULT_SENDER_ID;
        }
        if (!value.matches(SENDER_ID_PATTERN)) {
            throw new IllegalArgumentException(describe(SENDER_ID) + " must be 1 to 64 letters, digits, '.', '_' or"
                    + " '-', not '" + value + "'");
        }
        return value;
    }

    /** A DNS name in lower-case A-labels (a Unicode name is converted), or null when unset. */
    private static String domain(UnaryOperator<String> properties, String name, String example) {
        String value = value(properties, name);
        if (value == null) {
            return null;
        }
        try {
            String ascii = IDN.toASCII(value, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            if (ascii.matches(DOMAIN_PATTERN)) {
                return ascii;
            }
        } catch (IllegalArgumentException e) {
            // not a domain name either: reported below
        }
        throw new IllegalArgumentException(describe(name) + " must be a DNS name (letters, digits and '-' in"
                + " dot-separated labels) such as " + example + ", not '" + value + "'");
    }

    private static Optional<Dkim> dkim(UnaryOperator<String> properties) {
        String domain = domain(properties, DKIM_DOMAIN, "example.com");
        String selector = domain(properties, DKIM_SELECTOR, "herald2025");
        String keyFile = value(properties, DKIM_KEY_FILE);
        String keyPassword = properties.apply(DKIM_KEY_PASSWORD);
        keyPassword = keyPassword == null || keyPassword.isBlank() ? null : keyPassword;
        if (domain == null && selector == null && keyFile == null) {
            if (keyPassword != null) {
                throw new IllegalArgumentException(describe(DKIM_KEY_PASSWORD) + " is set but DKIM signing is not:"
                        + " set " + describe(DKIM_DOMAIN) + ", " + describe(DKIM_SELECTOR) + " and "
                        + describe(DKIM_KEY_FILE) + ", or unset it");
            }
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        if (domain == null) {
            missing.add(describe(DKIM_DOMAIN));
        }
        if (selector == null) {
            missing.add(describe(DKIM_SELECTOR));
        }
        if (keyFile == null) {
            missing.add(describe(DKIM_KEY_FILE));
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("DKIM signing needs " + describe(DKIM_DOMAIN) + ", "
                    + describe(DKIM_SELECTOR) + " and " + describe(DKIM_KEY_FILE) + " (or none of them); missing: "
                    + String.join(", ", missing));
        }
        try {
            return Optional.of(new Dkim(domain, selector, Path.of(keyFile), keyPassword));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(describe(DKIM_KEY_FILE) + " is not a file path: '" + keyFile + "'", e);
        }
    }
}
