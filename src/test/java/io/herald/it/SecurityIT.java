package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.it.support.HeraldApi;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API is closed to strangers: no credentials or a wrong password → 401; herald-operator reads and launches,
 * pauses and resumes campaigns but changes nothing else (403); herald-admin does everything.
 */
class SecurityIT extends HeraldIT {

    private final HeraldApi operator = HeraldApi.operator();

    @Test
    void withoutValidCredentialsEveryEndpointAnswers401AndNothingChanges() {
        long campaignId = campaign(personalisedTemplate(), listOf(1));
        Map<String, Long> before = db.tableCounts();
        for (HeraldApi stranger : new HeraldApi[] {HeraldApi.anonymous(),
                HeraldApi.as(System.getProperty("it.admin.user"), "wrong password")}) {
            assertEquals(401, stranger.get("campaigns/" + campaignId).status());
            assertEquals(401, stranger.get("templates/1").status());
            assertEquals(401, stranger.get("lists/1").status());
            assertEquals(401, stranger.post("templates", "{\"name\":\"x\",\"subject\":\"s\",\"text\":\"t\"}").status());
            assertEquals(401, stranger.post("lists", "{\"name\":\"x\"}").status());
            assertEquals(401, stranger.post("campaigns/" + campaignId + "/send").status());
            assertEquals(401, stranger.post("campaigns/" + campaignId + "/cancel").status());
        }
        assertEquals(before, db.tableCounts());
        assertEquals("DRAFT", campaignView(campaignId).getString("status"));
    }

    @Test
    void anOperatorReadsAndLaunchesButCannotCreateChangeOrCancel() {
        long templateId = personalisedTemplate();
        long listId = listOf(2);
        long campaignId = campaign(templateId, listId);
        Map<String, Long> before = db.tableCounts();

        assertEquals(403, operator.post("templates", "{\"name\":\"x\",\"subject\":\"s\",\"text\":\"t\"}").status());
        assertEquals(403, operator.post("lists", "{\"name\":\"x\"}").status());
        assertEquals(403, operator.post("lists/" + listId + "/recipients", "[{\"email\":\"x@" + domain + "\"}]").status());
        assertEquals(403, operator.post("campaigns", "{\"name\":\"c\",\"templateId\":" + templateId + ",\"listId\":"
                + listId + ",\"fromAddress\":\"a@herald.example\"}").status());
        assertEquals(403, operator.post("campaigns/" + campaignId + "/cancel").status());
        assertEquals(before, db.tableCounts(), "a refused request changes nothing");

        assertEquals(200, operator.get("templates/" + templateId).status());
        assertEquals(200, operator.get("lists/" + listId).status());
        assertEquals(200, operator.get("campaigns/" + campaignId + "/deliveries").status());
        assertEquals(202, operator.post("campaigns/" + campaignId + "/send").status());
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));
        assertEquals(Map.of("SENT", 2L), db.deliveryCounts(campaignId));
    }

    @Test
    void anAdminMayCancel() {
        long campaignId = campaign(personalisedTemplate(), listOf(1));
        assertEquals(200, api.post("campaigns/" + campaignId + "/cancel").status());
        assertEquals("CANCELLED", campaignView(campaignId).getString("status"));
        assertEquals(409, operator.post("campaigns/" + campaignId + "/resume").status());
    }
}
