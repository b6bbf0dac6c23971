package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.ServerProcess;
import jakarta.json.JsonObject;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Unsubscribe links without HERALD_UNSUBSCRIBE_SECRET: Herald's own secret, kept in its database, survives a restart,
 * and after a rotation the older one verifies for HERALD_UNSUBSCRIBE_LINK_DAYS and no longer. That every node of a
 * cluster shares it is ClusterIT's (a link in a message one node sent unsubscribes on another). The test owns its
 * server process, like CrashRecoveryIT.
 */
class SigningSecretsIT extends HeraldIT {

    private static final Pattern TOKEN = Pattern.compile("/herald/u/([A-Za-z0-9._~-]+)>");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ServerProcess nodeA = new ServerProcess(System.getProperty("it.data.dir") + "-secrets-a", 0, "node-a")
            .env("HERALD_UNSUBSCRIBE_SECRET", null);

    @AfterEach
    void stopNodes() {
        nodeA.close();
    }

    @Test
    void aLinkSentBeforeARestartStillUnsubscribesAfterIt() throws Exception {
        nodeA.start();
        long list = listOf(1);
        String token = tokenOfSentMessage(list, address(0));

        nodeA.close();
        nodeA.start();

        assertEquals(200, oneClick(nodeA, token));
        assertEquals("UNSUBSCRIBED", status(list, address(0)));
        assertFalse(nodeA.consoleLog().contains("random secret"), "no warning about a secret made per start");
    }

    @Test
    void aLinkSignedBeforeARotationWorksWithinTheWindowAndNotAfter() throws Exception {
        nodeA.start();
        long list = listOf(3);
        long first = sentCampaign(list);
        String before0 = token(first, address(0));
        String before1 = token(first, address(1));

        JsonObject rotated = api.expect(201, api.post("admin/secrets/rotate")).object();
        int generation = rotated.getInt("generation");
        assertTrue(rotated.getBoolean("signs"), rotated.toString());
        String after2 = token(sentCampaign(list), address(2));

        assertEquals(200, oneClick(nodeA, before0), "a link signed before the rotation, within the window");
        assertEquals("UNSUBSCRIBED", status(list, address(0)));

        // the rotation happened 91 days ago: HERALD_UNSUBSCRIBE_LINK_DAYS (90) have passed since
        assertEquals(1, db.update("UPDATE signing_secret SET created_at = created_at - INTERVAL '91' DAY"
                + " WHERE generation = ?", generation));
        JsonObject secrets = api.expect(200, api.get("admin/secrets")).object();     // read again on this node
        assertEquals(90, secrets.getInt("linkDays"));

        assertEquals(404, oneClick(nodeA, before1), "signed before the rotation, 91 days ago");
        assertEquals("ACTIVE", status(list, address(1)));
        assertEquals(200, oneClick(nodeA, after2), "signed by the newest secret");
        assertEquals("UNSUBSCRIBED", status(list, address(2)));
    }

    /** Sends a campaign to the list and returns the unsubscribe token of the message to the address. */
    private String tokenOfSentMessage(long list, String address) throws MessagingException {
        return token(sentCampaign(list), address);
    }

    private long sentCampaign(long list) {
        long campaignId = campaign(personalisedTemplate(), list);
        send(campaignId);
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));
        return campaignId;
    }

    /** The token of the List-Unsubscribe link in the campaign's message to the address. */
    private static String token(long campaignId, String address) throws MessagingException {
        for (var m : smtp.received()) {
            String feedback = m.getHeader("Feedback-ID", null);
            if (m.getAllRecipients()[0].toString().contains("<" + address + ">") && feedback != null
                    && feedback.startsWith(campaignId + ":")) {
                Matcher t = TOKEN.matcher(m.getHeader("List-Unsubscribe", null).replaceAll("\\s+", ""));
                assertTrue(t.find(), m.getHeader("List-Unsubscribe", null));
                return t.group(1);
            }
        }
        throw new AssertionError("no message of campaign " + campaignId + " to " + address);
    }

    /** POST List-Unsubscribe=One-Click to the node's /herald/u/{token}; the status code. */
    private static int oneClick(ServerProcess node, String token) throws IOException, InterruptedException {
        URI link = node.http("/herald/u/" + token);
        return HTTP.send(HttpRequest.newBuilder(link).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String status(long list, String email) {
        return (String) db.rows("SELECT status FROM recipient WHERE list_id = ? AND email = ?", list, email).get(0)
                .get("status");
    }
}
