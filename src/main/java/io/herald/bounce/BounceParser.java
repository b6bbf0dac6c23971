package io.herald.bounce;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.dsn.DeliveryStatus;

/**
 * Reads one message from the bounce mailbox into a BounceReport, and never throws for what the message holds:
 * a message that is not a readable RFC 3464 report comes back UNCLASSIFIED with the reason.
 *
 * <p>Where each part of the report comes from: the kind, recipient, status, diagnostic and remote MTA from the
 * message/delivery-status part (BounceClassifier has the rule); the VERP token from the address the bounce was
 * delivered to (Delivered-To, X-Original-To, Envelope-To, To, in that order), else from the Return-Path of the
 * returned message; the original Message-ID from the returned message (message/rfc822 or text/rfc822-headers),
 * else from In-Reply-To or References, which is all an auto-reply has.
 */
@ApplicationScoped
public class BounceParser {

    /** Headers naming where the bounce was delivered, most trustworthy first (set by the receiving MTA). */
    private static final List<String> DELIVERED_TO = List.of("Delivered-To", "X-Original-To", "Envelope-To", "To");

    /** A msg-id (RFC 5322 §3.6.4) that fits on a header line: longer ones are not Herald's and are ignored. */
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,996}>");

    /**
     * The report for {@code message}, delivered to the bounce mailbox whose address is
     * "{bounceLocalPart}+{token}@{bounce domain}" ("bounces" for Herald).
     *
     * @throws IllegalArgumentException if bounceLocalPart is null or blank (a caller's mistake, not the message's)
     */
    public BounceReport parse(MimeMessage message, String bounceLocalPart) {
        Objects.requireNonNull(message, "message");
        VerpToken verp = new VerpToken(bounceLocalPart);
        String token = verp.find(headers(message, DELIVERED_TO));
        try {
            return parse(message, verp, token);
        } catch (RuntimeException e) {
            // a message no one foresaw must still land in the review folder, not stop the job
            return BounceReport.unclassified("the message cannot be read: " + describe(e), token, null);
        }
    }

    private BounceReport parse(MimeMessage message, VerpToken verp, String token) {
        ReportParts parts;
        try {
            parts = ReportParts.find(message);
        } catch (MessagingException | IOException e) {
            return BounceReport.unclassified("the MIME structure cannot be read: " + describe(e), token,
                    repliedTo(message));
        }
        InternetHeaders original = parts.readOriginalHeaders();
        if (token == null && original != null) {
            token = verp.find(values(original, "Return-Path"));
        }
        String messageId = original == null ? null : first(values(original, "Message-ID"));
        messageId = messageId != null ? messageId : repliedTo(message);
        if (parts.deliveryStatus() == null) {
            return BounceReport.unclassified("no message/delivery-status part: not a delivery status notification",
                    token, messageId);
        }
        DeliveryStatus dsn;
        try {
            dsn = parts.readDeliveryStatus();
        } catch (MessagingException | IOException e) {
            return BounceReport.unclassified("the delivery-status part cannot be read: " + describe(e), token,
                    messageId);
        }
        return BounceClassifier.classify(RecipientStatus.pick(dsn), token, messageId);
    }

    /** The message this one answers, as auto-replies and some MTAs name it. */
    private static String repliedTo(Part message) {
        String inReplyTo = first(headers(message, List.of("In-Reply-To")));
        if (inReplyTo != null) {
            return inReplyTo;
        }
        List<String> ids = all(headers(message, List.of("References")));
        return ids.isEmpty() ? null : ids.get(ids.size() - 1);     // the last reference is the parent
    }

    /** The first "<…>" id in the values, or null. */
    private static String first(List<String> values) {
        List<String> ids = all(values);
        return ids.isEmpty() ? null : ids.get(0);
    }

    private static List<String> all(List<String> values) {
        List<String> ids = new ArrayList<>();
        for (String v : values) {
            Matcher m = MESSAGE_ID.matcher(v);
            while (m.find()) {
                ids.add(m.group());
            }
        }
        return ids;
    }

    /** Every value of the named headers, in the order of the names; none when the headers cannot be read. */
    private static List<String> headers(Part part, List<String> names) {
        List<String> values = new ArrayList<>();
        for (String name : names) {
            try {
                String[] v = part.getHeader(name);
                values.addAll(v == null ? List.of() : Arrays.asList(v));
            } catch (MessagingException | RuntimeException e) {
                // an unreadable header is a header that is not there
            }
        }
        return values;
    }

    private static List<String> values(InternetHeaders headers, String name) {
        String[] v = headers.getHeader(name);
        return v == null ? List.of() : Arrays.asList(v);
    }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.replaceAll("\\s+", " ").trim());
    }
}
