package io.herald.mail;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;

/**
 * The one rule for when two addresses are the same person: the key every table stores beside an address (recipient,
 * suppression, audit_entry.rcpt_key) and every duplicate, suppression, unsubscribe, bounce, audit and GDPR lookup
 * compares. Messages still go to the address as it was given; only the key is folded.
 *
 * <p>{@code herald.address-match} (HERALD_ADDRESS_MATCH) chooses the rule:
 * <ul>
 * <li>{@code ignore-case} (the default): the whole address case-insensitive. The local part is put in Unicode
 *     composed form (NFC) and case-folded (upper- then lower-cased with the root locale, so "ß" and "SS" fold alike,
 *     as Unicode's full case folding does); the domain becomes its A-label (RFC 5890), lower-cased. RFC 5321 lets a
 *     mail server tell "Ann@" from "ann@", but no mailbox provider that matters does, and for consent the safe side
 *     is "same person": an unsubscribe as "Ann@" must stop mail to "ann@".</li>
 * <li>{@code exact}: Herald's rule before version 15: the domain lower-cased, the local part as given, for an
 *     installation whose mail server really has case-sensitive mailboxes.</li>
 * </ul>
 * Changing the setting re-keys the stored rows at the next start (AddressRekey). Thread-safe.
 */
public final class AddressKey {

    /** The system property, read from HERALD_ADDRESS_MATCH by wildfly-config/configure-deliverability.cli. */
    public static final String PROPERTY = "herald.address-match";

    /** The two rules. */
    public enum Match {
        IGNORE_CASE("ignore-case"), EXACT("exact");

        private final String setting;

        Match(String setting) {
            this.setting = setting;
        }

        /** How the setting spells it: "ignore-case" or "exact". */
        public String setting() {
            return setting;
        }

        /** The rule a setting names; blank or null is the default; anything else names the property and its variable. */
        public static Match parse(String value) {
            if (value == null || value.isBlank()) {
                return IGNORE_CASE;
            }
            for (Match m : values()) {
                if (m.setting.equalsIgnoreCase(value.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException(PROPERTY + " (HERALD_ADDRESS_MATCH) is '" + value
                    + "'; it must be ignore-case (the default) or exact");
        }
    }

    private AddressKey() {
    }

    /** The server's rule: herald.address-match as this JVM has it. */
    public static Match configured() {
        return Match.parse(System.getProperty(PROPERTY));
    }

    /** The key of an address under the server's rule. */
    public static String of(String address) {
        return of(address, configured());
    }

    /** The key of an address under a rule; an address without '@' is keyed whole, as a local part. */
    public static String of(String address, Match match) {
        int at = address.lastIndexOf('@');
        String local = at < 0 ? address : address.substring(0, at);
        String domain = at < 0 ? null : address.substring(at + 1);
        if (match == Match.EXACT) {
            return domain == null ? local : local + "@" + domain.toLowerCase(Locale.ROOT);
        }
        String folded = fold(local);
        return domain == null ? folded : folded + "@" + aLabel(domain);
    }

    /** NFC, then upper- and lower-cased with no locale's special rules (no Turkish dotless i). */
    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** The domain as A-labels, lower-cased; an address literal or a name IDNA refuses is only lower-cased. */
    static String aLabel(String domain) {
        if (domain.startsWith("[")) {
            return domain.toLowerCase(Locale.ROOT);
        }
        try {
            return IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return domain.toLowerCase(Locale.ROOT);
        }
    }
}
