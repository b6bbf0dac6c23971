package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.ServerProcess;
import io.herald.signin.TokenEndpoint;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Signing in to the SMTP server with OAuth2 (SASL XOAUTH2) as Microsoft 365 requires: the server (its own, like
 * CrashRecoveryIT) gets its token from a local token endpoint by the client-credentials grant, and GreenMail checks
 * the token as the mailbox's password (the endpoint makes each token it issues the password). One token for a whole
 * campaign while it lives; tokens that expire during a campaign renewed with nothing lost or doubled; a revoked
 * token renewed once and the messages sent; the endpoint down pausing the campaign as an SMTP outage does, resumed
 * once it is back; a refused client failing the campaign with the endpoint's reason; no secret or token in the log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OAuth2SignInIT extends HeraldIT {

    private static final String MAILBOX = "news@herald.example";
    private static final String SECRET = "client-s3cret-" + System.nanoTime();
    private static final List<String> issued = new CopyOnWriteArrayList<>();
    private static TokenEndpoint endpoint;
    private static int endpointPort;
    private static ServerProcess server;

    @BeforeAll
    static void start() {
        endpoint = new TokenEndpoint(0, 3600, OAuth2SignInIT::issued);
        endpointPort = endpoint.url().getPort();
        server = new ServerProcess(System.getProperty("it.data.dir") + "-oauth2", 0, "node-oauth2")
                .env("HERALD_SMTP_USER", MAILBOX)
                .env("HERALD_SMTP_OAUTH2", "microsoft")
                .env("HERALD_SMTP_OAUTH2_TOKEN_URL", endpoint.url().toString())
                .env("HERALD_SMTP_OAUTH2_CLIENT_ID", "herald-client")
                .env("HERALD_SMTP_OAUTH2_CLIENT_SECRET", SECRET)
                .start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        endpoint.close();
    }

    private static void issued(String token) {
        issued.add(token);
        smtp.account(MAILBOX, token);
    }

    @Test
    @Order(1)
    void aCampaignSignsInWithOneTokenForItsWholeRun() {
        int n = 100;
        long campaign = campaign(personalisedTemplate(), listOf(n), Json.createObjectBuilder().add("partitions", 4).build());
        send(campaign);
        awaitStatus(campaign, "COMPLETED", Duration.ofMinutes(2));

        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(campaign));
        assertEachReceivedOnce(n);
        assertEquals(1, endpoint.requests().size(), "one token for the whole campaign, four connections: " + endpoint.requests());
        assertEquals(Map.of("grant_type", "client_credentials", "client_id", "herald-client", "client_secret", SECRET,
                "scope", "https://outlook.office365.com/.default"), endpoint.requests().get(0));
    }

    @Test
    @Order(2)
    void aRevokedTokenIsRenewedOnceAndTheMessagesSent() {
        smtp.account(MAILBOX, "revoked");                    // the server no longer takes the token Herald holds
        int before = endpoint.requests().size();
        int n = 40;
        long campaign = campaign(personalisedTemplate(), listOf(n), Json.createObjectBuilder().add("partitions", 4).build());
        send(campaign);
        awaitStatus(campaign, "COMPLETED", Duration.ofMinutes(2));

        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(campaign));
        assertEachReceivedOnce(n);
        assertEquals(before + 1, endpoint.requests().size(), "renewed once, whichever connection was refused first");
    }

    @Test
    @Order(3)
    void tokensThatExpireDuringACampaignAreRenewedWithNothingLostOrDoubled() {
        endpoint.lifetime(3);
        smtp.account(MAILBOX, "revoked");                    // so the campaign starts with a token of 3 s
        int before = endpoint.requests().size();
        int n = 120;
        long campaign = campaign(personalisedTemplate(), listOf(n),
                Json.createObjectBuilder().add("partitions", 2).add("maxPerSecond", 10).build());
        send(campaign);
        awaitStatus(campaign, "COMPLETED", Duration.ofMinutes(2));

        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(campaign));
        assertEachReceivedOnce(n);
        int renewals = endpoint.requests().size() - before;
        assertTrue(renewals >= 4, "a 12 s campaign with tokens living 3 s (renewed after 2.4 s): " + renewals + " tokens");
        endpoint.lifetime(3600);
    }

    @Test
    @Order(4)
    void theTokenEndpointDownPausesTheCampaignLikeAnOutageAndItResumesOnceItIsBack() {
        smtp.account(MAILBOX, "revoked");
        endpoint.close();
        int n = 10;
        long campaign = campaign(personalisedTemplate(), listOf(n), Json.createObjectBuilder().add("partitions", 1).build());
        send(campaign);
        JsonObject paused = awaitStatus(campaign, "PAUSED", Duration.ofMinutes(2));
        assertTrue(paused.getString("statusReason").contains("token endpoint " + "http://127.0.0.1:" + endpointPort
                + "/token cannot be reached"), paused.toString());
        assertEquals(Map.of("PENDING", (long) n), db.deliveryCounts(campaign), "nothing attempted");

        endpoint = new TokenEndpoint(endpointPort, 3600, OAuth2SignInIT::issued);
        api.expect(202, api.post("campaigns/" + campaign + "/resume"));
        awaitStatus(campaign, "COMPLETED", Duration.ofMinutes(2));
        assertEquals(Map.of("SENT", (long) n), db.deliveryCounts(campaign));
        assertEachReceivedOnce(n);
    }

    @Test
    @Order(5)
    void aRefusedClientFailsTheCampaignWithTheEndpointsReason() {
        smtp.account(MAILBOX, "revoked");
        endpoint.refuseClient(true);
        long campaign = campaign(personalisedTemplate(), listOf(5));
        send(campaign);
        JsonObject failed = awaitStatus(campaign, "FAILED", Duration.ofMinutes(2));
        String reason = failed.getString("statusReason");
        assertTrue(reason.contains("refused Herald's client (HTTP 401): invalid_client: AADSTS7000215"), failed.toString());
        assertFalse(reason.contains(SECRET), reason);
        assertEquals(0, db.deliveryCounts(campaign).getOrDefault("SENT", 0L));
        endpoint.refuseClient(false);
    }

    @Test
    @Order(6)
    void noSecretOrTokenIsInTheServersLog() {
        String log = server.consoleLog();
        assertTrue(log.contains("OAuth2 access token for " + MAILBOX), "the log says a token was fetched");
        assertFalse(log.contains(SECRET), "the client secret is not in the log");
        for (String token : issued) {
            assertFalse(log.contains(token), "token " + token + " is not in the log");
        }
    }

    private void assertEachReceivedOnce(int n) {
        var received = smtp.countsByRecipient();
        for (int i = 0; i < n; i++) {
            assertEquals(1, received.getOrDefault(address(i), 0), address(i));
        }
    }
}
