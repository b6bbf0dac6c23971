package io.herald.template;

import static io.herald.platform.Fields.headerSafe;
import static io.herald.platform.Fields.optional;
import static io.herald.platform.Fields.required;

import io.herald.platform.ApiException;
import io.herald.platform.Page;
import io.herald.platform.PageRequest;
import io.herald.platform.Search;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Creates, lists, changes and deletes templates: every part is validated and compiled before anything is stored. */
@ApplicationScoped
public class TemplateService {

    static final int MAX_BODY = 1_000_000;

    /**
     * Largest file, attachment or inline image, after base64 decoding: 10 MiB. The request carries it as base64
     * (13.3 MiB of JSON), and every message carries it again as base64, so a 10 MiB file makes messages of about
     * 14 MB: more than some relays take (Postfix's default message_size_limit is 10,240,000 bytes), which the
     * relay answers with a 552 that fails the delivery.
     */
    static final int MAX_FILE_BYTES = 10 * 1024 * 1024;

    /** Largest total of a template's files after decoding: 20 MiB (about 28 MB of base64 per message). */
    static final long MAX_TEMPLATE_FILE_BYTES = 20L * 1024 * 1024;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional
    public Template create(TemplateRequest request) {
        Parts parts = Parts.of(request);
        Template template = new Template(parts.name(), parts.subject(), parts.html(), parts.text(), clock.instant());
        addFiles(template, request);
        em.persist(template);
        return template;
    }

    /**
     * PUT /templates/{id}: the same checks as create, then the template's parts and files are replaced. Campaigns
     * already launched keep their snapshot; the answer names them. A snapshot is never changed (409).
     */
    @Transactional
    public TemplateView update(long id, TemplateRequest request) {
        Parts parts = Parts.of(request);
        Template template = editable(id, "changed");
        template.edit(parts.name(), parts.subject(), parts.html(), parts.text(), clock.instant());
        em.flush();                                   // the old files go before the new ones come
        addFiles(template, request);
        em.flush();
        List<Long> launched = em.createQuery("""
                        SELECT c.id FROM Campaign c WHERE c.template.id = :t AND c.sentTemplateId IS NOT NULL
                        ORDER BY c.id""", Long.class)
                .setParameter("t", id).getResultList();
        return TemplateView.edited(template, launched);
    }

    /**
     * DELETE /templates/{id}: 409 naming the campaigns that use it (a campaign's history needs its template, and a
     * DRAFT would lose it); otherwise the template goes, with its snapshots that no campaign names any more.
     */
    @Transactional
    public void delete(long id) {
        Template template = editable(id, "deleted");
        List<Object[]> users = em.createQuery(
                        "SELECT c.id, c.status FROM Campaign c WHERE c.template.id = :t ORDER BY c.id", Object[].class)
                .setParameter("t", id).setMaxResults(21).getResultList();
        if (!users.isEmpty()) {
            List<String> named = users.stream().limit(20).map(r -> r[0] + " (" + r[1] + ")").toList();
            throw ApiException.conflict("id", "template " + id + " is used by campaign(s) " + String.join(", ", named)
                    + (users.size() > 20 ? " and more" : "") + "; delete or change those campaigns first");
        }
        em.createQuery("""
                        SELECT s FROM Template s WHERE s.snapshotOf = :t
                        AND NOT EXISTS (SELECT c.id FROM Campaign c WHERE c.sentTemplateId = s.id)""", Template.class)
                .setParameter("t", id).getResultList().forEach(em::remove);
        em.remove(template);
    }

    /** GET /templates?q=: the user's templates (never snapshots), newest first, with how many campaigns use each. */
    @Transactional
    public Page<TemplateSummary> list(String q, PageRequest page) {
        String pattern = Search.contains(q);
        String where = " WHERE t.snapshotOf IS NULL" + (pattern == null ? "" : " AND LOWER(t.name) LIKE :q " + Search.ESCAPE);
        var count = em.createQuery("SELECT COUNT(t) FROM Template t" + where, Long.class);
        var select = em.createQuery("SELECT t.id, t.name, t.subject, t.createdAt, t.updatedAt FROM Template t" + where
                + " ORDER BY t.id DESC", Object[].class);
        if (pattern != null) {
            count.setParameter("q", pattern);
            select.setParameter("q", pattern);
        }
        List<Object[]> rows = select.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        Map<Long, Long> uses = new HashMap<>();
        if (!rows.isEmpty()) {
            em.createQuery("SELECT c.template.id, COUNT(c) FROM Campaign c WHERE c.template.id IN :ids"
                            + " GROUP BY c.template.id", Object[].class)
                    .setParameter("ids", rows.stream().map(r -> (Long) r[0]).toList())
                    .getResultList().forEach(r -> uses.put((Long) r[0], (Long) r[1]));
        }
        List<TemplateSummary> items = rows.stream().map(r -> new TemplateSummary((Long) r[0], (String) r[1],
                (String) r[2], (Instant) r[3], (Instant) r[4], uses.getOrDefault((Long) r[0], 0L))).toList();
        return page.of(items, count.getSingleResult());
    }

    /** A user's template, locked against a launch snapshotting it meanwhile; 404, or 409 for a snapshot. */
    private Template editable(long id, String what) {
        Template template = em.find(Template.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (template == null) {
            throw ApiException.notFound("template", id);
        }
        if (template.isSnapshot()) {
            throw ApiException.conflict("id", "template " + id + " is the snapshot of template " + template.getSnapshotOf()
                    + " a campaign was launched with; it cannot be " + what);
        }
        return template;
    }

    private static void addFiles(Template template, TemplateRequest request) {
        long fileBytes = addAssets(template, "attachments", request.attachments(), false, 0);
        addAssets(template, "inlineImages", request.inlineImages(), true, fileBytes);
    }

    /** A request's name, subject and bodies, checked and compiled: 400 naming the field at fault. */
    private record Parts(String name, String subject, String html, String text) {

        static Parts of(TemplateRequest request) {
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
            return new Parts(name, subject, html, text);
        }
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

    /**
     * Validates and adds one list of files to the template; {@code bytesBefore} is what the template's files
     * already hold. Returns the new total, which may not pass MAX_TEMPLATE_FILE_BYTES.
     */
    static long addAssets(Template template, String field, List<TemplateRequest.AssetRequest> assets,
                          boolean inline, long bytesBefore) {
        if (assets == null) {
            return bytesBefore;
        }
        long total = bytesBefore;
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
            byte[] data = decode(at + ".content", a.content());
            total += data.length;
            if (total > MAX_TEMPLATE_FILE_BYTES) {
                throw ApiException.badRequest(at + ".content", "with " + at + " the template's files total " + total
                        + " bytes; a template may have at most " + MAX_TEMPLATE_FILE_BYTES + " bytes (20 MiB) of files");
            }
            template.addAsset(new TemplateAsset(template, filename, contentType, contentId, data));
        }
        return total;
    }

    /** A file's base64 content, decoded; its size is checked before decoding, from the length of the text. */
    static byte[] decode(String field, String content) {
        // strict alphabet (the MIME decoder would silently drop stray characters); line breaks allowed
        String base64 = required(field, content, Integer.MAX_VALUE).replaceAll("\\s", "");
        long size = decodedSize(base64);
        if (size > MAX_FILE_BYTES) {
            throw ApiException.badRequest(field, field + " is " + size + " bytes after base64 decoding; a file may have at most "
                    + MAX_FILE_BYTES + " bytes (10 MiB)");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, "content is not base64: " + e.getMessage());
        }
        if (data.length == 0) {
            throw ApiException.badRequest(field, "content is empty");
        }
        return data;
    }

    /** Bytes that base64 text without white space decodes to: 3 per 4 characters, less the "=" padding. */
    private static long decodedSize(String base64) {
        int padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
        return (long) base64.length() * 3 / 4 - padding;
    }
}
