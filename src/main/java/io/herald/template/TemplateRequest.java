package io.herald.template;

import java.util.List;

/** Body of POST /templates. Attachment and image contents are base64. */
public record TemplateRequest(String name, String subject, String html, String text,
                              List<AssetRequest> attachments, List<AssetRequest> inlineImages) {

    /** One file: inline images also give the contentId the HTML refers to as cid:contentId. */
    public record AssetRequest(String filename, String contentType, String contentId, String content) {
    }
}
