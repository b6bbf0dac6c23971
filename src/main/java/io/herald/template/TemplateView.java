package io.herald.template;

import java.util.List;

/** What GET /templates/{id} shows: the template without the file contents. */
public record TemplateView(long id, String name, String subject, String html, String text,
                           List<AssetView> attachments, List<AssetView> inlineImages) {

    /** A file's metadata. */
    public record AssetView(String filename, String contentType, String contentId, int size) {
    }

    static TemplateView of(Template t) {
        return new TemplateView(t.getId(), t.getName(), t.getSubject(), t.getHtml(), t.getText(),
                t.getAssets().stream().filter(a -> !a.isInline()).map(TemplateView::asset).toList(),
                t.getAssets().stream().filter(TemplateAsset::isInline).map(TemplateView::asset).toList());
    }

    private static AssetView asset(TemplateAsset a) {
        return new AssetView(a.getFilename(), a.getContentType(), a.getContentId(), a.getSize());
    }
}
