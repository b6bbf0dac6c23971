package io.herald.preflight;

/** A content problem the pre-flight reports besides SpamAssassin's rules: its name and what to do about it. */
public record ContentFlag(String name, String description) {

    public static final String NO_TEXT_PART = "NO_TEXT_PART";
    public static final String NO_LIST_UNSUBSCRIBE = "NO_LIST_UNSUBSCRIBE";
    public static final String IMAGE_ONLY = "IMAGE_ONLY";
}
