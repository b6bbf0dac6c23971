package io.herald.mail;

import java.util.Objects;

/**
 * An attachment (contentId == null) or an inline image referenced from the HTML as cid:contentId.
 *
 * <p>The bytes are not copied: one asset is shared by every message of a campaign, so treat them as
 * read-only.
 */
public record MailAsset(String filename, String contentType, String contentId, byte[] data) {

    public MailAsset {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(data, "data");
        // These values become MIME headers: a CR or LF would let them start a header of their own.
        requireOneLine("filename", filename);
        requireOneLine("contentType", contentType);
        requireOneLine("contentId", contentId);
    }

    private static void requireOneLine(String name, String value) {
        if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException(name + " must not contain CR or LF: it goes into a MIME header");
        }
    }
}
