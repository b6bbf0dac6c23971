package io.herald.deliverability;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The public unsubscribe link /herald/u/{token}, open without login or cookies. GET shows who sends, the list and
 * the masked address, with the choice of this list only or everything from the sender; it changes nothing, since
 * mail scanners follow links. POST with action=unsubscribe does the chosen one and answers with what was done and an
 * undo button (action=undo, the receipt of what changed; none when it changed nothing). A POST without an action is
 * RFC 8058's one-click ("List-Unsubscribe=One-Click"): it unsubscribes as the list's unsubscribeScope says and
 * answers 200, never a redirect. A forged, truncated or altered token is 404 and changes nothing.
 */
@WebServlet("/u/*")
public class UnsubscribeServlet extends HttpServlet {

    /** The console's policy: no inline script or style, nothing from elsewhere, never framed. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    private static final Logger LOG = Logger.getLogger(UnsubscribeServlet.class);

    @Inject
    Unsubscribes unsubscribes;

    @Inject
    DeliverabilityService deliverability;

    @Inject
    Clock clock;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        UnsubscribePage pages = new UnsubscribePage(request.getContextPath());
        Optional<UnsubscribeView> view = recipient(request).flatMap(unsubscribes::view);
        if (view.isEmpty()) {
            write(response, HttpServletResponse.SC_NOT_FOUND, pages.notFound());
            return;
        }
        write(response, HttpServletResponse.SC_OK, pages.choice(view.get()));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        UnsubscribePage pages = new UnsubscribePage(request.getContextPath());
        Optional<CampaignRecipient> recipient = recipient(request);
        if (recipient.isEmpty()) {
            write(response, HttpServletResponse.SC_NOT_FOUND, pages.notFound());
            return;
        }
        CampaignRecipient cr = recipient.get();
        String action = request.getParameter("action");
        if (action == null) {
            int skipped = unsubscribes.unsubscribe(cr);
            LOG.infof("recipient %d unsubscribed through campaign %d (%d unsent deliveries skipped)",
                    cr.recipientId(), cr.campaignId(), skipped);
            write(response, HttpServletResponse.SC_OK, pages.oneClick());
            return;
        }
        switch (action) {
            case "unsubscribe" -> unsubscribe(request, response, pages, cr);
            case "undo" -> undo(request, response, pages, cr);
            default -> write(response, HttpServletResponse.SC_BAD_REQUEST, pages.badRequest("action"));
        }
    }

    private void unsubscribe(HttpServletRequest request, HttpServletResponse response, UnsubscribePage pages,
                             CampaignRecipient cr) throws IOException {
        Optional<UnsubscribeScope> scope = scope(request.getParameter("scope"));
        if (scope.isEmpty()) {
            write(response, HttpServletResponse.SC_BAD_REQUEST, pages.badRequest("scope"));
            return;
        }
        Instant now = clock.instant();
        Unsubscribed done = unsubscribes.unsubscribe(cr, scope.get());
        LOG.infof("recipient %d unsubscribed from %s through campaign %d's page (%d recipients, %d unsent deliveries"
                + " skipped)", cr.recipientId(), done.scope() == UnsubscribeScope.ALL ? "everything" : "the list",
                cr.campaignId(), done.recipientIds().size(), done.skipped());
        String receipt = done.changedAnything()
                ? deliverability.get().undoReceipts().create(cr, done, now).orElse(null) : null;
        Optional<UnsubscribeView> view = unsubscribes.view(cr);
        write(response, HttpServletResponse.SC_OK, view.isEmpty() ? pages.oneClick()
                : pages.unsubscribed(view.get(), done.scope(), receipt));
    }

    private void undo(HttpServletRequest request, HttpServletResponse response, UnsubscribePage pages,
                      CampaignRecipient cr) throws IOException {
        Optional<Unsubscribed> change = deliverability.get().undoReceipts()
                .verify(request.getParameter("receipt"), cr, clock.instant());
        Optional<UnsubscribeView> before = unsubscribes.view(cr);
        if (before.isEmpty()) {
            write(response, HttpServletResponse.SC_NOT_FOUND, pages.notFound());
        } else if (change.isEmpty()) {
            write(response, HttpServletResponse.SC_BAD_REQUEST, pages.undoExpired(before.get()));
        } else {
            int restored = unsubscribes.undo(change.get());
            LOG.infof("recipient %d undid their unsubscribe through campaign %d's page (%d recipients ACTIVE again)",
                    cr.recipientId(), cr.campaignId(), restored);
            write(response, HttpServletResponse.SC_OK, pages.resubscribed(before.get(), change.get().scope()));
        }
    }

    /** "list" or "all", as the page's radio buttons send them. */
    private static Optional<UnsubscribeScope> scope(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "list" -> Optional.of(UnsubscribeScope.LIST);
            case "all" -> Optional.of(UnsubscribeScope.ALL);
            default -> Optional.empty();
        };
    }

    private Optional<CampaignRecipient> recipient(HttpServletRequest request) {
        String path = request.getPathInfo();
        if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            return Optional.empty();
        }
        return unsubscribes.verify(path.substring(1));
    }

    private static void write(HttpServletResponse response, int status, String html) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.getWriter().write(html);
    }
}
