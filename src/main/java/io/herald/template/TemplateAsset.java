package io.herald.template;

import io.herald.mail.MailAsset;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A file sent with every message of a template: an attachment, or an inline image when it has a content id. */
@Entity
@Table(name = "template_asset")
public class TemplateAsset {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "template_id")
    private Template template;

    private String filename;

    @Column(name = "content_type")
    private String contentType;

    @Column(name = "content_id")
    private String contentId;

    private byte[] data;

    protected TemplateAsset() {
    }

    public TemplateAsset(Template template, String filename, String contentType, String contentId, byte[] data) {
        this.template = template;
        this.filename = filename;
        this.contentType = contentType;
        this.contentId = contentId;
        this.data = data;
    }

    /** The same file, belonging to another template (a snapshot). */
    TemplateAsset copyFor(Template other) {
        return new TemplateAsset(other, filename, contentType, contentId, data);
    }

    public boolean isInline() {
        return contentId != null;
    }

    public String getFilename() {
        return filename;
    }

    public String getContentType() {
        return contentType;
    }

    public String getContentId() {
        return contentId;
    }

    public int getSize() {
        return data.length;
    }

    public MailAsset toMailAsset() {
        return new MailAsset(filename, contentType, contentId, data);
    }
}
