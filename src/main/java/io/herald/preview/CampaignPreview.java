package io.herald.preview;

/**
 * GET /campaigns/{id}/preview: the recipient whose placeholders were used, and the subject and bodies exactly as
 * the send step renders them for that recipient (html or text null when the template has no such part).
 */
public record CampaignPreview(Addressee recipient, String subject, String text, String html) {

    /** Who the preview is for. */
    public record Addressee(long id, String email, String name) {
    }
}
