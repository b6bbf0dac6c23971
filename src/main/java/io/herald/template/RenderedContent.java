package io.herald.template;

/**
 * One recipient's message text: the subject (one line, trimmed), and the HTML and plain-text bodies,
 * either of which is null when the template has no such part.
 */
public record RenderedContent(String subject, String html, String text) {
}
