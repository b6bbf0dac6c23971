package io.herald.bounce;

import jakarta.mail.internet.InternetHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.dsn.DeliveryStatus;

/**
 * The per-recipient fields of a delivery-status part (RFC 3464 §2.3), as plain one-line strings: the address,
 * the Action ("failed", lower case), the Status code, the Diagnostic-Code and the Remote-MTA's host name.
 */
record RecipientStatus(String recipient, String action, String status, String diagnostic, String remoteMta) {

    /** Diagnostics end up in a column and in logs; real ones are a few hundred characters at most. */
    static final int MAX_TEXT = 1000;

    private static final Pattern STATUS_CODE = Pattern.compile("^([245]\\.\\d{1,3}\\.\\d{1,3})(?![\\d.])");

    /**
     * The recipient group a bounce is about: the first whose Action is failed, else the first delayed one, else
     * the first that names a recipient at all (so a review can see what the report was); null for none. The
     * per-message group comes last: a DSN written without the blank line after it holds everything there.
     */
    static RecipientStatus pick(DeliveryStatus dsn) {
        List<RecipientStatus> groups = new ArrayList<>();
        for (int i = 0; i < dsn.getRecipientDSNCount(); i++) {
            groups.add(of(dsn.getRecipientDSN(i)));
        }
        groups.add(of(dsn.getMessageDSN()));
        for (String wanted : List.of("failed", "delayed")) {
            for (RecipientStatus g : groups) {
                if (wanted.equals(g.action())) {
                    return g;
                }
            }
        }
        return groups.stream().filter(g -> g.recipient() != null).findFirst().orElse(null);
    }

    /** Reads one group of fields; any of them may be missing (null). */
    static RecipientStatus of(InternetHeaders group) {
        String original = field(group, "Original-Recipient");
        // the address Herald sent to: Original-Recipient when the MTA kept it (ORCPT, or before an alias)
        String recipient = isRfc822(original) ? untyped(original) : untyped(field(group, "Final-Recipient"));
        String action = field(group, "Action");
        String remoteMta = untyped(field(group, "Remote-MTA"));
        return new RecipientStatus(address(recipient),
                action == null ? null : action.split("[\\s(;]", 2)[0].toLowerCase(Locale.ROOT),
                statusCode(field(group, "Status")), field(group, "Diagnostic-Code"), hostName(remoteMta));
    }

    /** The RFC 3463 code at the start of the Status value, or the value as written when it is not one. */
    private static String statusCode(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = STATUS_CODE.matcher(value);
        return m.find() ? m.group(1) : value;
    }

    /** The first value of the field, unfolded into one line, bounded; null when absent or blank. */
    private static String field(InternetHeaders group, String name) {
        String[] values = group == null ? null : group.getHeader(name);
        if (values == null || values.length == 0 || values[0] == null) {
            return null;
        }
        String line = values[0].replaceAll("\\s+", " ").trim();
        if (line.isEmpty()) {
            return null;
        }
        return line.length() > MAX_TEXT ? line.substring(0, MAX_TEXT) : line;
    }

    private static boolean isRfc822(String typed) {
        return typed != null && typed.toLowerCase(Locale.ROOT).matches("rfc822\\s*;.*");
    }

    /** "rfc822; ann@example.com" and "dns; mx.example.com" without their address or name type. */
    private static String untyped(String typed) {
        if (typed == null) {
            return null;
        }
        int semicolon = typed.indexOf(';');
        String v = (semicolon < 0 ? typed : typed.substring(semicolon + 1)).trim();
        return v.isEmpty() ? null : v;
    }

    private static String address(String value) {
        if (value == null) {
            return null;
        }
        String a = value.startsWith("<") && value.endsWith(">") ? value.substring(1, value.length() - 1) : value;
        return a.isBlank() ? null : a.trim();
    }

    /** "mx.example.org. (203.0.113.25, the server for …)" as "mx.example.org". */
    private static String hostName(String value) {
        if (value == null) {
            return null;
        }
        String host = value.split("[\\s(]", 2)[0];
        host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        return host.isEmpty() ? null : host;
    }
}
