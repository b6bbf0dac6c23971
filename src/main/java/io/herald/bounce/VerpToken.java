package io.herald.bounce;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {token} of Herald's VERP address "{localPart}+{token}@{domain}" in header values; decoding the
 * token is its caller's business.
 *
 * <p>The local part matches without regard to case (some MTAs change it); the token is returned as written. The
 * address must start the value or follow a delimiter, so "xbounces+t@…" is not taken for "bounces+t@…"; a token
 * is at most 64 characters, the longest local part RFC 5321 allows.
 */
final class VerpToken {

    private final Pattern address;

    VerpToken(String localPart) {
        if (localPart == null || localPart.isBlank()) {
            throw new IllegalArgumentException("the bounce address's local part is missing");
        }
        this.address = Pattern.compile("(?<![^\\s<,:;\"'(\\[])" + Pattern.quote(localPart.trim())
                + "\\+([^@\\s<>\",;()\\[\\]]{1,64})@", Pattern.CASE_INSENSITIVE);
    }

    /** The token of the first value, in the order given, that holds a VERP address; null when none does. */
    String find(List<String> headerValues) {
        for (String value : headerValues) {
            if (value == null) {
                continue;
            }
            Matcher m = address.matcher(value);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }
}
