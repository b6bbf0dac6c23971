package io.herald.rate;

import java.net.IDN;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads herald.rate.domains ("gmail.com=10,yahoo.com=5": at most 10 messages a second to gmail.com, 5 to yahoo.com)
 * and says which entry a recipient falls under.
 *
 * <p>A limit applies to its exact domain, compared as lower-case A-labels (RFC 5890), the form Herald sends
 * (mail/AddressNormalizer): "bücher.example" in the setting matches recipients at "xn--bcher-kva.example", but
 * "gmail.com" does not cover "mail.gmail.com" or "googlemail.com", which need entries of their own. Exact matching
 * keeps the rule one look-up per message and never puts a recipient under a limit the operator did not write.
 */
final class DomainLimits {

    static final String PROPERTY = "herald.rate.domains";
    static final String VARIABLE = "HERALD_RATE_DOMAINS";

    private DomainLimits() {
    }

    /**
     * Messages per second by domain (lower-case A-labels), in the order written; empty for a blank or missing value.
     * Empty entries (a trailing comma) are ignored; anything else that is not "domain=positive whole number", or a
     * domain given twice, is an IllegalArgumentException naming the entry.
     */
    static Map<String, Integer> parse(String value) {
        Map<String, Integer> limits = new LinkedHashMap<>();
        if (value == null) {
            return limits;
        }
        for (String entry : value.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw bad(entry, "it is not domain=messages per second, e.g. gmail.com=10");
            }
            add(limits, entry, entry.substring(0, eq), perSecond(entry, entry.substring(eq + 1).trim()));
        }
        return limits;
    }

    /** The same checks and keys for limits given as a map (RateSettings built in code). */
    static Map<String, Integer> of(Map<String, Integer> given) {
        Map<String, Integer> limits = new LinkedHashMap<>();
        given.forEach((domain, perSecond) -> add(limits, domain + "=" + perSecond, domain, perSecond));
        return limits;
    }

    /**
     * The key a recipient is looked up by: the domain of an address ("ann@Gmail.com") or a bare domain, lower-case,
     * without a trailing dot; null when there is none.
     */
    static String keyOf(String addressOrDomain) {
        if (addressOrDomain == null) {
            return null;
        }
        String domain = bare(addressOrDomain.substring(addressOrDomain.lastIndexOf('@') + 1));
        if (domain.isEmpty()) {
            return null;
        }
        try {
            return IDN.toASCII(domain).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return domain.toLowerCase(Locale.ROOT);  // not a domain any entry can name: no domain limit
        }
    }

    private static void add(Map<String, Integer> limits, String entry, String domainText, int perSecond) {
        String domain = configuredDomain(entry, domainText);
        if (perSecond < 1) {
            throw bad(entry, "the limit must be at least 1 message per second; leave the domain out for no limit");
        }
        if (limits.put(domain, perSecond) != null) {
            throw bad(entry, "domain " + domain + " is listed twice");
        }
    }

    private static String configuredDomain(String entry, String text) {
        String domain = bare(text);
        if (domain.isEmpty()) {
            throw bad(entry, "the domain is missing");
        }
        try {
            // STD3 rules refuse what no mail domain contains: spaces, '@', '*', '_' ...
            return IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw bad(entry, "'" + domain + "' is not a domain name (a limit applies to one exact domain: no wildcards,"
                    + " no addresses)");
        }
    }

    /** Without spaces around it or the root's trailing dot ("gmail.com." is "gmail.com"). */
    private static String bare(String domain) {
        String d = domain.trim();
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    private static int perSecond(String entry, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw bad(entry, "'" + text + "' is not a whole number of messages per second");
        }
    }

    private static IllegalArgumentException bad(String entry, String why) {
        return new IllegalArgumentException(PROPERTY + " (" + VARIABLE + "): entry '" + entry.trim() + "' is invalid: "
                + why);
    }
}
