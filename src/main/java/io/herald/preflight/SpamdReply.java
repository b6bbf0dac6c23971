package io.herald.preflight;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads spamd's answer to a SPAMC/1.5 REPORT request:
 * <pre>
 * SPAMD/1.1 0 EX_OK
 * Content-length: 1234
 * Spam: True ; 8.9 / 5.0
 *
 * ...report text, whose table lists each matched rule:
 *  pts rule name              description
 * ---- ---------------------- --------------------------------------------------
 *  1.9 NO_PRESCRIPTION        BODY: No prescription needed
 * </pre>
 * A description too long for its line goes on below, indented. A status other than 0 (e.g. {@code 76 Bad header
 * line}) is spamd refusing the request.
 */
final class SpamdReply {

    private static final Pattern STATUS = Pattern.compile("SPAMD/(\\d+\\.\\d+) (\\d+) ?(.*)");
    private static final Pattern SPAM = Pattern.compile(
            "(?i)Spam:\\s*(true|false|yes|no)\\s*;\\s*(-?\\d+(?:\\.\\d+)?)\\s*/\\s*(-?\\d+(?:\\.\\d+)?)\\s*");
    private static final Pattern RULE = Pattern.compile(" {0,3}(-?\\d+(?:\\.\\d+)?)\\s+([A-Za-z0-9_]+)\\s+(.*)");
    private static final Pattern CONTINUATION = Pattern.compile("\\s{4,}(\\S.*)");

    private SpamdReply() {
    }

    /** The verdict in a whole reply (headers and body); SpamdException saying what is wrong with it. */
    static SpamdVerdict parse(byte[] reply) throws SpamdException {
        if (reply.length == 0) {
            throw new SpamdException("the connection was closed without an answer");
        }
        String text = new String(reply, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        String[] headers = head.split("\r\n");
        Matcher status = STATUS.matcher(headers[0].trim());
        if (!status.matches()) {
            throw new SpamdException("the answer is not spamd's (SPAMD/x.y code message): '" + first(headers[0]) + "'");
        }
        if (!status.group(2).equals("0")) {
            throw new SpamdException("spamd refused the check: " + status.group(2) + " " + status.group(3));
        }
        for (int i = 1; i < headers.length; i++) {
            Matcher spam = SPAM.matcher(headers[i]);
            if (spam.matches()) {
                String verdict = spam.group(1).toLowerCase(Locale.ROOT);
                return new SpamdVerdict(Double.parseDouble(spam.group(2)), Double.parseDouble(spam.group(3)),
                        verdict.equals("true") || verdict.equals("yes"), rules(body));
            }
        }
        throw new SpamdException("spamd's answer has no 'Spam: True ; score / threshold' header: '" + first(head) + "'");
    }

    /** The rules in the report's table: the lines after the one of dashes, descriptions joined across lines. */
    static List<RuleHit> rules(String report) {
        List<RuleHit> rules = new ArrayList<>();
        boolean inTable = false;
        for (String line : report.split("\r?\n")) {
            if (!inTable) {
                inTable = line.startsWith("----");
                continue;
            }
            Matcher rule = RULE.matcher(line);
            Matcher more = CONTINUATION.matcher(line);
            if (rule.matches()) {
                rules.add(new RuleHit(rule.group(2), Double.parseDouble(rule.group(1)), rule.group(3).trim()));
            } else if (more.matches() && !rules.isEmpty()) {
                RuleHit last = rules.remove(rules.size() - 1);
                rules.add(new RuleHit(last.name(), last.score(), last.description() + " " + more.group(1).trim()));
            } else if (!line.isBlank()) {
                inTable = false;                       // the table ended; a template may add text below it
            }
        }
        return rules;
    }

    private static String first(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
