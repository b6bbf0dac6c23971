package io.herald.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.Enumeration;
import java.util.Objects;

/**
 * The header values that the messages of a campaign mostly share (From, Reply-To, Subject when it has no placeholder,
 * Date within a second), written by MessageComposer's setters and kept from one message to the next. Encoding a
 * non-ASCII name or subject (RFC 2047) costs Jakarta Mail 2.1 a ServiceLoader lookup per encoded word.
 */
final class SharedHeaders {

    private final Session session;
    private InternetAddress from;
    private String fromValue;
    private InternetAddress replyTo;
    private String replyToValue;
    private boolean subjectKnown;
    private String subject;
    private String subjectValue;
    private long second = Long.MIN_VALUE;
    private String dateValue;

    SharedHeaders(Session session) {
        this.session = session;
    }

    /** Sets From, Reply-To (if any), Subject and Date on the message, as MessageComposer.setHeaders does. */
    synchronized void setOn(MimeMessage message, MailHeaders headers, String subjectText) throws MessagingException {
        // the same address object: SendingContext holds one From and one Reply-To for the whole campaign
        if (headers.from() != from) {
            MimeMessage scratch = scratch();
            MessageComposer.setFrom(scratch, headers.from());
            fromValue = written(scratch, "From");
            from = headers.from();
        }
        if (headers.replyTo() != replyTo) {
            MimeMessage scratch = scratch();
            MessageComposer.setReplyTo(scratch, headers.replyTo());
            replyToValue = written(scratch, "Reply-To");
            replyTo = headers.replyTo();
        }
        if (!subjectKnown || !Objects.equals(subjectText, subject)) {
            MimeMessage scratch = scratch();
            MessageComposer.setSubject(scratch, subjectText);
            subjectValue = written(scratch, "Subject");
            subject = subjectText;
            subjectKnown = true;
        }
        Instant date = headers.date();
        if (date.getEpochSecond() != second) { // the Date header has no fraction of a second
            MimeMessage scratch = scratch();
            MessageComposer.setDate(scratch, date);
            dateValue = written(scratch, "Date");
            second = date.getEpochSecond();
        }
        message.setHeader("From", fromValue);
        if (replyToValue != null) {
            message.setHeader("Reply-To", replyToValue);
        }
        if (subjectValue != null) {
            message.setHeader("Subject", subjectValue);
        }
        message.setHeader("Date", dateValue);
    }

    /**
     * The value as set, from the header line: getHeader would drop the fold that InternetAddress puts before an
     * address too long for the first line ("From: \r\n\t=?UTF-8?…").
     */
    static String written(MimeMessage message, String name) throws MessagingException {
        Enumeration<String> lines = message.getMatchingHeaderLines(new String[] {name});
        return lines.hasMoreElements() ? lines.nextElement().substring(name.length() + 2) : null;
    }

    private MimeMessage scratch() {
        return new MimeMessage(session);
    }
}
