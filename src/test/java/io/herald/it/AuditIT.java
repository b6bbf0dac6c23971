package io.herald.it;

import io.herald.it.support.ItPorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.HeraldApi;
import io.herald.it.support.Poll;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The audit log: GET /audit finds a recipient's attempts (the address matched as Herald matches addresses) in a time
 * range, a page at a time; GET /audit/export writes them as CSV that a spreadsheet cannot run as formulas; the
 * purge-audit job deletes exactly the entries older than the retention period before its "now", and a failed run
 * restarted deletes the rest.
 */
class AuditIT extends HeraldIT {

    /** Far in the past, so the purge with this "now" touches no entry other tests write. */
    private static final Instant NOW = Instant.parse("2001-06-01T00:00:00Z");

    @Test
    void aSentMessageIsFoundByItsAddressWhateverItsCase() {
        long campaignId = campaign(personalisedTemplate(), listOf(2));
        send(campaignId);
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));

        String asked = "r1@" + domain.toUpperCase();
        JsonObject page = api.expect(200, api.get("audit?address=" + asked)).object();
        assertEquals(1, page.getInt("total"), page.toString());
        JsonObject entry = page.getJsonArray("items").getJsonObject(0);
        assertEquals(address(1), entry.getString("rcptTo"));
        assertEquals(campaignId, entry.getJsonNumber("campaignId").longValue());
        assertEquals("SENT", entry.getString("outcome"));
        assertEquals(250, entry.getInt("replyCode"));
        assertTrue(entry.getInt("latencyMs") >= 0, entry.toString());
        assertEquals(db.rows("SELECT id FROM audit_entry WHERE rcpt_to = ?", address(1)).get(0).get("id").toString(),
                entry.getString("id"));
        assertEquals(1, api.expect(200, api.get("audit?address=R1@" + domain)).object().getInt("total"),
                "one person, one address: the local part is matched whatever its case (HERALD_ADDRESS_MATCH)");
        assertEquals(200, HeraldApi.operator().get("audit?address=" + asked).status(), "operators may read");
        assertEquals(401, HeraldApi.anonymous().get("audit").status());
    }

    @Test
    void aTimeRangeIsPagedOldestFirst() {
        String a = "pager@" + domain;
        Instant t = Instant.parse("2026-03-01T12:00:00Z");
        for (int h = 0; h < 5; h++) {
            entry("pager@" + domain.toUpperCase(), a, t.plus(Duration.ofHours(h)), "250 2.0.0 Ok " + h);
        }
        String range = "audit?address=" + a + "&from=2026-03-01T13:00:00Z&to=2026-03-01T16:00:00%2B00:00&size=2";
        JsonObject first = api.expect(200, api.get(range)).object();
        assertEquals(3, first.getInt("total"), "13:00, 14:00 and 15:00; to is exclusive");
        assertEquals(List.of("250 2.0.0 Ok 1", "250 2.0.0 Ok 2"), texts(first));
        JsonObject second = api.expect(200, api.get(range + "&page=1")).object();
        assertEquals(List.of("250 2.0.0 Ok 3"), texts(second));
        JsonObject day = api.expect(200, api.get("audit?address=" + a + "&from=2026-03-01&to=2026-03-01")).object();
        assertEquals(5, day.getInt("total"), "a date is a whole UTC day");
        assertEquals(0, api.expect(200, api.get("audit?address=" + a + "&to=2026-02-28")).object().getInt("total"));
    }

    @Test
    void badParametersAreRefusedNamingTheField() {
        refused("audit?from=yesterday", "from");
        refused("audit?to=2026-02-30", "to");
        refused("audit?from=2026-03-02&to=2026-03-01", "to");
        refused("audit?address=nobody", "address");
        refused("audit?size=0", "size");
        refused("audit?page=-1", "page");
        refused("audit/export?from=tomorrow", "from");
        refused("audit/purge?batchSize=lots", "batchSize", true);
        refused("audit/purge?now=soon", "now", true);
        assertEquals(403, HeraldApi.operator().post("audit/purge").status(), "only admins purge");
    }

    @Test
    void theCsvExportQuotesAndDefusesFormulas() throws Exception {
        String a = "csv@" + domain;
        Instant t = Instant.parse("2026-04-01T08:00:00Z");
        entry(a, a, t, "=HYPERLINK(\"http://evil.example\",\"click\")");
        entry(a, a, t.plusSeconds(1), "550 5.1.1 no, really \"no\"");
        entry(a, a, t.plusSeconds(2), "-1+2");

        HttpResponse<String> csv = get("audit/export?address=" + URLEncoder.encode(a, StandardCharsets.UTF_8));
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), csv.headers().toString());
        String[] lines = csv.body().split("\r\n");
        assertEquals(4, lines.length, csv.body());
        assertEquals("id,attemptedAt,campaignId,deliveryId,messageId,mailFrom,rcptTo,smtpServer,replyCode,enhancedCode,"
                + "replyText,outcome,latencyMs,nodeName,kind,account", lines[0]);
        assertTrue(lines[1].contains(",2026-04-01T08:00:00Z,0,0,,herald@herald.example," + a + ",smtp.example:25,550,"
                + "5.1.1,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",FAILED,12,it-node"), lines[1]);
        assertTrue(lines[2].contains(",\"550 5.1.1 no, really \"\"no\"\"\","), lines[2]);
        assertTrue(lines[3].contains(",'-1+2,"), lines[3]);
        assertEquals(400, get("audit/export?to=never").statusCode());
    }

    @Test
    void thePurgeDeletesExactlyTheEntriesPastRetentionAndARestartedRunDeletesTheRest() {
        Instant cutoff = NOW.minus(Duration.ofDays(180));
        String old = "old@" + domain;
        String young = "young@" + domain;
        for (int i = 0; i < 5; i++) {
            entry(old, old, NOW.minus(Duration.ofDays(200)).plusSeconds(i), "old " + i);
        }
        entry(young, young, NOW.minus(Duration.ofDays(10)), "young 0");
        entry(young, young, cutoff, "young 1: exactly at the cutoff, kept");
        long othersBefore = db.number("SELECT COUNT(*) FROM audit_entry WHERE attempted_at >= ?", cutoff.atOffset(ZoneOffset.UTC));
        long leftovers = db.number("SELECT COUNT(*) FROM audit_entry WHERE attempted_at < ? AND rcpt_to <> ?",
                cutoff.atOffset(ZoneOffset.UTC), old);

        JsonObject failing = api.expect(202, api.post("audit/purge?now=" + NOW + "&batchSize=2&failAfterBatches=1")).object();
        assertFalse(failing.getBoolean("restarted"));
        awaitRun(failing.getJsonNumber("executionId").longValue(), "FAILED");
        long deletedOfMine = Math.max(0, 2 - leftovers);
        assertEquals(5 - deletedOfMine, count(old), "one batch of 2 deleted, the oldest first, before the failure");
        assertEquals(2, count(young));

        JsonObject restart = api.expect(202, api.post("audit/purge")).object();
        assertTrue(restart.getBoolean("restarted"), restart.toString());
        JsonObject done = awaitRun(restart.getJsonNumber("executionId").longValue(), "COMPLETED");
        assertTrue(done.getString("exitStatus").endsWith(" audit entries attempted before " + cutoff), done.toString());
        assertEquals(0, count(old));
        assertEquals(2, count(young), "nothing newer than the cutoff of the failed run");
        assertEquals(othersBefore, db.number("SELECT COUNT(*) FROM audit_entry WHERE attempted_at >= ?",
                cutoff.atOffset(ZoneOffset.UTC)), "every entry within retention is still there");

        JsonObject again = api.expect(202, api.post("audit/purge?now=" + NOW)).object();
        assertFalse(again.getBoolean("restarted"), "the last run completed: a new one starts");
        JsonObject nothing = awaitRun(again.getJsonNumber("executionId").longValue(), "COMPLETED");
        assertEquals("deleted 0 audit entries attempted before " + cutoff, nothing.getString("exitStatus"));
        assertEquals(404, api.get("audit/purge/" + Long.MAX_VALUE).status());
    }

    /** An audit entry as the send step writes it (rcpt_key: the address with its domain lower-cased). */
    private void entry(String rcptTo, String rcptKey, Instant at, String replyText) {
        db.update("INSERT INTO audit_entry (id, delivery_id, campaign_id, message_id, mail_from, rcpt_to, rcpt_key,"
                        + " attempted_at, smtp_server, reply_code, enhanced_code, reply_text, outcome, node_name, latency_ms)"
                        + " VALUES (?, 0, 0, NULL, 'herald@herald.example', ?, ?, ?, 'smtp.example:25', 550, '5.1.1', ?,"
                        + " 'FAILED', 'it-node', 12)",
                UUID.randomUUID(), rcptTo, rcptKey, at.atOffset(ZoneOffset.UTC), replyText);
    }

    private long count(String rcptTo) {
        return db.number("SELECT COUNT(*) FROM audit_entry WHERE rcpt_to = ?", rcptTo);
    }

    private JsonObject awaitRun(long executionId, String status) {
        return Poll.until(Duration.ofSeconds(30), "purge-audit execution " + executionId + " " + status, () -> {
            JsonObject run = api.expect(200, api.get("audit/purge/" + executionId)).object();
            String now = run.getString("status");
            if (!now.equals(status) && (now.equals("COMPLETED") || now.equals("FAILED") || now.equals("STOPPED"))) {
                throw new AssertionError("purge-audit ended " + now + " instead of " + status + ": " + run);
            }
            return now.equals(status) ? run : null;
        });
    }

    private static List<String> texts(JsonObject page) {
        return page.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(i -> i.getString("replyText")).toList();
    }

    private void refused(String path, String field) {
        refused(path, field, false);
    }

    private void refused(String path, String field, boolean post) {
        HeraldApi.Reply r = post ? api.post(path) : api.get(path);
        assertEquals(400, r.status(), path + ": " + r.body());
        assertEquals(field, r.object().getString("field"), r.body().toString());
    }

    /** A GET as the admin user, the body as text (the CSV export is not JSON). */
    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        String credentials = System.getProperty("it.admin.user") + ":" + System.getProperty("it.admin.password");
        HttpRequest request = HttpRequest.newBuilder(ItPorts.http("/herald/api/" + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
