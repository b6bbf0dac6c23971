package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.HeraldApi.Reply;
import io.herald.it.support.ItPorts;
import io.herald.it.support.Poll;
import io.herald.it.support.ServerProcess;
import io.herald.it.support.TestSmtpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two sending accounts on two GreenMail servers: the default (it.smtp.port) and "bulk", added to the server (its own,
 * on a copy of the test's configuration) by wildfly-config/add-sending-account.cli and signing in with a password read
 * from the variable the properties file names. GET /accounts lists both with their health and no secret; a campaign
 * goes through the account it names; an unknown name is a 400 naming the field; a campaign whose account goes down
 * sends the rest through its fallback, and back through its own account once it answers, the audit naming the account
 * and server of each message, nobody mailed twice.
 */
class SendingAccountsIT extends HeraldIT {

    private static final int BULK_PORT = Integer.getInteger("it.smtp.port", 3025) + 1;
    private static final String BULK_MAILBOX = "bulk@herald.example";
    private static final String BULK_PASSWORD = "bulk-s3cret-" + System.nanoTime();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestSmtpServer bulk;
    private static ServerProcess server;

    @BeforeAll
    static void start() throws IOException {
        bulk = new TestSmtpServer().startSmtpOnly(BULK_PORT);
        bulk.account(BULK_MAILBOX, BULK_PASSWORD);
        String dataDir = System.getProperty("it.data.dir") + "-accounts";
        server = new ServerProcess(dataDir, 0, "node-accounts")
                .ownConfiguration(Path.of(dataDir + "-configuration"))
                .env("HERALD_BULK_SMTP_PASSWORD", BULK_PASSWORD)
                .env("HERALD_SMTP_FALLBACK_RETRY_SECONDS", "2");
        server.start();                                         // after the assignment: stop() stops it if it fails
        Path properties = Files.createTempFile("bulk", ".properties");
        Files.writeString(properties, String.join("\n",
                "account.name=bulk",
                "account.host=127.0.0.1",
                "account.port=" + BULK_PORT,
                "account.tls=none",
                "account.user=" + BULK_MAILBOX,
                "account.password-variable=HERALD_BULK_SMTP_PASSWORD", ""));
        Path script = Path.of("wildfly-config/add-sending-account.cli");
        server.cliFile(script, properties);
        server.cliFile(script, properties);                     // idempotent: the second run changes nothing
        server.cli("reload");
        server.awaitReady();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        bulk.stop();
    }

    @Test
    void theAccountsAreListedWithTheirServersAndHealthAndNoSecret() {
        JsonObject listed = Poll.until(Duration.ofSeconds(30), "both accounts probed UP", () -> {
            Reply reply = api.expect(200, api.get("accounts"));
            var accounts = reply.array();
            boolean up = accounts.size() == 2 && accounts.stream().allMatch(a ->
                    "UP".equals(a.asJsonObject().getJsonObject("health").getString("status")));
            return up ? Json.createObjectBuilder().add("accounts", accounts).add("text", reply.body().toString()).build()
                    : null;
        });
        var accounts = listed.getJsonArray("accounts");
        JsonObject primary = accounts.getJsonObject(0);
        assertEquals("default", primary.getString("name"));
        assertTrue(primary.getBoolean("isDefault"));
        assertEquals(Integer.getInteger("it.smtp.port", 3025), primary.getInt("port"));
        JsonObject second = accounts.getJsonObject(1);
        assertEquals("bulk", second.getString("name"), second.toString());
        assertFalse(second.getBoolean("isDefault"));
        assertEquals("java:jboss/mail/herald-accounts/bulk", second.getString("jndiName"));
        assertEquals(bulkServer(), second.getString("host") + ":" + BULK_PORT);
        assertEquals(BULK_PORT, second.getInt("port"));
        assertEquals("none", second.getString("tls"));
        assertEquals("password", second.getString("signIn"));
        assertEquals(BULK_MAILBOX, second.getString("mailbox"));
        assertFalse(listed.getString("text").contains(BULK_PASSWORD), "no secret in GET /accounts");

        JsonObject check = smtpCheck();
        assertEquals("UP " + bulkServer(), check.getJsonObject("data").getString("account.bulk"), check.toString());
    }

    @Test
    void anAccountTheServerDoesNotHaveIsRefusedNamingTheField() {
        long template = personalisedTemplate();
        long list = listOf(1);
        refused("account", "\"nosuch\" is not a sending account of this server; GET /accounts lists them: default, bulk",
                Json.createObjectBuilder().add("account", "nosuch").build(), template, list);
        refused("fallbackAccount", "\"nosuch\" is not a sending account",
                Json.createObjectBuilder().add("account", "bulk").add("fallbackAccount", "nosuch").build(), template, list);
        refused("fallbackAccount", "another account than account (bulk)",
                Json.createObjectBuilder().add("account", "bulk").add("fallbackAccount", "bulk").build(), template, list);
    }

    @Test
    void eachCampaignGoesThroughTheAccountItNames() {
        int n = 30;
        long onBulk = campaign(personalisedTemplate(), listOf(n), Json.createObjectBuilder().add("account", "bulk").build());
        long onDefault = campaign(personalisedTemplate(), listOf(n));
        assertEquals("bulk", campaignView(onBulk).getJsonObject("settings").getString("account"));
        assertEquals("default", campaignView(onDefault).getJsonObject("settings").getString("account"));
        Map<String, Integer> bulkBefore = bulk.countsByRecipient();
        Map<String, Integer> defaultBefore = smtp.countsByRecipient();
        send(onBulk);
        awaitStatus(onBulk, "COMPLETED", Duration.ofMinutes(2));
        Map<String, Integer> bulkBetween = bulk.countsByRecipient();
        assertEquals(defaultBefore, smtp.countsByRecipient(), "the default account's server got nothing of campaign " + onBulk);
        send(onDefault);
        awaitStatus(onDefault, "COMPLETED", Duration.ofMinutes(2));
        assertEquals(bulkBetween, bulk.countsByRecipient(), "bulk's server got nothing of campaign " + onDefault);

        for (int i = 0; i < n; i++) {
            assertEquals(1, bulkBetween.getOrDefault(address(i), 0) - bulkBefore.getOrDefault(address(i), 0), address(i));
            assertEquals(1, smtp.countsByRecipient().getOrDefault(address(i), 0) - defaultBefore.getOrDefault(address(i), 0),
                    address(i));
        }
        assertEquals(Map.of("bulk " + bulkServer(), (long) n), auditByAccount(onBulk));
        assertEquals(Set.of("default"), auditByAccount(onDefault).keySet().stream().map(k -> k.split(" ")[0])
                .collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void aCampaignSendsThroughItsFallbackWhileItsAccountIsDownAndSwitchesBack() {
        int n = 300;
        long campaign = campaign(personalisedTemplate(), listOf(n), Json.createObjectBuilder()
                .add("account", "bulk").add("fallbackAccount", "default").add("maxPerSecond", 20).add("partitions", 2)
                .add("retryFirstDelaySeconds", 1).build());
        send(campaign);
        awaitSent(campaign, 60, Duration.ofMinutes(1));

        bulk.stop();                                             // bulk's server goes away mid-campaign
        try {
            Poll.until(Duration.ofMinutes(1), "40 messages through the fallback", () ->
                    receivedOf(smtp) >= 40 ? Boolean.TRUE : null);
            JsonObject check = Poll.until(Duration.ofSeconds(30), "the health check to see bulk down", () -> {
                JsonObject c = smtpCheck();
                return c.getJsonObject("data").getString("account.bulk").startsWith("DOWN " + bulkServer()) ? c : null;
            });
            assertEquals("DOWN", check.getString("status"), "one account down is the check down: " + check);
        } finally {
            bulk.restart();
            bulk.account(BULK_MAILBOX, BULK_PASSWORD);
        }
        awaitStatus(campaign, "COMPLETED", Duration.ofMinutes(2));

        // everyone SENT got one message over the two servers; the message in flight on each of the 2 connections when
        // bulk vanished may be UNKNOWN (cut off after it was transmitted) and got at most one
        var counts = db.deliveryCounts(campaign);
        long unknown = counts.getOrDefault("UNKNOWN", 0L);
        assertEquals(n, counts.getOrDefault("SENT", 0L) + unknown, counts.toString());
        assertTrue(unknown <= 2, counts.toString());
        Set<Object> unknownAddresses = new HashSet<>();
        db.rows("SELECT email FROM delivery WHERE campaign_id = ? AND status = 'UNKNOWN'", campaign)
                .forEach(r -> unknownAddresses.add(r.get("email")));
        Map<String, Integer> both = new HashMap<>(bulk.countsByRecipient());
        smtp.countsByRecipient().forEach((a, c) -> both.merge(a, c, Integer::sum));
        for (int i = 0; i < n; i++) {
            int got = both.getOrDefault(address(i), 0);
            if (unknownAddresses.contains(address(i))) {
                assertTrue(got <= 1, address(i) + " (UNKNOWN) received " + got);
            } else {
                assertEquals(1, got, address(i) + " messages received over both servers");
            }
        }

        // the audit names the account and server of each message: bulk, then the fallback, then bulk again
        Map<String, Long> byAccount = auditByAccount(campaign);
        String bulkServer = "bulk " + bulkServer();
        assertTrue(byAccount.keySet().stream().allMatch(k -> k.equals(bulkServer) || k.startsWith("default ")), byAccount.toString());
        long viaFallback = byAccount.entrySet().stream().filter(e -> e.getKey().startsWith("default "))
                .mapToLong(Map.Entry::getValue).sum();
        assertEquals(receivedOf(smtp), viaFallback, "every message the fallback's server received is audited as such");
        long bulkAfterwards = db.number("SELECT COUNT(*) FROM audit_entry WHERE campaign_id = ? AND account = 'bulk'"
                + " AND outcome = 'SENT' AND attempted_at > (SELECT MAX(attempted_at) FROM audit_entry"
                + " WHERE campaign_id = ? AND account = 'default')", campaign, campaign);
        assertTrue(bulkAfterwards > 0, "back on bulk once it answered: " + byAccount);
        assertTrue(server.consoleLog().contains("campaign " + campaign + ": account bulk (" + bulkServer()
                + ") answers again"), "the switch back is logged");
        assertFalse(server.consoleLog().contains(BULK_PASSWORD), "the account's password is not in the log");
    }

    /**
     * "host:port" of bulk's server as Herald names it: WildFly gives the mail session the socket binding's host name
     * (127.0.0.1 may become localhost).
     */
    private static String bulkServer() {
        try {
            return java.net.InetAddress.getByName("127.0.0.1").getHostName() + ":" + BULK_PORT;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Messages of this test's recipients the server received. */
    private long receivedOf(TestSmtpServer server) {
        return server.countsByRecipient().entrySet().stream().filter(e -> e.getKey().endsWith("@" + domain))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** The campaign's audit entries counted by "account server". */
    private Map<String, Long> auditByAccount(long campaign) {
        Map<String, Long> counts = new HashMap<>();
        db.rows("SELECT account, smtp_server, COUNT(*) AS n FROM audit_entry WHERE campaign_id = ? GROUP BY account,"
                + " smtp_server", campaign).forEach(r -> counts.put(r.get("account") + " " + r.get("smtp_server"),
                ((Number) r.get("n")).longValue()));
        return counts;
    }

    private void refused(String field, String problem, JsonObject extra, long template, long list) {
        long before = db.number("SELECT COUNT(*) FROM campaign");
        var body = Json.createObjectBuilder().add("name", "refused").add("templateId", template).add("listId", list)
                .add("fromAddress", "news@herald.example");
        extra.forEach(body::add);
        Reply reply = api.post("campaigns", body.build());
        assertEquals(400, reply.status(), reply.body().toString());
        assertEquals(field, reply.object().getString("field"), reply.body().toString());
        assertTrue(reply.object().getString("error").contains(problem), reply.body().toString());
        assertEquals(before, db.number("SELECT COUNT(*) FROM campaign"), "nothing saved");
    }

    /** The "smtp" check of GET :9990/health/ready. */
    private static JsonObject smtpCheck() {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(ItPorts.management("/health/ready")).timeout(Duration.ofSeconds(20))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            return Json.createReader(new java.io.StringReader(body)).readObject().getJsonArray("checks").stream()
                    .map(c -> c.asJsonObject()).filter(c -> c.getString("name").equals("smtp")).findFirst()
                    .orElseThrow(() -> new AssertionError("no smtp check in " + body));
        } catch (IOException e) {
            throw new IllegalStateException("GET /health/ready: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
