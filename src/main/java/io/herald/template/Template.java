package io.herald.template;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A message template: subject and bodies with {{placeholders}}, plus attachments and inline images. */
@Entity
public class Template {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String name;
    private String subject;

    @Column(name = "html_body")
    private String html;

    @Column(name = "text_body")
    private String text;

    @Column(name = "created_at")
    private Instant createdAt;

    @OneToMany(mappedBy = "template", cascade = CascadeType.ALL, fetch = FetchType.LAZY)
    @OrderBy("id")
    private List<TemplateAsset> assets = new ArrayList<>();

    protected Template() {
    }

    /** Callers validate first (TemplateRenderer.compile): a Template always holds a compilable template. */
    public Template(String name, String subject, String html, String text, Instant createdAt) {
        if (html == null && text == null) {
            throw new IllegalArgumentException("a template needs an HTML or a text body");
        }
        this.name = name;
        this.subject = subject;
        this.html = html;
        this.text = text;
        this.createdAt = createdAt;
    }

    public void addAsset(TemplateAsset asset) {
        assets.add(asset);
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getSubject() {
        return subject;
    }

    public String getHtml() {
        return html;
    }

    public String getText() {
        return text;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public List<TemplateAsset> getAssets() {
        return assets;
    }
}
