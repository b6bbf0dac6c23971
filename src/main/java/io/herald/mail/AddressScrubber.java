package io.herald.mail;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and replaces an address inside free text (SMTP replies, bounce diagnostics, a rejected CSV line), whatever its
 * case, as a whole address only: erasing ann@example.com leaves joann@example.com and ann@example.com.au alone.
 */
public final class AddressScrubber {

    /** Characters an address's local part may hold (RFC 5322 atext and '.'): none may come right before the match. */
    private static final String BEFORE = "(?<![A-Za-z0-9!#$%&'*+/=?^_`{|}~.-])";
    /** Nor may a domain go on after it: a letter, digit or hyphen, or a dot followed by one. */
    private static final String AFTER = "(?![A-Za-z0-9-]|\\.[A-Za-z0-9])";

    private final Pattern pattern;
    private final List<String> spellings;

    /** A scrubber for these spellings of one address. */
    public AddressScrubber(Collection<String> spellings) {
        this.spellings = spellings.stream().map(s -> s.toLowerCase(Locale.ROOT)).distinct().toList();
        this.pattern = Pattern.compile(BEFORE + "(?:" + String.join("|", this.spellings.stream().map(Pattern::quote).toList())
                + ")" + AFTER, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** Whether the text holds the address. */
    public boolean foundIn(String text) {
        return text != null && pattern.matcher(text).find();
    }

    /** The text with each occurrence of the address replaced; null stays null. */
    public String scrub(String text, String replacement) {
        return text == null ? null : pattern.matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
    }

    /**
     * SQL LIKE patterns that find a lower-cased column holding the address (a superset: foundIn decides), with '!' as
     * the escape character: {@code LOWER(column) LIKE ? ESCAPE '!'}.
     */
    public List<String> likePatterns() {
        return spellings.stream().map(s -> "%" + s.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%").toList();
    }
}
