package io.herald.template;

import static io.herald.platform.Fields.headerSafe;
import static io.herald.platform.Fields.optional;
import static io.herald.platform.Fields.required;

import io.herald.platform.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Creates templates: every part is validated and compiled before anything is stored. */
@ApplicationScoped
public class TemplateService {

    static final int MAX_BODY = 1_000_000;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional
    public Template create(TemplateRequest request) {
        if (request == null) {
            throw ApiException.badRequest("body", "a JSON object is required");
        }
        String name = required("name", request.name(), 200);
        String subject = headerSafe("subject", required("subject", request.subject(), 998));
        String html = optional("html", request.html(), MAX_BODY);
        String text = optional("text", request.text(), MAX_BODY);
        if (html == null && text == null) {
            throw ApiException.badRequest("html", "html or text is required (a message needs a body)");
        }
        try {
            TemplateRenderer.compile(subject, html, text);
        } catch (TemplateSyntaxException e) {
            throw ApiException.badRequest(e.field(), e.field() + ": " + e.problem());
        }
        Template template = new Template(name, subject, html, text, clock.instant());
        addAssets(template, "attachments", request.attachments(), false);
        addAssets(template, "inlineImages", request.inlineImages(), true);
        em.persist(template);
        return template;
    }

    @Transactional
    public TemplateView view(long id) {
        return TemplateView.of(find(id));
    }

    public Template find(long id) {
        Template t = em.find(Template.class, id);
        if (t == null) {
            throw ApiException.notFound("template", id);
        }
        return t;
    }

    private static void addAssets(Template template, String field, List<TemplateRequest.AssetRequest> assets,
                                  boolean inline) {
        if (assets == null) {
            return;
        }
        Set<String> contentIds = new HashSet<>();
        for (int i = 0; i < assets.size(); i++) {
            var a = assets.get(i);
            String at = field + "[" + i + "]";
            if (a == null) {
                throw ApiException.badRequest(at, at + " is null");
            }
            String filename = headerSafe(at + ".filename", required(at + ".filename", a.filename(), 255));
            String contentType = headerSafe(at + ".contentType", required(at + ".contentType", a.contentType(), 255));
            if (!contentType.matches("[\\w.+-]+/[\\w.+-]+")) {
                throw ApiException.badRequest(at + ".contentType", "'" + contentType + "' is not a media type like image/png");
            }
            String contentId = null;
            if (inline) {
                contentId = headerSafe(at + ".contentId", required(at + ".contentId", a.contentId(), 255));
                if (!contentIds.add(contentId)) {
                    throw ApiException.badRequest(at + ".contentId", "contentId '" + contentId + "' is used twice");
                }
            }
            byte[] data;
            try {
                // strict alphabet (the MIME decoder would silently drop stray characters); line breaks allowed
                data = Base64.getDecoder().decode(required(at + ".content", a.content(), MAX_BODY * 2).replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(at + ".content", "content is not base64: " + e.getMessage());
            }
            if (data.length == 0) {
                throw ApiException.badRequest(at + ".content", "content is empty");
            }
            template.addAsset(new TemplateAsset(template, filename, contentType, contentId, data));
        }
    }
}
