package io.herald.deliverability;

import io.herald.secrets.KeyRing;
import io.herald.secrets.KeySource;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A per-message address on Herald's bounce domain (VERP): {@code bounces+<campaign>-<recipient>-<mac>@domain}, the
 * ids in base 36 and an 80-bit HMAC of them in hex. Used as the envelope sender, a bounce comes back to an address
 * that names its delivery, so it is matched without parsing the bounce's body; the MAC means a forged bounce
 * cannot mark someone else's address as bouncing. The same form with the prefix "unsubscribe" is the mailto:
 * unsubscribe address. Thread-safe.
 *
 * <p>Only lower-case letters, digits, '+' and '-': some mail servers lower-case the local part of an address they
 * bounce to, so the token must not depend on case. At most "unsubscribe+" + 13 + 1 + 13 + 1 + 20 = 60 characters
 * before the '@', within RFC 5321's 64; 80 bits of MAC leave a forger one chance in 10^24 per try.
 */
public final class VerpAddress {

    /** The envelope sender's prefix: bounces+…@domain. */
    public static final String BOUNCES = "bounces";
    /** The mailto: unsubscribe address's prefix: unsubscribe+…@domain. */
    public static final String UNSUBSCRIBE = "unsubscribe";

    static final int MAX_LOCAL_PART = 64;
    private static final int MAC_BYTES = 10;
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern TOKEN = Pattern.compile("([0-9a-z]{1,13})-([0-9a-z]{1,13})-([0-9a-f]{20})");

    private final String prefix;
    private final String domain;
    private final TokenMac mac;

    /** prefix: BOUNCES or UNSUBSCRIBE; domain: the bounce domain (an A-label); secret: herald.unsubscribe.secret. */
    public VerpAddress(String prefix, String domain, byte[] secret) {
        this(prefix, domain, KeySource.fixed(KeyRing.of(secret)));
    }

    /** As above, signing with the source's signing secret and verifying with each of its verifying ones. */
    public VerpAddress(String prefix, String domain, KeySource keys) {
        if (!BOUNCES.equals(prefix) && !UNSUBSCRIBE.equals(prefix)) {
            throw new IllegalArgumentException("VERP prefix must be " + BOUNCES + " or " + UNSUBSCRIBE + ", not "
                    + prefix);
        }
        if (domain == null || domain.isBlank() || domain.contains("@")) {
            throw new IllegalArgumentException("VERP needs a domain name, not " + domain);
        }
        this.prefix = prefix;
        this.domain = domain.toLowerCase(Locale.ROOT);
        this.mac = new TokenMac(keys);
    }

    /** The address for one campaign's message to one recipient, e.g. bounces+7-3e8-0f1e…@bounces.example.com. */
    public String address(long campaignId, long recipientId) {
        CampaignRecipient delivery = new CampaignRecipient(campaignId, recipientId);
        String localPart = prefix + "+" + Long.toString(campaignId, 36) + "-" + Long.toString(recipientId, 36) + "-"
                + HEX.formatHex(mac.sign(purpose(), delivery.toBytes(), MAC_BYTES));
        if (localPart.length() > MAX_LOCAL_PART) { // cannot happen with two longs; the rule is RFC 5321 §4.5.3.1.1
            throw new IllegalStateException("VERP local part longer than " + MAX_LOCAL_PART + ": " + localPart);
        }
        return localPart + "@" + domain;
    }

    /**
     * The delivery an address made by this class names, or empty if it is another address, another prefix or
     * domain, or its MAC does not match. Accepts the address as written in a Return-Path or DSN: with or without
     * angle brackets, in any case.
     */
    public Optional<CampaignRecipient> parse(String address) {
        if (address == null) {
            return Optional.empty();
        }
        String text = address.trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("<") && text.endsWith(">")) {
            text = text.substring(1, text.length() - 1);
        }
        String head = prefix + "+";
        int at = text.lastIndexOf('@');
        if (at < 0 || !text.substring(at + 1).equals(domain) || !text.startsWith(head)) {
            return Optional.empty();
        }
        Matcher token = TOKEN.matcher(text.substring(head.length(), at));
        if (!token.matches()) {
            return Optional.empty();
        }
        Long campaignId = base36(token.group(1));
        Long recipientId = base36(token.group(2));
        if (campaignId == null || recipientId == null) {
            return Optional.empty();
        }
        CampaignRecipient delivery = new CampaignRecipient(campaignId, recipientId);
        boolean genuine = mac.matches(purpose(), delivery.toBytes(), HEX.parseHex(token.group(3)), MAC_BYTES);
        return genuine ? Optional.of(delivery) : Optional.empty();
    }

    /** A bounce address's MAC is no good as an unsubscribe address's, and neither as an unsubscribe link's. */
    private String purpose() {
        return "verp-" + prefix;
    }

    /** A positive id written as address() writes it (no leading zeros, no sign), else null. */
    private static Long base36(String digits) {
        try {
            long id = Long.parseLong(digits, 36);
            return id > 0 && Long.toString(id, 36).equals(digits) ? id : null;
        } catch (NumberFormatException e) { // more than Long.MAX_VALUE
            return null;
        }
    }
}
