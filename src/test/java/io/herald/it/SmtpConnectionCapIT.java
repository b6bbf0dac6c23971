package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.CountingSmtpServer;
import io.herald.it.support.ServerProcess;
import jakarta.json.Json;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HERALD_SMTP_MAX_CONNECTIONS caps the SMTP connections a node has open at once, over all its send partitions, as
 * relays limit connections per sending IP: a campaign of 4 partitions sends through 2 connections, and every
 * recipient still gets the message once. The SMTP server (CountingSmtpServer, answering each message after 20 ms so
 * that the partitions overlap) counts the connections open at once. The test owns its server, like CrashRecoveryIT.
 */
class SmtpConnectionCapIT extends HeraldIT {

    private final CountingSmtpServer sink = CountingSmtpServer.start(0, Duration.ofMillis(20));
    private final ServerProcess node = new ServerProcess(System.getProperty("it.data.dir") + "-cap", 0, "node-cap")
            .env("HERALD_SMTP_PORT", Integer.toString(sink.port()))
            .env("HERALD_SMTP_MAX_CONNECTIONS", "2");

    @AfterEach
    void stop() {
        node.close();
        sink.close();
    }

    @Test
    void aNodeNeverHasMoreSmtpConnectionsOpenThanItsCap() {
        node.start();
        int n = 400;
        long campaign = campaign(personalisedTemplate(), listOf(n), Json.createObjectBuilder().add("partitions", 4).build());
        sink.reset();                                  // the readiness probe's connection is not the campaign's

        send(campaign);
        awaitStatus(campaign, "COMPLETED", Duration.ofMinutes(2));

        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(campaign));
        var received = sink.countsByRecipient();
        for (int i = 0; i < n; i++) {
            assertEquals(1, received.getOrDefault(address(i), 0), address(i));
        }
        // how many overlap depends on when the partitions' readers reserve their pages (one may take two pages and
        // another none); the cap is that they never exceed 2, whatever the timing (up to 4 without it)
        assertTrue(sink.sessions() >= 2, "the partitions sent over " + sink.sessions() + " connections");
        assertTrue(sink.maxConnections() <= 2, "at most 2 connections open at once, not " + sink.maxConnections());
    }
}
