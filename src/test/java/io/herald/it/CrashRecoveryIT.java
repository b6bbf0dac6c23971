package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.ServerProcess;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * kill -9 in the middle of a campaign, three times: when WildFly starts again Herald restarts the campaign from its
 * checkpoint, deliveries caught inside their SMTP transaction become UNKNOWN (the send journals tell the others), and
 * nobody is lost or mailed twice. The test owns
 * its server process (ServerProcess); Arquillian's container for this execution is a manual one left idle.
 */
class CrashRecoveryIT extends HeraldIT {

    private final ServerProcess server = new ServerProcess();

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void campaignKilledThreeTimesFinishesWithEveryRecipientMailedAtMostOnce() {
        int n = 5000;
        server.start();
        long campaignId = campaign(personalisedTemplate(), listOf(n));      // unknownPolicy: report (the default)
        send(campaignId);

        for (int sentBeforeKill : new int[] {1000, 2500, 4000}) {
            awaitSent(campaignId, sentBeforeKill, Duration.ofMinutes(2));
            server.sigkill();                                               // kill -9: no shutdown, no cleanup
            assertCountersMatchDeliveries(campaignId);                      // what committed, counted exactly
            server.start();                                                 // Herald restarts the campaign by itself
        }
        var done = awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(4));
        assertCountersMatchDeliveries(campaignId);

        Map<String, Long> counts = db.deliveryCounts(campaignId);
        assertEquals(0L, counts.getOrDefault("PENDING", 0L), "PENDING after recovery: " + counts);
        assertEquals(0L, counts.getOrDefault("SENDING", 0L), "SENDING after recovery: " + counts);
        assertEquals(0L, counts.getOrDefault("DEFERRED", 0L), "DEFERRED after recovery: " + counts);
        assertEquals(n, counts.getOrDefault("SENT", 0L) + counts.getOrDefault("UNKNOWN", 0L), counts.toString());
        assertEquals(3, done.getInt("recoveries"), "restarts after a crash: " + done);

        Set<String> unknown = new HashSet<>();
        for (var row : db.rows("SELECT email FROM delivery WHERE campaign_id = ? AND status = 'UNKNOWN'", campaignId)) {
            unknown.add((String) row.get("email"));
        }
        // the send journals: of the 20 messages each of the 4 partitions had claimed (the defaults) at each of the 3
        // kills, only the one inside its SMTP transaction can be UNKNOWN; the others went back or were recorded
        assertTrue(unknown.size() <= 3 * 4, "UNKNOWN deliveries: " + unknown);
        assertEquals(0, db.number("""
                SELECT COUNT(*) FROM delivery d WHERE d.campaign_id = ? AND d.status = 'SENT' AND NOT EXISTS (
                  SELECT 1 FROM audit_entry a WHERE a.delivery_id = d.id AND a.outcome = 'SENT')""", campaignId),
                "SENT deliveries without their audit entry (a journal's answer is recorded with it)");
        Map<String, Integer> received = smtp.countsByRecipient();
        for (int i = 0; i < n; i++) {
            String a = address(i);
            int got = received.getOrDefault(a, 0);
            assertTrue(got <= 1, a + " received " + got + " messages");           // no duplicates with "report"
            if (got == 0) {
                assertTrue(unknown.contains(a), a + " received nothing but is not UNKNOWN");
            }
        }
        var sentButMissing = db.rows("SELECT email FROM delivery WHERE campaign_id = ? AND status = 'SENT'", campaignId)
                .stream().map(r -> (String) r.get("email")).filter(a -> received.getOrDefault(a, 0) != 1).toList();
        assertEquals(java.util.List.of(), sentButMissing, "SENT deliveries that did not arrive exactly once");
    }

    @Test
    void anImportKilledMidwayIsRestartedAndAddsEveryRowOnce() throws Exception {
        int rows = 100_000;
        server.start();
        long listId = api.expect(201, api.post("lists", "{\"name\":\"crash import " + domain + "\"}")).id();
        java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("it.data.dir"), "herald", "import-files");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Path csv = dir.resolve(domain + ".csv");
        try (var out = java.nio.file.Files.newBufferedWriter(csv)) {
            out.write("email,name,code\n");
            for (int i = 0; i < rows; i++) {
                out.write(address(i) + ",Person " + i + ",C-" + i + "\n");
            }
        }
        long importId = api.expect(202, api.post("lists/" + listId + "/imports",
                jakarta.json.Json.createObjectBuilder().add("path", csv.toString()).build())).id();
        io.herald.it.support.Poll.until(Duration.ofMinutes(1), "import " + importId + " to be under way", () -> {
            var i = api.get("imports/" + importId).object();
            return i.getString("status").equals("RUNNING") && i.getInt("rowsRead") > 0 ? i : null;
        });

        server.sigkill();
        server.start();
        var interrupted = api.expect(200, api.get("imports/" + importId)).object();
        assertEquals("FAILED", interrupted.getString("status"), interrupted.toString());
        assertTrue(interrupted.getString("statusReason").startsWith("interrupted"), interrupted.toString());
        assertTrue(interrupted.getInt("rowsRead") < rows, "killed before the end: " + interrupted);

        api.expect(202, api.post("imports/" + importId + "/restart"));
        var done = io.herald.it.support.Poll.until(Duration.ofMinutes(3), "import " + importId + " to complete", () -> {
            var i = api.get("imports/" + importId).object();
            return i.getString("status").equals("COMPLETED") ? i : null;
        });
        assertEquals(rows, done.getInt("rowsRead"), done.toString());
        assertEquals(0, done.getInt("rejected"), done.toString());
        assertEquals(rows, db.number("SELECT COUNT(*) FROM recipient WHERE list_id = ?", listId), "each row added once");
        assertEquals(rows, db.number("SELECT COUNT(DISTINCT email_key) FROM recipient WHERE list_id = ?", listId));
    }
}
