package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.herald.it.support.HeraldApi;
import io.herald.it.support.HeraldDb;
import io.herald.it.support.Poll;
import io.herald.it.support.TestSmtpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the integration tests: Arquillian runs the provisioned WildFly (target/server, herald.war deployed),
 * the test drives Herald through its REST API like an operator, GreenMail receives the mail, and assertions read
 * what the SMTP server received and what the database holds.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class HeraldIT {

    protected static TestSmtpServer smtp;
    protected final HeraldApi api = new HeraldApi();
    protected final HeraldDb db = new HeraldDb();
    /** Every test mails its own domain, so tests never see each other's recipients or data. */
    protected final String domain = "t" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";

    @BeforeAll
    static void startSmtp() {
        smtp = new TestSmtpServer().start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    protected String address(int i) {
        return "r" + i + "@" + domain;
    }

    /** A template that personalises subject and both bodies with the recipient's name and a "code" attribute. */
    protected long personalisedTemplate() {
        return api.expect(201, api.post("templates", Json.createObjectBuilder()
                .add("name", "personal " + domain)
                .add("subject", "Hello {{name}}")
                .add("html", "<p>Dear {{name}}, your code is <b>{{code}}</b>.</p>")
                .add("text", "Dear {{name}}, your code is {{code}}.")
                .build())).id();
    }

    /**
     * The list's counts by status (recipient_count, which GET /lists/{id} and the recipient pages' totals read) are
     * those of its recipients, for every status.
     */
    protected void assertRecipientCountsExact(long listId) {
        var both = db.recipientCountersAndCounts(listId);
        assertEquals(3, both.size(), "list " + listId + " has a row per status: " + both);
        both.forEach((status, pair) -> assertEquals(pair.get(1), pair.get(0),
                "list " + listId + ", " + status + ": recipient_count against a count of its recipients"));
    }

    /** A list with recipients r0..r(n-1)@domain, named "Person i" with code "C-i". */
    protected long listOf(int n) {
        long listId = api.expect(201, api.post("lists", Json.createObjectBuilder().add("name", "list " + domain).build())).id();
        for (int from = 0; from < n; from += 5000) {
            JsonArrayBuilder entries = Json.createArrayBuilder();
            for (int i = from; i < Math.min(n, from + 5000); i++) {
                entries.add(Json.createObjectBuilder().add("email", address(i)).add("name", "Person " + i)
                        .add("attributes", Json.createObjectBuilder().add("code", "C-" + i)));
            }
            var added = api.expect(200, api.post("lists/" + listId + "/recipients", entries.build())).object();
            if (added.getInt("added") != Math.min(n, from + 5000) - from) {
                throw new AssertionError("recipients not all added: " + added);
            }
        }
        return listId;
    }

    /** The first message GreenMail received for this address. */
    protected static MimeMessage received(String address) {
        return smtp.received().stream().filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().contains(address);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow(() -> new AssertionError("nothing received by " + address));
    }

    /** The body part of this MIME type (not an attachment), searched through the message's multiparts; null if none. */
    protected static String bodyPart(jakarta.mail.Part part, String mimeType) throws Exception {
        if (part.isMimeType("multipart/*")) {
            jakarta.mail.Multipart mp = (jakarta.mail.Multipart) part.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                String found = bodyPart(mp.getBodyPart(i), mimeType);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return part.isMimeType(mimeType) && !jakarta.mail.Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())
                ? part.getContent().toString() : null;
    }

    /**
     * A recipient row written past the API's validation, as an SQL load or an older importer would; such a tool moves
     * the list's recipient_count too (README, "Writing recipients with SQL").
     */
    protected void insertUnchecked(long listId, String email, String name) {
        db.update("INSERT INTO recipient (list_id, email, email_key, name, status, created_at) "
                + "VALUES (?, ?, ?, ?, 'ACTIVE', CURRENT_TIMESTAMP)", listId, email, email, name);
        db.update("UPDATE recipient_count SET n = n + 1 WHERE list_id = ? AND status = 'ACTIVE'", listId);
    }

    protected long campaign(long templateId, long listId) {
        return campaign(templateId, listId, Json.createObjectBuilder().build());
    }

    /** A campaign from news@herald.example; extra fields (e.g. retry settings) are merged in. */
    protected long campaign(long templateId, long listId, JsonObject extra) {
        var body = Json.createObjectBuilder()
                .add("name", "campaign " + domain)
                .add("templateId", templateId)
                .add("listId", listId)
                .add("fromAddress", "news@herald.example")
                .add("fromName", "Herald News")
                .add("replyTo", "help@herald.example");
        extra.forEach(body::add);
        return api.expect(201, api.post("campaigns", body.build())).id();
    }

    protected long send(long campaignId) {
        return api.expect(202, api.post("campaigns/" + campaignId + "/send")).object().getJsonNumber("executionId").longValue();
    }

    protected JsonObject campaignView(long campaignId) {
        return api.expect(200, api.get("campaigns/" + campaignId)).object();
    }

    /** Polls GET /campaigns/{id} until the campaign has the status; fails early if it ends in another final one. */
    protected JsonObject awaitStatus(long campaignId, String status, Duration timeout) {
        return Poll.until(timeout, "campaign " + campaignId + " to be " + status, () -> {
            JsonObject c = campaignView(campaignId);
            String now = c.getString("status");
            if (!now.equals(status) && (now.equals("COMPLETED") || now.equals("CANCELLED"))) {
                throw new AssertionError("campaign " + campaignId + " ended " + now + " instead of " + status + ": " + c);
            }
            return now.equals(status) ? c : null;
        });
    }

    /** Polls until the delivery table shows at least n SENT rows for the campaign. */
    protected void awaitSent(long campaignId, long n, Duration timeout) {
        Poll.until(timeout, n + " deliveries SENT in campaign " + campaignId,
                () -> db.deliveryCounts(campaignId).getOrDefault("SENT", 0L) >= n ? Boolean.TRUE : null);
    }

    /**
     * The campaign's delivery counters (what GET /campaigns/{id} shows) equal a recount of the delivery table, status
     * by status, both read in one statement; returns the counts.
     */
    protected java.util.Map<String, Long> assertCountersMatchDeliveries(long campaignId) {
        var counters = new java.util.TreeMap<String, Long>();
        var counted = new java.util.TreeMap<String, Long>();
        db.countersAndCounts(campaignId).forEach((status, pair) -> {
            counters.put(status, pair.get(0));
            counted.put(status, pair.get(1));
        });
        assertEquals(counted, counters,
                "delivery counters of campaign " + campaignId + " (expected: the delivery table's counts)");
        return counted;
    }

    /**
     * The delivery guarantee after an interruption, checked against what the SMTP server received: every SENT
     * recipient got exactly one message; the at most {@code maxUnknown} UNKNOWN ones (connection lost after their
     * message was transmitted) got at most one; nobody is left PENDING, SENDING or DEFERRED.
     */
    protected void assertDeliveredOnceExceptUnknown(long campaignId, int n, int maxUnknown) {
        var counts = db.deliveryCounts(campaignId);
        long unknown = counts.getOrDefault("UNKNOWN", 0L);
        assertEquals(n, counts.getOrDefault("SENT", 0L) + unknown, counts.toString());
        org.junit.jupiter.api.Assertions.assertTrue(unknown <= maxUnknown, "UNKNOWN deliveries: " + counts);
        var unknownAddresses = new java.util.HashSet<Object>();
        db.rows("SELECT email FROM delivery WHERE campaign_id = ? AND status = 'UNKNOWN'", campaignId)
                .forEach(r -> unknownAddresses.add(r.get("email")));
        var received = smtp.countsByRecipient();
        for (int i = 0; i < n; i++) {
            int got = received.getOrDefault(address(i), 0);
            if (unknownAddresses.contains(address(i))) {
                org.junit.jupiter.api.Assertions.assertTrue(got <= 1, address(i) + " (UNKNOWN) received " + got);
            } else {
                assertEquals(1, got, address(i) + " messages received");
            }
        }
    }

    /** Where {"path": ...} imports may read from by default: jboss.server.data.dir/herald/import-files. */
    protected static Path sourceDir() throws IOException {
        String dataDir = System.getProperty("it.data.dir");
        assertNotNull(dataDir, "it.data.dir (the server's jboss.server.data.dir) is set by the failsafe execution");
        return Files.createDirectories(Path.of(dataDir, "herald", "import-files"));
    }

    /** Imports this CSV text into the list as a file {name} of the server's import directory; awaits its COMPLETED. */
    protected long importFile(long listId, String name, String csv) throws IOException {
        Path file = Files.writeString(sourceDir().resolve(name), csv);
        long id = api.expect(202, api.post("lists/" + listId + "/imports",
                Json.createObjectBuilder().add("path", file.toString()).build())).id();
        Poll.until(Duration.ofMinutes(1), "import " + id + " to be COMPLETED", () ->
                "COMPLETED".equals(api.expect(200, api.get("imports/" + id)).object().getString("status")) ? true : null);
        return id;
    }
}
