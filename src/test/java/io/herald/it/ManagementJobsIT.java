package io.herald.it;

import io.herald.it.support.ItPorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.junit.jupiter.api.Test;

/**
 * Operators drive send-campaign through WildFly's management API (the console's Runtime → Batch, jboss-cli): the
 * same operations as
 * {@code /deployment=herald.war/subsystem=batch-jberet:start-job(job-xml-name=send-campaign, properties={campaignId=7})},
 * stop-job and restart-job. Herald's bookkeeping follows: RUNNING, PAUSED, RUNNING, COMPLETED, counts and all.
 */
class ManagementJobsIT extends HeraldIT {

    private static final ModelNode BATCH = Operations.createAddress("deployment", "herald.war", "subsystem", "batch-jberet");

    @Test
    void startStopAndRestartFromTheManagementApiKeepTheCampaignInStep() throws IOException {
        int n = 400;
        long campaignId = campaign(personalisedTemplate(), listOf(n));
        smtp.slowDown(Duration.ofMillis(15));
        try (ModelControllerClient wildfly = ModelControllerClient.Factory.create("remote+http", "127.0.0.1", ItPorts.MANAGEMENT)) {
            ModelNode start = Operations.createOperation("start-job", BATCH);
            start.get("job-xml-name").set("send-campaign");
            start.get("properties").get("campaignId").set(Long.toString(campaignId));
            long execution = execute(wildfly, start).asLong();

            awaitSent(campaignId, 50, Duration.ofMinutes(1));
            var running = campaignView(campaignId);
            assertEquals("RUNNING", running.getString("status"));
            assertEquals(execution, running.getJsonNumber("executionId").longValue());
            long snapshot = running.getJsonNumber("sentTemplateId").longValue();    // frozen by a console start too

            ModelNode stop = Operations.createOperation("stop-job", BATCH);
            stop.get("execution-id").set(execution);
            execute(wildfly, stop);
            var paused = awaitStatus(campaignId, "PAUSED", Duration.ofMinutes(1));
            long sent = paused.getJsonObject("counts").getJsonNumber("SENT").longValue();
            assertTrue(sent < n, "stopped before the end: " + paused);
            assertEquals(n - sent, paused.getJsonObject("counts").getJsonNumber("PENDING").longValue(), paused.toString());

            smtp.slowDown(Duration.ZERO);
            ModelNode restart = Operations.createOperation("restart-job", BATCH);
            restart.get("execution-id").set(execution);
            long restarted = execute(wildfly, restart).asLong();
            var done = awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(2));
            assertEquals(restarted, done.getJsonNumber("executionId").longValue());
            assertEquals(snapshot, done.getJsonNumber("sentTemplateId").longValue(), "a restart keeps the snapshot");
        } finally {
            smtp.slowDown(Duration.ZERO);
        }
        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(campaignId));
        var received = smtp.countsByRecipient();
        for (int i = 0; i < n; i++) {
            assertEquals(1, received.getOrDefault(address(i), 0), address(i));
        }
    }

    @Test
    void aCompletedCampaignCannotBeSentAgainFromTheManagementApi() throws IOException {
        long campaignId = campaign(personalisedTemplate(), listOf(2));
        send(campaignId);
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));
        try (ModelControllerClient wildfly = ModelControllerClient.Factory.create("remote+http", "127.0.0.1", ItPorts.MANAGEMENT)) {
            ModelNode start = Operations.createOperation("start-job", BATCH);
            start.get("job-xml-name").set("send-campaign");
            start.get("properties").get("campaignId").set(Long.toString(campaignId));
            long execution = execute(wildfly, start).asLong();
            ModelNode status = Operations.createReadAttributeOperation(
                    Operations.createAddress("deployment", "herald.war", "subsystem", "batch-jberet",
                            "job", "send-campaign", "execution", Long.toString(execution)), "batch-status");
            io.herald.it.support.Poll.until(Duration.ofMinutes(1), "execution " + execution + " to fail",
                    () -> "FAILED".equals(execute(wildfly, status).asString()) ? Boolean.TRUE : null);
        }
        assertEquals("COMPLETED", campaignView(campaignId).getString("status"));
        assertEquals(Map.of("SENT", 2L), db.deliveryCounts(campaignId));
        assertEquals(2, smtp.countsByRecipient().entrySet().stream().filter(e -> e.getKey().endsWith(domain)).count());
    }

    private static ModelNode execute(ModelControllerClient client, ModelNode op) {
        try {
            ModelNode result = client.execute(op);
            if (!Operations.isSuccessfulOutcome(result)) {
                throw new AssertionError("management operation failed: " + Operations.getFailureDescription(result));
            }
            return Operations.readResult(result);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
