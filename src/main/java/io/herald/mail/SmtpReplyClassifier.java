package io.herald.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * The one place that decides what an SMTP reply means (RFC 5321 §4.2.1 reply codes, RFC 3463 enhanced status
 * codes): 2xx accepted, 4xx transient (try later), 5xx permanent; an exception without a reply (reset, timeout)
 * is transient and means the connection is gone; 421 also closes the connection (RFC 5321 §3.8). A 5xx refusal of
 * the sender (MAIL FROM) and 530/535 (authentication) are systemic: no other message could succeed either.
 */
public final class SmtpReplyClassifier {

    private static final Pattern REPLY = Pattern.compile("^\\s*([2-5]\\d\\d)[ -]?(?:([245]\\.\\d{1,3}\\.\\d{1,3})\\b)?");
    private static final int MAX_TEXT = 1000;

    private SmtpReplyClassifier() {
    }

    /** Classifies a reply line such as "250 2.0.0 Ok: queued as 4F2" or "550 5.1.1 <x@y>: user unknown". */
    public static SmtpOutcome classifyReply(int code, String text) {
        String clean = clean(text);
        String enhanced = enhancedCode(clean);
        if (code >= 200 && code < 400) {
            return new SmtpOutcome(SmtpOutcome.Kind.ACCEPTED, code, enhanced, clean, false);
        }
        if (code >= 400 && code < 500) {
            return new SmtpOutcome(SmtpOutcome.Kind.TRANSIENT, code, enhanced, clean, code == 421);
        }
        if (code >= 500 && code < 600) {
            return new SmtpOutcome(SmtpOutcome.Kind.PERMANENT, code, enhanced, clean, false);
        }
        // no valid reply code: treat as a broken conversation, not as the recipient's fault
        return new SmtpOutcome(SmtpOutcome.Kind.TRANSIENT, null, enhanced, clean("unexpected reply: " + text), true);
    }

    /** Classifies a failed send; {@code messageTransmitted} says whether the whole message had been sent. */
    public static SmtpOutcome classify(MessagingException e, boolean messageTransmitted) {
        SmtpOutcome replied = fromReply(e);
        if (replied != null) {
            return replied;
        }
        if (messageTransmitted) {
            // the server had the whole message; its answer was lost: it may have accepted it (RFC 1047)
            return new SmtpOutcome(SmtpOutcome.Kind.UNKNOWN, null, null,
                    clean("connection lost after the message was sent: " + rootMessage(e)), true);
        }
        return new SmtpOutcome(SmtpOutcome.Kind.TRANSIENT, null, null,
                clean("connection lost: " + rootMessage(e)), true);
    }

    /** Classifies a failed send that did not get as far as transmitting the message. */
    public static SmtpOutcome classify(MessagingException e) {
        return classify(e, false);
    }

    /** The reply carried by the exception or one of the exceptions it chains, or null if there was none. */
    private static SmtpOutcome fromReply(Throwable t) {
        for (Throwable e = t; e != null; e = next(e)) {
            if (e instanceof SMTPAddressFailedException a) {
                return classifyReply(a.getReturnCode(), replyOf(a.getMessage(), a.getReturnCode()));
            }
            if (e instanceof SMTPSenderFailedException s) {
                return systemicIfRefused(classifyReply(s.getReturnCode(), replyOf(s.getMessage(), s.getReturnCode())));
            }
            if (e instanceof SMTPSendFailedException s && s.getReturnCode() > 0) {
                SmtpOutcome o = classifyReply(s.getReturnCode(), replyOf(s.getMessage(), s.getReturnCode()));
                return "MAIL".equalsIgnoreCase(commandVerb(s.getCommand())) ? systemicIfRefused(o) : authentication(o);
            }
        }
        return null;
    }

    /** A permanent refusal of Herald's sender address stops the campaign: every message uses that sender. */
    private static SmtpOutcome systemicIfRefused(SmtpOutcome o) {
        return o.kind() == SmtpOutcome.Kind.PERMANENT ? systemic(o) : o;
    }

    /** 530 (authentication required) and 535 (credentials invalid), RFC 4954. */
    private static SmtpOutcome authentication(SmtpOutcome o) {
        return o.replyCode() != null && (o.replyCode() == 530 || o.replyCode() == 535) ? systemic(o) : o;
    }

    private static SmtpOutcome systemic(SmtpOutcome o) {
        return new SmtpOutcome(SmtpOutcome.Kind.SYSTEMIC, o.replyCode(), o.enhancedCode(), o.replyText(), false);
    }

    private static String commandVerb(String command) {
        if (command == null) {
            return "";
        }
        String c = command.trim();
        int end = c.indexOf(' ') < 0 ? c.indexOf(':') : c.indexOf(' ');
        return end < 0 ? c : c.substring(0, end).replace(":", "");
    }

    private static Throwable next(Throwable e) {
        if (e instanceof MessagingException m && m.getNextException() != null && m.getNextException() != e) {
            return m.getNextException();
        }
        if (e instanceof SendFailedException) {
            return null;
        }
        return e.getCause() == e ? null : e.getCause();
    }

    /** Angus puts the server's reply in the message; make sure it starts with the code. */
    private static String replyOf(String message, int code) {
        String m = message == null ? "" : message.trim();
        return m.startsWith(String.valueOf(code)) ? m : code + " " + m;
    }

    /** The enhanced status code ("5.1.1") following the reply code, or null. */
    static String enhancedCode(String reply) {
        if (reply == null) {
            return null;
        }
        Matcher m = REPLY.matcher(reply);
        return m.find() ? m.group(2) : null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return root.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /** One line, bounded: replies end up in a VARCHAR column and in logs. */
    private static String clean(String text) {
        if (text == null) {
            return null;
        }
        String oneLine = text.replaceAll("[\\r\\n]+", " ").trim();
        return oneLine.length() > MAX_TEXT ? oneLine.substring(0, MAX_TEXT) : oneLine;
    }
}
