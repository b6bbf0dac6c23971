package io.herald.it;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deliverability headers of every campaign message and the one-click unsubscribe link they carry (RFC 8058,
 * RFC 2369): open without login, POST unsubscribes at once (also from a campaign that is running), GET never
 * does, and a forged or altered token is 404 and changes nothing.
 */
class UnsubscribeIT extends HeraldIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
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
    }

    @Test
    void anUnsubscribeTakesEffectInACampaignThatIsRunning() throws Exception {
        int n = 60;
        long list = listOf(n);
        long template = personalisedTemplate();
        long first = campaign(template, list);
        send(first);
        awaitStatus(first, "COMPLETED", Duration.ofMinutes(1));
        String lastLink = link(received(address(n - 1)));

        // one partition sending in id order, slowly: the last recipient is still PENDING when they unsubscribe
        long second = campaign(template, list, Json.createObjectBuilder().add("partitions", 1).build());
        smtp.slowDown(Duration.ofMillis(100));
        try {
            send(second);
            awaitSent(second, 1, Duration.ofMinutes(1));
            assertEquals(200, post(lastLink).statusCode());
            awaitStatus(second, "COMPLETED", Duration.ofMinutes(2));
        } finally {
            smtp.slowDown(Duration.ZERO);
        }
        var row = db.rows("SELECT d.status, d.reason FROM delivery d JOIN recipient r ON r.id = d.recipient_id "
                + "WHERE d.campaign_id = ? AND r.email = ?", second, address(n - 1)).get(0);
        assertEquals("SKIPPED", row.get("status"), row.toString());
        assertEquals("unsubscribed", row.get("reason"));
        assertEquals(1, smtp.countsByRecipient().get(address(n - 1)), "only the first campaign reached them");
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
        return HTTP.send(HttpRequest.newBuilder(URI.create(link))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
