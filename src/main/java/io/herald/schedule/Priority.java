package io.herald.schedule;

import java.util.Locale;

/** How urgently a campaign gets the sending capacity: see SendPriorities for the policy. Declared highest first. */
public enum Priority {
    HIGH, NORMAL, LOW;

    /** True when this priority goes before {@code other}. */
    public boolean isHigherThan(Priority other) {
        return ordinal() < other.ordinal();
    }

    /** Parses "high", "NORMAL", …; null when the text is none of them. */
    public static Priority parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
