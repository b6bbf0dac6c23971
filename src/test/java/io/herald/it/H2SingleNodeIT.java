package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.Poll;
import io.herald.it.support.ServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * H2 is the one-node default: a second node started on the same H2 database while the first heartbeats refuses to
 * join, with a message that names the other node and says the cluster needs PostgreSQL; the first node goes on
 * sending. A node started once the first has stopped is not refused. The test owns both servers, like
 * CrashRecoveryIT.
 */
class H2SingleNodeIT extends HeraldIT {

    private final String dataDir = System.getProperty("it.data.dir");
    private final ServerProcess first = new ServerProcess(dataDir + "-h2-first", 0, "node-first");
    private final ServerProcess second = new ServerProcess(dataDir + "-h2-second", 100, "node-second");

    @AfterEach
    void stop() {
        second.close();
        first.close();
    }

    @Test
    void aSecondNodeOnTheSameH2RefusesToJoinAndTheFirstGoesOn() {
        first.start();
        second.launch();

        String refusal = Poll.until(Duration.ofMinutes(3), "node-second to refuse to join", () ->
                second.consoleLogSinceLaunch().lines().filter(l -> l.contains("refuses to join")).findFirst().orElse(null));
        assertTrue(refusal.contains("node node-second refuses to join: node node-first uses this H2 database"), refusal);
        assertTrue(refusal.contains("Several Herald nodes need PostgreSQL"), refusal);
        assertEquals(List.of("node-first"), nodeNames(), "the refused node left no row in herald_node");

        int n = 50;
        long campaign = campaign(personalisedTemplate(), listOf(n));
        send(campaign);
        awaitStatus(campaign, "COMPLETED", Duration.ofMinutes(2));
        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(campaign), "the first node sends on");
    }

    @Test
    void aNodeStartedAfterTheFirstStoppedIsNotRefused() {
        first.start();
        first.close();

        second.start();
        assertTrue(nodeNames().contains("node-second"), "node-second registered");
        assertTrue(second.consoleLogSinceLaunch().contains("Node node-second (id "), "node-second joined");
        assertFalse(second.consoleLogSinceLaunch().contains("refuses to join"), "node-second was not refused");
    }

    private List<Object> nodeNames() {
        return db.rows("SELECT name FROM herald_node ORDER BY name").stream().map(r -> r.values().iterator().next()).toList();
    }
}
