package io.herald.template;

import java.time.Instant;
import java.util.List;

/**
 * What GET /templates/{id} shows: the template without the file contents; snapshotOf is the template a snapshot
 * copies (null for a user's template). PUT's answer adds launchedCampaigns (the campaigns already launched with the
 * template, which keep the version they were launched with) and, when there are any, a note saying so; GET leaves
 * both out.
 */
public record TemplateView(long id, String name, String subject, String html, String text,
                           List<AssetView> attachments, List<AssetView> inlineImages, Instant createdAt,
                           Instant updatedAt, Long snapshotOf, List<Long> launchedCampaigns, String note) {

    static final String KEPT = "campaigns already launched keep the version they were launched with";

    /** A file's metadata. */
    public record AssetView(String filename, String contentType, String contentId, int size) {
    }

    static TemplateView of(Template t) {
        return of(t, null);
    }

    static TemplateView edited(Template t, List<Long> launchedCampaigns) {
        return of(t, launchedCampaigns);
    }

    private static TemplateView of(Template t, List<Long> launched) {
        return new TemplateView(t.getId(), t.getName(), t.getSubject(), t.getHtml(), t.getText(),
                t.getAssets().stream().filter(a -> !a.isInline()).map(TemplateView::asset).toList(),
                t.getAssets().stream().filter(TemplateAsset::isInline).map(TemplateView::asset).toList(),
                t.getCreatedAt(), t.getUpdatedAt(), t.getSnapshotOf(), launched,
                launched == null || launched.isEmpty() ? null : KEPT);
    }

    private static AssetView asset(TemplateAsset a) {
        return new AssetView(a.getFilename(), a.getContentType(), a.getContentId(), a.getSize());
    }
}
