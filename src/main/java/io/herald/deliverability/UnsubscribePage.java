package io.herald.deliverability;

/**
 * The HTML of the recipient's unsubscribe pages: the choice, the confirmation with its undo button, the undone page
 * and the refusals. Plain forms posting back to the link, no script, one stylesheet served by herald.war; every
 * value is escaped where it is written (Html.escape).
 */
final class UnsubscribePage {

    private final String stylesheet;

    /** contextPath: where herald.war is served ("/herald"); the stylesheet is public/unsubscribe.css under it. */
    UnsubscribePage(String contextPath) {
        this.stylesheet = contextPath + "/public/unsubscribe.css";
    }

    /** GET: who sends, which list, which address, and the choice of this list only or everything. */
    String choice(UnsubscribeView v) {
        String list = "<strong>" + Html.escape(v.listName()) + "</strong>";
        String sender = sender(v);
        String address = "<strong>" + Html.escape(v.maskedAddress()) + "</strong>";
        StringBuilder body = new StringBuilder(v.unsubscribed()
                ? "<p class=\"note\">" + address + " is already unsubscribed from the list " + list + " from " + sender
                        + ".</p>"
                : "<p>You receive the list " + list + " from " + sender + " at " + address + ".</p>");
        body.append("<form method=\"post\"><input type=\"hidden\" name=\"action\" value=\"unsubscribe\">");
        if (v.listOnlyOffered()) {
            body.append("<fieldset><legend>What should stop?</legend>")
                    .append("<label><input type=\"radio\" name=\"scope\" value=\"list\" checked>")
                    .append("<span>Only the list ").append(list).append("</span></label>")
                    .append("<label><input type=\"radio\" name=\"scope\" value=\"all\">")
                    .append("<span>Every e-mail from ").append(sender).append("</span></label></fieldset>");
        } else {
            body.append("<input type=\"hidden\" name=\"scope\" value=\"all\">")
                    .append("<p>Unsubscribing from this list stops every e-mail from ").append(sender).append(".</p>");
        }
        body.append("<button type=\"submit\">Unsubscribe</button></form>");
        return page(v, "Unsubscribe", body.toString());
    }

    /** After the choice: what was done, and the undo button carrying the receipt (none when receipt is null). */
    String unsubscribed(UnsubscribeView v, UnsubscribeScope scope, String receipt) {
        String address = "<strong>" + Html.escape(v.maskedAddress()) + "</strong>";
        String body = scope == UnsubscribeScope.LIST
                ? "<p>" + address + " will no longer receive the list <strong>" + Html.escape(v.listName())
                        + "</strong> from " + sender(v) + ".</p>"
                : "<p>" + address + " will no longer receive any e-mail from " + sender(v) + ".</p>";
        if (receipt != null) {
            body += "<form method=\"post\" class=\"undo\"><input type=\"hidden\" name=\"action\" value=\"undo\">"
                    + "<input type=\"hidden\" name=\"receipt\" value=\"" + Html.escape(receipt) + "\">"
                    + "<p>Unsubscribed by mistake?</p>"
                    + "<button type=\"submit\" class=\"secondary\">Undo: subscribe me again</button></form>";
        }
        return page(v, "You are unsubscribed", body);
    }

    /** After undo: what is restored. */
    String resubscribed(UnsubscribeView v, UnsubscribeScope scope) {
        String address = "<strong>" + Html.escape(v.maskedAddress()) + "</strong>";
        String body = scope == UnsubscribeScope.LIST
                ? "<p>" + address + " will receive the list <strong>" + Html.escape(v.listName()) + "</strong> from "
                        + sender(v) + " again.</p>"
                : "<p>" + address + " will receive e-mail from " + sender(v) + " again, as before.</p>";
        return page(v, "You are subscribed again", body);
    }

    /** An undo whose receipt is not genuine or no longer valid. */
    String undoExpired(UnsubscribeView v) {
        return page(v, "This page has expired", "<p>An unsubscribe can be undone on its page for "
                + UndoReceipt.VALIDITY.toMinutes() + " minutes. Nothing was changed.</p>");
    }

    /** The answer to RFC 8058's one-click POST, worded as it always was. */
    String oneClick() {
        return page(null, "Unsubscribed", "<p>You are unsubscribed and will not receive these e-mails any more.</p>");
    }

    /** A form this page did not write (an unknown action or scope). */
    String badRequest(String field) {
        return page(null, "Not understood", "<p>The form's " + Html.escape(field)
                + " was not understood. Nothing was changed; open the link in the e-mail again.</p>");
    }

    /** A token that is not genuine, or whose recipient is gone. */
    String notFound() {
        return page(null, "Not found", "<p>This unsubscribe link is not valid.</p>");
    }

    private static String sender(UnsubscribeView v) {
        return v.sender() == null ? "this sender" : "<strong>" + Html.escape(v.sender()) + "</strong>";
    }

    private String page(UnsubscribeView v, String title, String body) {
        String from = v == null || v.sender() == null ? ""
                : "<p class=\"from\">E-mails from " + Html.escape(v.sender()) + "</p>";
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.escape(title) + "</title>"
                + "<link rel=\"stylesheet\" href=\"" + Html.escape(stylesheet) + "\"></head>"
                + "<body><main>" + from + "<h1>" + Html.escape(title) + "</h1>" + body + "</main></body></html>";
    }
}
