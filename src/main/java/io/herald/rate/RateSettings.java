package io.herald.rate;

import java.util.Collections;
import java.util.Map;

/**
 * This node's rate limits, as set in wildfly-config/configure-rates.cli: {@code herald.rate.global}
 * (HERALD_RATE_GLOBAL, default 0 = none), the most messages per second across all campaigns, and
 * {@code herald.rate.domains} (HERALD_RATE_DOMAINS, default none), the most per second to a recipient domain, e.g.
 * "gmail.com=10,yahoo.com=5" (see DomainLimits). A campaign's own limit is one of its settings, not a server setting.
 *
 * <p>Each node counts only what it sends itself: two nodes with a global limit of 100 send up to 200 a second.
 */
public record RateSettings(int globalPerSecond, Map<String, Integer> domainPerSecond) {

    public static final String GLOBAL_PROPERTY = "herald.rate.global";
    static final String GLOBAL_VARIABLE = "HERALD_RATE_GLOBAL";
    public static final String DOMAINS_PROPERTY = DomainLimits.PROPERTY;

    /** No limit at all. */
    public static final RateSettings NONE = new RateSettings(0, Map.of());

    /** Keys become lower-case A-labels, so that given settings match recipients the way parsed ones do. */
    public RateSettings {
        if (globalPerSecond < 0) {
            throw badGlobal(globalPerSecond);
        }
        domainPerSecond = Collections.unmodifiableMap(DomainLimits.of(domainPerSecond));
    }

    /** The settings in this JVM's system properties; IllegalArgumentException naming what is wrong. */
    public static RateSettings fromSystemProperties() {
        return parse(System.getProperty(GLOBAL_PROPERTY), System.getProperty(DOMAINS_PROPERTY));
    }

    /** Settings from the two properties' text; blank or null means no limit. */
    public static RateSettings parse(String global, String domains) {
        return new RateSettings(parseGlobal(global), DomainLimits.parse(domains));
    }

    /** The limit for a recipient's address or domain, 0 if its domain has none. */
    int domainPerSecond(String addressOrDomain) {
        String key = DomainLimits.keyOf(addressOrDomain);
        return key == null ? 0 : domainPerSecond.getOrDefault(key, 0);
    }

    private static int parseGlobal(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw badGlobal("'" + value + "'");
        }
    }

    private static IllegalArgumentException badGlobal(Object value) {
        return new IllegalArgumentException(GLOBAL_PROPERTY + " (" + GLOBAL_VARIABLE + ") must be 0 (no limit) or a"
                + " whole number of messages per second, not " + value);
    }
}
