package io.herald.deliverability;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The public unsubscribe link /herald/u/{token}, open without login or cookies. POST (the one-click form body
 * "List-Unsubscribe=One-Click" of RFC 8058, or the confirmation page's button) unsubscribes and answers 200, never
 * a redirect; GET only shows a confirmation page with a button, since mail scanners follow links. A forged,
 * truncated or altered token is 404 and changes nothing.
 */
@WebServlet("/u/*")
public class UnsubscribeServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(UnsubscribeServlet.class);

    @Inject
    Unsubscribes unsubscribes;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (recipient(request).isEmpty()) {
            notFound(response);
            return;
        }
        page(response, "Unsubscribe", "<p>Stop receiving these e-mails?</p>"
                + "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<button type=\"submit\">Unsubscribe</button></form>");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<CampaignRecipient> recipient = recipient(request);
        if (recipient.isEmpty()) {
            notFound(response);
            return;
        }
        int skipped = unsubscribes.unsubscribe(recipient.get());
        LOG.infof("recipient %d unsubscribed through campaign %d (%d unsent deliveries skipped)",
                recipient.get().recipientId(), recipient.get().campaignId(), skipped);
        page(response, "Unsubscribed", "<p>You are unsubscribed and will not receive these e-mails any more.</p>");
    }

    private Optional<CampaignRecipient> recipient(HttpServletRequest request) {
        String path = request.getPathInfo();
        if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            return Optional.empty();
        }
        return unsubscribes.verify(path.substring(1));
    }

    private static void notFound(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        page(response, "Not found", "<p>This unsubscribe link is not valid.</p>");
    }

    private static void page(HttpServletResponse response, String title, String body) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title
                + "</title></head><body><h1>" + title + "</h1>" + body + "</body></html>");
    }
}
