package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.CountingSmtpServer;
import io.herald.it.support.HeraldApi;
import io.herald.it.support.Poll;
import io.herald.it.support.ServerProcess;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Herald on three WildFly nodes sharing one PostgreSQL (docs/cluster.md): one campaign sent by all of them, each
 * recipient once; pause on one node stops all, resume on another restarts all; a node SIGKILLed mid-campaign is taken
 * over (its in-flight rows UNKNOWN under report, sent once more under resend); the restarted node joins the next campaign; a campaign's rate limit holds for the cluster; a HIGH campaign
 * makes LOW ones yield on the other nodes; two schedulers racing for one due time launch one run; a link signed by
 * one node unsubscribes on another. The nodes send to
 * a counting SMTP server (CountingSmtpServer), which tells what was received. The test owns the three processes; they
 * are booted once for all the scenarios, with a heartbeat of 2 s and a lease of 10 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT extends HeraldIT {

    private static final Duration LEASE = Duration.ofSeconds(10);
    /** inFlight (20) × partitions (4): at most this many deliveries of a node are in an SMTP transaction at once. */
    private static final int IN_FLIGHT_PER_NODE = 80;

    private final CountingSmtpServer sink = CountingSmtpServer.start(freePort(), Duration.ZERO);
    private final List<ServerProcess> nodes = List.of(node("a", 0), node("b", 100), node("c", 200));
    private final List<HeraldApi> apis = List.of(HeraldApi.ofNode(0), HeraldApi.ofNode(100), HeraldApi.ofNode(200));
    private final List<String> names = List.of("cluster-a", "cluster-b", "cluster-c");
    private long template;

    private ServerProcess node(String name, int offset) {
        return new ServerProcess(System.getProperty("it.data.dir") + "-" + name, offset, "cluster-" + name)
                .env("HERALD_SMTP_PORT", Integer.toString(sink.port()))
                .env("HERALD_NODE_HEARTBEAT_SECONDS", "2")
                .env("HERALD_NODE_LEASE_SECONDS", Long.toString(LEASE.toSeconds()));
    }

    @BeforeAll
    void startCluster() {
        nodes.forEach(ServerProcess::launch);
        nodes.forEach(ServerProcess::awaitReady);
        template = personalisedTemplate();
    }

    @AfterAll
    void stopCluster() {
        nodes.forEach(ServerProcess::close);
        sink.close();
    }

    @Test
    @Order(1)
    void oneCampaignIsSentByAllThreeNodesEachRecipientOnce() {
        int n = 30_000;
        long campaign = campaign(template, list("all", n));
        send(campaign);

        awaitStatus(campaign, "COMPLETED", Duration.ofMinutes(4));

        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(campaign));
        assertReceivedOnce("all", n);
        Map<String, Long> byNode = attemptsByNode(campaign);
        for (String node : names) {
            assertTrue(byNode.getOrDefault(node, 0L) >= n * 15 / 100, node + " sent at least 15 %: " + byNode);
        }
        assertEquals(0, db.number("SELECT COUNT(*) FROM send_execution WHERE campaign_id = ?", campaign),
                "every node's execution has ended");

        // the signing secret is the cluster's (made by the first node, kept in the database): a link in a message
        // node A sent unsubscribes on node C
        String sentByA = (String) db.rows("SELECT rcpt_to FROM audit_entry WHERE campaign_id = ? AND node_name = 'cluster-a'"
                + " ORDER BY id FETCH FIRST 1 ROWS ONLY", campaign).get(0).get("rcpt_to");
        String header = sink.listUnsubscribe(sentByA);
        var token = java.util.regex.Pattern.compile("/herald/u/([A-Za-z0-9._~-]+)>").matcher(String.valueOf(header));
        assertTrue(token.find(), "List-Unsubscribe of " + sentByA + ": " + header);
        assertEquals(200, oneClick(nodes.get(2), token.group(1)));
        assertEquals("UNSUBSCRIBED", db.rows("SELECT status FROM recipient WHERE email = ?", sentByA).get(0).get("status"));
    }

    @Test
    @Order(2)
    void pauseOnOneNodeStopsAllAndResumeOnAnotherRestartsAllWithinTheRateLimit() {
        int n = 3_000;
        long campaign = campaign(template, list("pause", n), Json.createObjectBuilder().add("maxPerSecond", 100).build());
        send(campaign);
        awaitAllNodesSending(campaign, Instant.EPOCH);

        apis.get(1).expect(202, apis.get(1).post("campaigns/" + campaign + "/pause"));
        Instant paused = Instant.now();
        awaitStatus(campaign, "PAUSED", Duration.ofSeconds(5));
        assertTrue(Duration.between(paused, Instant.now()).compareTo(Duration.ofSeconds(5)) <= 0);
        assertEquals(0, db.number("SELECT COUNT(*) FROM send_execution WHERE campaign_id = ?", campaign),
                "no node sends the paused campaign");
        assertEquals(0, db.number("SELECT COUNT(*) FROM delivery WHERE campaign_id = ? AND status = 'SENDING'", campaign));
        long sentWhenPaused = sink.countsByRecipient().keySet().stream().filter(a -> a.startsWith("pause-")).count();

        Instant resumed = Instant.now();
        apis.get(2).expect(202, apis.get(2).post("campaigns/" + campaign + "/resume"));
        awaitAllNodesSending(campaign, resumed);
        awaitStatus(campaign, "COMPLETED", Duration.ofMinutes(2));

        assertTrue(sentWhenPaused < n, "paused before the end: " + sentWhenPaused);
        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(campaign));
        assertReceivedOnce("pause", n);
        // the rate over the ten seconds after the resume had settled: 100/s ± 10 % for the three nodes together
        Instant from = resumed.plusSeconds(5);
        long inWindow = db.number("SELECT COUNT(*) FROM audit_entry WHERE campaign_id = ? AND attempted_at >= ? AND attempted_at < ?",
                campaign, from.atOffset(ZoneOffset.UTC), from.plusSeconds(10).atOffset(ZoneOffset.UTC));
        assertTrue(inWindow >= 900 && inWindow <= 1100, "messages in 10 s at 100/s: " + inWindow);
    }

    @Test
    @Order(3)
    void aNodeKilledMidCampaignIsTakenOverAndNothingElseIsDoubledOrLost() {
        int n = 8_000;
        long campaign = campaign(template, list("kill", n), Json.createObjectBuilder().add("maxPerSecond", 600).build());
        send(campaign);
        Poll.until(Duration.ofMinutes(1), "node cluster-c to have sent 300 messages of campaign " + campaign,
                () -> attemptsByNode(campaign).getOrDefault("cluster-c", 0L) >= 300 ? Boolean.TRUE : null);

        nodes.get(2).sigkill();
        Instant killed = Instant.now();

        awaitStatus(campaign, "COMPLETED", Duration.ofMinutes(3));
        var counts = db.deliveryCounts(campaign);
        long unknown = counts.getOrDefault("UNKNOWN", 0L);
        assertEquals(n, counts.getOrDefault("SENT", 0L) + unknown, counts.toString());
        assertTrue(unknown <= IN_FLIGHT_PER_NODE, "at most the dead node's in-flight messages are UNKNOWN: " + counts);
        Set<Object> unknownAddresses = new HashSet<>();
        db.rows("SELECT email FROM delivery WHERE campaign_id = ? AND status = 'UNKNOWN'", campaign)
                .forEach(r -> unknownAddresses.add(r.get("email")));
        db.rows("SELECT reason FROM delivery WHERE campaign_id = ? AND status = 'UNKNOWN'", campaign)
                .forEach(r -> assertTrue(String.valueOf(r.get("reason")).contains("cluster-c"), r.toString()));
        var received = sink.countsByRecipient();
        for (int i = 0; i < n; i++) {
            String a = address("kill", i);
            int got = received.getOrDefault(a, 0);
            if (unknownAddresses.contains(a)) {
                assertTrue(got <= 1, a + " (UNKNOWN) received " + got);
            } else {
                assertEquals(1, got, a + " messages received");
            }
        }
        Instant takenOver = instant(db.rows("SELECT MIN(attempted_at) AS t FROM audit_entry WHERE campaign_id = ? AND attempted_at > ?"
                + " AND delivery_id IN (SELECT id FROM delivery WHERE reason IS NULL)", campaign, killed.atOffset(ZoneOffset.UTC)).get(0).get("t"));
        assertTrue(takenOver != null, "the others kept sending after the kill");
        assertEquals(0, db.number("SELECT COUNT(*) FROM job_execution WHERE batchstatus IN ('STARTING', 'STARTED', 'STOPPING')"
                + " AND jobexecutionid IN (SELECT execution_id FROM send_execution WHERE node_name = 'cluster-c')"),
                "the dead node's executions are not left STARTED");
    }

    @Test
    @Order(4)
    void theKilledNodeRestartedJoinsTheNextCampaign() {
        nodes.get(2).start();
        int n = 6_000;
        long campaign = campaign(template, list("again", n));
        apis.get(0).expect(202, apis.get(0).post("campaigns/" + campaign + "/send"));

        awaitStatus(campaign, "COMPLETED", Duration.ofMinutes(3));

        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(campaign));
        assertReceivedOnce("again", n);
        assertTrue(attemptsByNode(campaign).getOrDefault("cluster-c", 0L) > 0, "the restarted node sent: " + attemptsByNode(campaign));
    }

    @Test
    @Order(5)
    void aHighCampaignOnOneNodeMakesLowOnesYieldOnTheOthers() {
        long low = campaign(template, list("low", 6_000), Json.createObjectBuilder().add("priority", "LOW").build());
        apis.get(1).expect(202, apis.get(1).post("campaigns/" + low + "/send"));
        awaitAllNodesSending(low, Instant.EPOCH);

        long high = campaign(template, list("high", 3_000), Json.createObjectBuilder().add("priority", "HIGH").build());
        apis.get(0).expect(202, apis.get(0).post("campaigns/" + high + "/send"));
        awaitStatus(high, "COMPLETED", Duration.ofMinutes(2));

        var span = db.rows("SELECT MIN(attempted_at) AS first, MAX(attempted_at) AS last FROM audit_entry WHERE campaign_id = ?", high).get(0);
        Instant first = instant(span.get("first")).plusSeconds(2);   // the others learn of it within a tick
        Instant last = instant(span.get("last"));
        long lowMeanwhile = db.number("SELECT COUNT(*) FROM audit_entry WHERE campaign_id = ? AND attempted_at BETWEEN ? AND ?",
                low, first.atOffset(ZoneOffset.UTC), last.atOffset(ZoneOffset.UTC));
        long seconds = Math.max(1, Duration.between(first, last).toSeconds());
        // a yielding writer sends at most one message per 5 s: 3 nodes × 4 partitions
        long bound = 3 * 4 * (seconds / 5 + 2);
        assertTrue(lowMeanwhile <= bound, "LOW sent " + lowMeanwhile + " messages in the " + seconds
                + " s HIGH sent, at most " + bound + " allowed");
        Map<String, Long> highByNode = attemptsByNode(high);
        assertTrue(highByNode.size() == 3, "HIGH was sent by all three nodes: " + highByNode);
        awaitStatus(low, "COMPLETED", Duration.ofMinutes(2));
        assertReceivedOnce("low", 6_000);
    }

    @Test
    @Order(6)
    void threeSchedulersRacingForTheSameDueTimeLaunchTheCampaignOnce() {
        int n = 200;
        long campaign = campaign(template, list("race", n));
        Instant sendAt = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        api.expect(200, api.put("campaigns/" + campaign + "/schedule",
                Json.createObjectBuilder().add("sendAt", sendAt.toString()).build()));

        awaitStatus(campaign, "COMPLETED", Duration.ofMinutes(1));

        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(campaign));
        assertEquals(n, db.number("SELECT COUNT(*) FROM audit_entry WHERE campaign_id = ?", campaign),
                "one SMTP attempt per recipient");
        assertReceivedOnce("race", n);
    }

    @Test
    @Order(7)
    void aRecurringRunIsCreatedOnceAndSentByTheCluster() {
        int n = 300;
        long parent = campaign(template, list("nightly", n));
        api.expect(200, api.put("campaigns/" + parent + "/schedule",
                Json.createObjectBuilder().add("cron", "0 3 * * *").add("timeZone", "UTC").build()));
        Instant due = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        assertEquals(1, db.update("UPDATE campaign SET next_due_at = ? WHERE id = ?", due.atOffset(ZoneOffset.UTC), parent));

        long run = Poll.until(Duration.ofMinutes(1), "the run of campaign " + parent + " due at " + due,
                () -> db.rows("SELECT id FROM campaign WHERE parent_id = ?", parent).stream()
                        .map(r -> ((Number) r.get("id")).longValue()).findFirst().orElse(null));
        awaitStatus(run, "COMPLETED", Duration.ofMinutes(1));

        assertEquals(1, db.number("SELECT COUNT(*) FROM campaign WHERE parent_id = ?", parent), "one run for the due time");
        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(run));
        assertReceivedOnce("nightly", n);
    }

    @Test
    @Order(8)
    void underResendTheDeadNodesInFlightMessagesAreSentOnceMoreAndNothingElse() {
        int n = 5_000;
        long campaign = campaign(template, list("resend", n), Json.createObjectBuilder()
                .add("maxPerSecond", 600).add("unknownPolicy", "resend").build());
        apis.get(0).expect(202, apis.get(0).post("campaigns/" + campaign + "/send"));
        Poll.until(Duration.ofMinutes(1), "node cluster-b to have sent 300 messages of campaign " + campaign,
                () -> attemptsByNode(campaign).getOrDefault("cluster-b", 0L) >= 300 ? Boolean.TRUE : null);

        nodes.get(1).sigkill();

        awaitStatus(campaign, "COMPLETED", Duration.ofMinutes(3));
        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(campaign), "under resend nothing stays UNKNOWN");
        long resent = db.number("SELECT COUNT(*) FROM delivery WHERE campaign_id = ? AND attempts > 1", campaign);
        assertTrue(resent <= IN_FLIGHT_PER_NODE, "only the dead node's in-flight deliveries were sent again: " + resent);
        Set<Object> again = new HashSet<>();
        db.rows("SELECT email FROM delivery WHERE campaign_id = ? AND attempts > 1", campaign).forEach(r -> again.add(r.get("email")));
        var received = sink.countsByRecipient();
        for (int i = 0; i < n; i++) {
            String a = address("resend", i);
            int got = received.getOrDefault(a, 0);
            if (again.contains(a)) {
                assertTrue(got >= 1 && got <= 2, a + " (in flight on the dead node) received " + got);
            } else {
                assertEquals(1, got, a + " messages received");
            }
        }
    }

    private void awaitAllNodesSending(long campaign, Instant since) {
        Poll.until(Duration.ofMinutes(1), "all three nodes to send campaign " + campaign, () -> {
            Map<String, Long> byNode = new HashMap<>();
            db.rows("SELECT node_name, COUNT(*) AS n FROM audit_entry WHERE campaign_id = ? AND attempted_at >= ? GROUP BY node_name",
                    campaign, since.atOffset(ZoneOffset.UTC)).forEach(r -> byNode.put((String) r.get("node_name"), ((Number) r.get("n")).longValue()));
            return byNode.keySet().containsAll(names) ? Boolean.TRUE : null;
        });
    }

    private Map<String, Long> attemptsByNode(long campaign) {
        Map<String, Long> byNode = new HashMap<>();
        db.rows("SELECT node_name, COUNT(*) AS n FROM audit_entry WHERE campaign_id = ? GROUP BY node_name", campaign)
                .forEach(r -> byNode.put((String) r.get("node_name"), ((Number) r.get("n")).longValue()));
        return byNode;
    }

    private void assertReceivedOnce(String prefix, int n) {
        var received = sink.countsByRecipient();
        for (int i = 0; i < n; i++) {
            assertEquals(1, received.getOrDefault(address(prefix, i), 0), address(prefix, i) + " messages received");
        }
    }

    private String address(String prefix, int i) {
        return prefix + "-" + i + "@" + domain;
    }

    /** A list of n recipients prefix-i@domain, added through node A's API in batches. */
    private long list(String prefix, int n) {
        long listId = api.expect(201, api.post("lists", Json.createObjectBuilder().add("name", prefix + " " + domain).build())).id();
        for (int from = 0; from < n; from += 5000) {
            JsonArrayBuilder entries = Json.createArrayBuilder();
            for (int i = from; i < Math.min(n, from + 5000); i++) {
                entries.add(Json.createObjectBuilder().add("email", address(prefix, i)).add("name", "Person " + i)
                        .add("attributes", Json.createObjectBuilder().add("code", "C-" + i)));
            }
            JsonObject added = api.expect(200, api.post("lists/" + listId + "/recipients", entries.build())).object();
            assertEquals(Math.min(n, from + 5000) - from, added.getInt("added"), added.toString());
        }
        return listId;
    }

    private static int oneClick(ServerProcess node, String token) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(node.http("/herald/u/" + token))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return null;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
