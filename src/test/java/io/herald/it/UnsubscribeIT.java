package io.herald.it;

import jakarta.json.JsonObject;
import io.herald.it.support.ItPorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deliverability headers of every campaign message and the one-click unsubscribe link they carry (RFC 8058,
 * RFC 2369): open without login, POST unsubscribes at once (also from a campaign that is running), GET never
 * does, and a forged or altered token is 404 and changes nothing. The page the link opens: who sends, which list,
 * the masked address, the choice of this list or everything, and an undo that restores exactly what it changed.
 */
class UnsubscribeIT extends HeraldIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Pattern RECEIPT = Pattern.compile("name=\"receipt\" value=\"([A-Za-z0-9._-]+)\"");
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none';"
            + " base-uri 'none'; form-action 'self'; object-src 'none'";
    private static final Pattern LINK = Pattern.compile("<(http://127\\.0\\.0\\.1:" + ItPorts.HTTP + "/herald/u/[A-Za-z0-9._~-]+)>");

    @Test
    void everyMessageCarriesTheBulkHeadersAndAOneClickLinkThatUnsubscribesOnlyOnPost() throws Exception {
        int n = 3;
        long list = listOf(n);
        long campaignId = campaign(personalisedTemplate(), list);
        send(campaignId);
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));

        MimeMessage m = received(address(0));
        String link = link(m);
        assertEquals("List-Unsubscribe=One-Click", m.getHeader("List-Unsubscribe-Post", null));
        assertEquals("bulk", m.getHeader("Precedence", null));
        assertTrue(m.getHeader("List-Id", null).contains("<list-" + list + ".127.0.0.1>"), m.getHeader("List-Id", null));
        assertTrue(m.getHeader("Feedback-ID", null).startsWith(campaignId + ":" + list + ":"), m.getHeader("Feedback-ID", null));
        assertFalse(link.equals(link(received(address(1)))), "each recipient has their own link");

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(link)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<form method=\"post\""), page.body());
        assertEquals("ACTIVE", status(list, address(0)), "a GET alone never unsubscribes");

        for (String forged : new String[] {link.substring(0, link.length() - 3), flipLast(link), link + "x"}) {
            assertEquals(404, post(forged).statusCode(), forged);
        }
        assertEquals("ACTIVE", status(list, address(0)), "a forged token changes nothing");

        HttpResponse<String> done = post(link);
        assertEquals(200, done.statusCode(), "one-click POST answers 200, never a redirect");
        assertEquals("UNSUBSCRIBED", status(list, address(0)));
        assertEquals("ACTIVE", status(list, address(1)), "only the link's recipient");
        assertEquals(200, post(link).statusCode(), "a second click is harmless");
        assertRecipientCountsExact(list);
    }

    @Test
    void anUnsubscribeTakesEffectInACampaignThatIsRunning() throws Exception {
        int n = 60;
        long list = listOf(n);
        long template = personalisedTemplate();
        long first = campaign(template, list);
        send(first);
        awaitStatus(first, "COMPLETED", Duration.ofMinutes(1));

        // one partition sending in delivery id order, slowly: the recipient of the campaign's last delivery is still
        // PENDING when they unsubscribe (prepare may number deliveries in any recipient order, so ask which it is)
        long second = campaign(template, list, Json.createObjectBuilder().add("partitions", 1).build());
        smtp.slowDown(Duration.ofMillis(100));
        String last;
        try {
            send(second);
            awaitSent(second, 1, Duration.ofMinutes(1));
            last = (String) db.rows("SELECT email FROM delivery WHERE campaign_id = ? ORDER BY id DESC", second)
                    .get(0).get("email");
            assertEquals(200, post(link(received(last))).statusCode());
            awaitStatus(second, "COMPLETED", Duration.ofMinutes(2));
        } finally {
            smtp.slowDown(Duration.ZERO);
        }
        var row = db.rows("SELECT d.status, d.reason FROM delivery d JOIN recipient r ON r.id = d.recipient_id "
                + "WHERE d.campaign_id = ? AND r.email = ?", second, last).get(0);
        assertEquals("SKIPPED", row.get("status"), row.toString());
        assertEquals("unsubscribed", row.get("reason"));
        assertEquals(1, smtp.countsByRecipient().get(last), "only the first campaign reached them");
        assertEquals((long) n - 1, db.deliveryCounts(second).get("SENT"));
    }

    @Test
    void aListWhoseScopeIsAllSuppressesTheAddressInEveryListOnUnsubscribe() throws Exception {
        var bad = api.post("lists", Json.createObjectBuilder().add("name", "x").add("unsubscribeScope", "galaxy").build());
        assertEquals(400, bad.status(), bad.body().toString());
        assertEquals("unsubscribeScope", bad.object().getString("field"));

        long list = api.expect(201, api.post("lists", Json.createObjectBuilder().add("name", "all " + domain)
                .add("unsubscribeScope", "all").build())).id();
        api.expect(200, api.post("lists/" + list + "/recipients", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("email", address(0)).add("name", "Person 0")).build()));
        assertEquals("ALL", api.get("lists/" + list).object().getString("unsubscribeScope"));
        long campaignId = campaign(personalisedTemplate(), list);
        send(campaignId);
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));

        assertEquals(200, post(link(received(address(0)))).statusCode());
        var entries = db.rows("SELECT list_id, reason FROM suppression WHERE email = ?", address(0));
        assertEquals(1, entries.size(), entries.toString());
        assertEquals(0L, ((Number) entries.get(0).get("list_id")).longValue(), "suppressed in every list");
        assertEquals("UNSUBSCRIBED", entries.get(0).get("reason"));
    }

    @Test
    void thePageNamesTheSenderTheListAndTheMaskedAddressUnderTheConsolesPolicyWithoutScript() throws Exception {
        long list = listOf(1);
        String link = sentLink(list, 0);

        HttpResponse<String> page = get(link);
        assertEquals(200, page.statusCode());
        assertEquals(CSP, page.headers().firstValue("Content-Security-Policy").orElse(null));
        assertTrue(page.body().contains("You receive the list <strong>list " + domain + "</strong> from <strong>Herald"
                + " News</strong> at <strong>r***@" + domain + "</strong>."), page.body());
        assertTrue(page.body().contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
        assertTrue(page.body().contains("value=\"list\" checked") && page.body().contains("value=\"all\""));
        assertFalse(page.body().contains("<script"), page.body());
        assertFalse(page.body().contains("style="), "no inline style: the policy forbids it");
        assertFalse(page.body().contains(address(0)), "the address is masked");

        HttpResponse<String> css = get("http://127.0.0.1:" + ItPorts.HTTP + "/herald/public/unsubscribe.css");
        assertEquals(200, css.statusCode(), "the stylesheet is public");
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"),
                css.headers().toString());
        assertEquals("ACTIVE", status(list, address(0)), "showing the page changes nothing");
    }

    @Test
    void choosingThisListUnsubscribesFromItAloneAndUndoRestoresIt() throws Exception {
        long list = listOf(1);
        long other = listWith("other " + domain, address(0));
        String link = sentLink(list, 0);

        HttpResponse<String> done = post(link, "action=unsubscribe&scope=list");
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("will no longer receive the list <strong>list " + domain + "</strong>"),
                done.body());
        assertEquals(CSP, done.headers().firstValue("Content-Security-Policy").orElse(null));
        assertEquals("UNSUBSCRIBED", status(list, address(0)));
        assertEquals("ACTIVE", status(other, address(0)), "another list of the same sender is not touched");
        assertEquals(Map.of(list, "UNSUBSCRIBED"), suppressions(address(0)));

        HttpResponse<String> undone = post(link, "action=undo&receipt=" + receipt(done));
        assertEquals(200, undone.statusCode(), undone.body());
        assertTrue(undone.body().contains("will receive the list <strong>list " + domain + "</strong> from <strong>"
                + "Herald News</strong> again."), undone.body());
        assertEquals("ACTIVE", status(list, address(0)));
        assertEquals(Map.of(), suppressions(address(0)), "the entry it made is gone");

        HttpResponse<String> oneClick = post(link);
        assertEquals(200, oneClick.statusCode(), "one-click answers as it always did");
        assertTrue(oneClick.body().contains("You are unsubscribed and will not receive these e-mails any more."));
        assertEquals("UNSUBSCRIBED", status(list, address(0)));
        HttpResponse<String> again = post(link, "action=unsubscribe&scope=list");
        assertEquals(200, again.statusCode());
        assertFalse(again.body().contains("value=\"undo\""), "it changed nothing, so there is nothing to undo");
    }

    @Test
    void choosingEverythingUnsubscribesEveryListAndUndoRestoresOnlyWhatItChanged() throws Exception {
        long list = listOf(1);
        long active = listWith("active " + domain, address(0));
        long bounced = listWith("bounced " + domain, address(0));
        long left = listWith("left " + domain, address(0));
        db.update("UPDATE recipient SET status = 'BOUNCED' WHERE list_id = ?", bounced);
        db.update("UPDATE recipient SET status = 'UNSUBSCRIBED' WHERE list_id = ?", left);
        String link = sentLink(list, 0);

        HttpResponse<String> done = post(link, "action=unsubscribe&scope=all");
        assertEquals(200, done.statusCode(), done.body());
        assertTrue(done.body().contains("will no longer receive any e-mail from <strong>Herald News</strong>."),
                done.body());
        assertEquals("UNSUBSCRIBED", status(list, address(0)));
        assertEquals("UNSUBSCRIBED", status(active, address(0)));
        assertEquals("BOUNCED", status(bounced, address(0)));
        assertEquals(Map.of(0L, "UNSUBSCRIBED"), suppressions(address(0)), "suppressed in every list");
        assertRecipientCountsExact(list);
        assertRecipientCountsExact(active);

        assertEquals(200, post(link, "action=undo&receipt=" + receipt(done)).statusCode());
        assertEquals("ACTIVE", status(list, address(0)));
        assertEquals("ACTIVE", status(active, address(0)));
        assertRecipientCountsExact(list);
        assertRecipientCountsExact(active);
        assertEquals("BOUNCED", status(bounced, address(0)), "a bounced recipient stays bounced");
        assertEquals("UNSUBSCRIBED", status(left, address(0)), "an earlier unsubscribe is not undone");
        assertEquals(Map.of(), suppressions(address(0)));
    }

    @Test
    void undoLeavesASuppressionItDidNotMakeAndRefusesAnAlteredReceipt() throws Exception {
        long list = listOf(1);
        String link = sentLink(list, 0);
        api.expect(201, api.post("suppressions", Json.createObjectBuilder().add("address", address(0))
                .add("listId", list).add("reason", "MANUAL").build()));

        HttpResponse<String> done = post(link, "action=unsubscribe&scope=list");
        String receipt = receipt(done);
        String altered = receipt.substring(0, receipt.length() - 1) + (receipt.endsWith("A") ? "B" : "A");
        assertEquals(400, post(link, "action=undo&receipt=" + altered).statusCode());
        assertEquals(400, post(link, "action=undo").statusCode());
        assertEquals(404, post(flipLast(link), "action=undo&receipt=" + receipt).statusCode(), "the token is needed");
        assertEquals("UNSUBSCRIBED", status(list, address(0)), "a refused undo changes nothing");

        assertEquals(200, post(link, "action=undo&receipt=" + receipt).statusCode());
        assertEquals("ACTIVE", status(list, address(0)));
        assertEquals(Map.of(list, "MANUAL"), suppressions(address(0)), "the operator's entry stays");
        assertEquals(400, post(link, "action=unsubscribe&scope=galaxy").statusCode());
        assertEquals(400, post(link, "action=explode").statusCode());
        assertEquals("ACTIVE", status(list, address(0)));
    }

    @Test
    void aHostileListNameIsShownAsText() throws Exception {
        String name = "<script>alert(1)</script> " + domain;
        long list = listWith(name, address(0));
        String link = sentLink(list, 0);

        HttpResponse<String> page = get(link);
        assertTrue(page.body().contains("&lt;script&gt;alert(1)&lt;/script&gt; " + domain), page.body());
        assertFalse(page.body().contains("<script"), page.body());
        HttpResponse<String> done = post(link, "action=unsubscribe&scope=list");
        assertFalse(done.body().contains("<script"), done.body());
    }

    /** Sends one campaign to the list and returns the unsubscribe link of address(i)'s message. */
    private String sentLink(long list, int i) throws MessagingException {
        long campaignId = campaign(personalisedTemplate(), list);
        send(campaignId);
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));
        return link(received(address(i)));
    }

    private long listWith(String name, String address) {
        long id = api.expect(201, api.post("lists", Json.createObjectBuilder().add("name", name).build())).id();
        api.expect(200, api.post("lists/" + id + "/recipients", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("email", address).add("name", "Person")).build()));
        return id;
    }

    /** The address's suppression entries: list id (0 = every list) to reason. */
    private Map<Long, String> suppressions(String email) {
        Map<Long, String> entries = new java.util.HashMap<>();
        db.rows("SELECT list_id, reason FROM suppression WHERE email = ?", email)
                .forEach(r -> entries.put(((Number) r.get("list_id")).longValue(), (String) r.get("reason")));
        return entries;
    }

    private static String receipt(HttpResponse<String> page) {
        Matcher m = RECEIPT.matcher(page.body());
        assertTrue(m.find(), page.body());
        return m.group(1);
    }

    private static String link(MimeMessage m) throws MessagingException {
        String header = m.getHeader("List-Unsubscribe", null);
        assertTrue(header != null, "List-Unsubscribe missing");
        Matcher link = LINK.matcher(header.replaceAll("\\s+", ""));
        assertTrue(link.find(), header);
        return link.group(1);
    }

    private String status(long list, String email) {
        return (String) db.rows("SELECT status FROM recipient WHERE list_id = ? AND email = ?", list, email).get(0).get("status");
    }

    private static String flipLast(String link) {
        char last = link.charAt(link.length() - 1);
        return link.substring(0, link.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    private static HttpResponse<String> post(String link) throws IOException, InterruptedException {
        return post(link, "List-Unsubscribe=One-Click");
    }

    private static HttpResponse<String> post(String link, String form) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(link))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnsubscribeAsAnnKeepsAnnInAnotherListFromBeingMailed() throws Exception {
        String ann = "Ann@" + domain;
        long everyList = api.expect(201, api.post("lists", Json.createObjectBuilder().add("name", "all " + domain)
                .add("unsubscribeScope", "all").build())).id();
        api.expect(200, api.post("lists/" + everyList + "/recipients", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("email", ann)).build()));
        long other = listWith("other " + domain, "ann@" + domain);
        long first = campaign(personalisedTemplate(), everyList);
        send(first);
        awaitStatus(first, "COMPLETED", Duration.ofMinutes(1));

        assertEquals(200, post(link(received(ann))).statusCode());
        long later = campaign(personalisedTemplate(), other);
        send(later);
        JsonObject done = awaitStatus(later, "COMPLETED", Duration.ofMinutes(1));

        assertEquals(1, done.getJsonObject("excluded").getInt("SUPPRESSED"), "suppressed in every list: " + done);
        assertEquals(1L, smtp.received().stream().filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(ann);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count(), "ann@ got the first campaign only");
    }
}
