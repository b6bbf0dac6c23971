package io.herald.deliverability;

import io.herald.mail.HeaderText;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers that mark a campaign message as bulk mail from a list, for mailbox providers and their users:
 * List-Unsubscribe with its https link (and a mailto: address when there is a bounce domain; RFC 2369),
 * List-Unsubscribe-Post for one-click unsubscribe (RFC 8058), List-Id (RFC 2919), Feedback-ID (Gmail's feedback
 * loop: campaign:list:sender:herald) and Precedence: bulk (so auto-responders stay quiet).
 *
 * <p>unsubscribeMailto is an address (e.g. from VerpAddress with prefix "unsubscribe") or null; listName may be
 * null or blank; listDomain is the namespace of the List-Id, a domain Herald's operator controls.
 */
public record ListHeaders(URI unsubscribeUrl, String unsubscribeMailto, long campaignId, long listId,
                          String listName, String listDomain, String senderId) {

    public static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
    public static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";
    public static final String LIST_ID = "List-Id";
    public static final String FEEDBACK_ID = "Feedback-ID";
    public static final String PRECEDENCE = "Precedence";
    /** The one value RFC 8058 allows; the receiver POSTs it to the https link. */
    public static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    public ListHeaders {
        if (unsubscribeUrl == null || !unsubscribeUrl.isAbsolute() || unsubscribeUrl.getHost() == null) {
            throw new IllegalArgumentException("the unsubscribe link must be an absolute URL, not " + unsubscribeUrl);
        }
        if (unsubscribeMailto != null && !unsubscribeMailto.matches("[^\\s<>,@?]+@[^\\s<>,@?]+")) {
            throw new IllegalArgumentException("the unsubscribe address must be a plain address, not "
                    + unsubscribeMailto);
        }
        if (campaignId < 1 || listId < 1) {
            throw new IllegalArgumentException("campaign and list ids must be positive");
        }
        String control = HeaderText.controlCharacter(listName);
        if (control != null) {
            throw new IllegalArgumentException("the list name has a " + control);
        }
        if (listDomain == null || !listDomain.matches("[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("the List-Id domain must be a domain name (A-labels), not "
                    + listDomain);
        }
        if (senderId == null || !senderId.matches(DeliverabilitySettings.SENDER_ID_PATTERN)) {
            throw new IllegalArgumentException("the sender id must match " + DeliverabilitySettings.SENDER_ID_PATTERN
                    + ", not " + senderId);
        }
    }

    /** {@code <https://…/u/token>}, then {@code <mailto:…?subject=unsubscribe>} if there is an address. */
    public String listUnsubscribeHeader() {
        String https = "<" + unsubscribeUrl.toASCIIString() + ">";
        return unsubscribeMailto == null ? https : https + ", <mailto:" + unsubscribeMailto + "?subject=unsubscribe>";
    }

    /** {@code Name <list-7.example.com>}: the name as a phrase, quoted or RFC 2047-encoded as it needs. */
    public String listIdHeader() {
        String label = "list-" + listId + "." + listDomain;
        if (listName == null || listName.isBlank()) {
            return "<" + label + ">";
        }
        try {
            return new InternetAddress(label, listName.trim(), "UTF-8").toString();
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("every Java runtime has UTF-8", e);
        }
    }

    /** {@code campaign:list:sender:herald}: Gmail's Postmaster Tools report spam complaints per field. */
    public String feedbackIdHeader() {
        return campaignId + ":" + listId + ":" + senderId + ":herald";
    }

    /** Every header and its value, in the order they are added. */
    public Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(LIST_UNSUBSCRIBE, listUnsubscribeHeader());
        values.put(LIST_UNSUBSCRIBE_POST, ONE_CLICK);
        values.put(LIST_ID, listIdHeader());
        values.put(FEEDBACK_ID, feedbackIdHeader());
        values.put(PRECEDENCE, "bulk");
        return values;
    }

    /**
     * Sets the headers on the message, replacing any of the same name, folded to 78 characters where they have
     * room to fold. Call it before DkimSigning.sign, which must see them.
     */
    public void addTo(MimeMessage message) throws MessagingException {
        for (Map.Entry<String, String> header : values().entrySet()) {
            message.setHeader(header.getKey(), MimeUtility.fold(header.getKey().length() + 2, header.getValue()));
        }
    }
}
