package io.herald.mail;

/**
 * The rule for text that ends up in a mail header (subject, display names, file names, content ids, addresses):
 * no control character at all, that is no C0 control (U+0000 to U+001F) and no DEL (U+007F).
 *
 * <p>CR and LF would start a header of their own (header injection). The other controls have no place in header
 * text either (RFC 5322 §3.2.3 allows them only in obsolete syntax); a tab is legal folding white space, but in
 * a subject or a name it is an accident of an export, not something an operator meant, so it is refused too.
 */
public final class HeaderText {

    private HeaderText() {
    }

    /**
     * Describes the first control character of the value, as "control character (U+000B) at position 4"
     * (positions count from 1), or returns null when there is none or the value is null.
     */
    public static String controlCharacter(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return String.format("control character (U+%04X) at position %d", (int) c, i + 1);
            }
        }
        return null;
    }
}
