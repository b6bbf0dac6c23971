package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.it.support.ServerProcess;
import jakarta.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two WildFly nodes on one database, both running Herald's scheduler: when a campaign falls due, both race to
 * launch it and exactly one wins (the claim is a conditional update on the campaign row). The test owns both
 * server processes, like CrashRecoveryIT.
 */
class TwoNodesIT extends HeraldIT {

    private final ServerProcess nodeA = new ServerProcess(System.getProperty("it.data.dir") + "-a", 0, "node-a");
    private final ServerProcess nodeB = new ServerProcess(System.getProperty("it.data.dir") + "-b", 100, "node-b");

    @AfterEach
    void stopNodes() {
        nodeA.close();
        nodeB.close();
    }

    @Test
    void twoSchedulersRacingForTheSameDueTimeLaunchTheCampaignOnce() {
        nodeA.start();
        nodeB.start();
        int n = 20;
        long campaignId = campaign(personalisedTemplate(), listOf(n));
        Instant sendAt = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        api.expect(200, api.put("campaigns/" + campaignId + "/schedule",
                Json.createObjectBuilder().add("sendAt", sendAt.toString()).build()));

        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));

        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(campaignId));
        assertEquals(n, db.number("SELECT COUNT(*) FROM audit_entry WHERE campaign_id = ?", campaignId),
                "one SMTP attempt per recipient: a single job execution sent the campaign");
        var received = smtp.countsByRecipient();
        for (int i = 0; i < n; i++) {
            assertEquals(1, received.getOrDefault(address(i), 0), address(i));
        }
    }
}
