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

    @Column(name = "updated_at")
    private Instant updatedAt;

    /** The template this one is a frozen copy of, made when a campaign was launched; null for a user's template. */
    @Column(name = "snapshot_of")
    private Long snapshotOf;

    @OneToMany(mappedBy = "template", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.LAZY)
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
        this.updatedAt = createdAt;
    }

    /** A frozen copy of this template and its files, as a campaign launched at {@code at} sends it. */
    Template snapshot(Instant at) {
        if (snapshotOf != null) {
            throw new IllegalStateException("template " + id + " is already a snapshot of template " + snapshotOf);
        }
        Template copy = new Template(name, subject, html, text, at);
        copy.updatedAt = updatedAt;
        copy.snapshotOf = id;
        assets.forEach(a -> copy.addAsset(a.copyFor(copy)));
        return copy;
    }

    /** Replaces the name, subject and bodies and drops the files (the caller adds the new ones); validated first. */
    void edit(String name, String subject, String html, String text, Instant at) {
        if (snapshotOf != null) {
            throw new IllegalStateException("template " + id + " is a snapshot: it never changes");
        }
        if (html == null && text == null) {
            throw new IllegalArgumentException("a template needs an HTML or a text body");
        }
        this.name = name;
        this.subject = subject;
        this.html = html;
        this.text = text;
        this.updatedAt = at;
        assets.clear();
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

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Long getSnapshotOf() {
        return snapshotOf;
    }

    public boolean isSnapshot() {
        return snapshotOf != null;
    }

    public List<TemplateAsset> getAssets() {
        return assets;
    }
}
