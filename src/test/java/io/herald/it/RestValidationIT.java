package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.HeraldApi.Reply;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Bad input is answered 400 or 404 with a JSON body naming the field and the problem, and nothing is saved. */
class RestValidationIT extends HeraldIT {

    private static final String LONG_NAME = "x".repeat(201);

    @Test
    void badTemplatesAreRefusedAndNothingIsSaved() {
        refused(400, "name", "required", () -> api.post("templates", "{\"subject\":\"s\",\"text\":\"t\"}"));
        refused(400, "name", "longer than 200", () -> api.post("templates", "{\"name\":\"" + LONG_NAME + "\",\"subject\":\"s\",\"text\":\"t\"}"));
        refused(400, "subject", "required", () -> api.post("templates", "{\"name\":\"n\",\"text\":\"t\"}"));
        refused(400, "html", "required", () -> api.post("templates", "{\"name\":\"n\",\"subject\":\"s\"}"));
        refused(400, "subject", "CR or LF", () -> api.post("templates", "{\"name\":\"n\",\"subject\":\"Hi\\r\\nBcc: x@evil.example\",\"text\":\"t\"}"));
        refused(400, "html", "html", () -> api.post("templates", "{\"name\":\"n\",\"subject\":\"s\",\"html\":\"<p>{{#open}}never closed</p>\"}"));
        refused(400, "text", "text", () -> api.post("templates", "{\"name\":\"n\",\"subject\":\"s\",\"text\":\"Hello {{name\"}"));
        refused(400, "subject", "subject", () -> api.post("templates", "{\"name\":\"n\",\"subject\":\"{{/close}}\",\"text\":\"t\"}"));
        refused(400, "html", "partials", () -> api.post("templates", "{\"name\":\"n\",\"subject\":\"s\",\"html\":\"{{> /etc/passwd}}\"}"));
        refused(400, "attachments[0].content", "base64", () -> api.post("templates",
                "{\"name\":\"n\",\"subject\":\"s\",\"text\":\"t\",\"attachments\":[{\"filename\":\"a.pdf\",\"contentType\":\"application/pdf\",\"content\":\"***\"}]}"));
        refused(400, "inlineImages[0].contentId", "required", () -> api.post("templates",
                "{\"name\":\"n\",\"subject\":\"s\",\"html\":\"<img src=cid:logo>\",\"inlineImages\":[{\"filename\":\"l.png\",\"contentType\":\"image/png\",\"content\":\"AAAA\"}]}"));
        refused(400, "body", "malformed JSON", () -> api.post("templates", "{\"name\": \"n\", "));
        refused(404, "id", "template 987654321 does not exist", () -> api.get("templates/987654321"));
    }

    @Test
    void badListsAndRecipientsAreRefused() {
        refused(400, "name", "required", () -> api.post("lists", "{}"));
        refused(400, "body", "malformed JSON", () -> api.post("lists", "[1,2"));
        refused(404, "id", "list 987654321 does not exist", () -> api.post("lists/987654321/recipients", "[{\"email\":\"a@b.example\"}]"));
        refused(404, "id", "list 987654321 does not exist", () -> api.get("lists/987654321"));
        long listId = api.expect(201, api.post("lists", "{\"name\":\"validation " + domain + "\"}")).id();
        refused(400, "body", "array", () -> api.post("lists/" + listId + "/recipients", "null"));

        // entry by entry: the good ones are added, each bad one is reported with its index and reason
        var before = db.tableCounts();
        var result = api.expect(200, api.post("lists/" + listId + "/recipients", "["
                + "{\"email\":\"ok@" + domain + "\",\"name\":\"Ok\"},"
                + "{\"email\":\"not-an-address\"},"
                + "{\"email\":\"x@" + domain + "\",\"name\":\"Evil\\r\\nBcc: y@evil.example\"},"
                + "{\"name\":\"no email\"},"
                + "{\"email\":\"ok@" + domain.toUpperCase() + "\"},"
                + "{\"email\":\"z@" + domain + "\",\"attributes\":{\"nested\":{\"a\":1}}}"
                + "]")).object();
        assertEquals(1, result.getInt("added"), result.toString());
        var rejected = result.getJsonArray("rejected");
        assertEquals(5, rejected.size(), result.toString());
        assertEquals(1, rejected.getJsonObject(0).getInt("index"));
        assertTrue(rejected.getJsonObject(0).getString("reason").contains("not-an-address"), rejected.toString());
        assertTrue(rejected.getJsonObject(1).getString("reason").contains("CR or LF"), rejected.toString());
        assertTrue(rejected.getJsonObject(2).getString("reason").contains("missing"), rejected.toString());
        assertTrue(rejected.getJsonObject(3).getString("reason").contains("appears earlier"), rejected.toString());
        assertTrue(rejected.getJsonObject(4).getString("reason").contains("nested"), rejected.toString());
        var after = db.tableCounts();
        assertEquals(before.get("recipient") + 1, after.get("recipient"));
        assertEquals(1, db.number("SELECT COUNT(*) FROM recipient WHERE list_id = ?", listId));
    }

    @Test
    void badCampaignsAreRefusedAndNothingIsSaved() {
        long templateId = personalisedTemplate();
        long listId = listOf(1);
        String ids = "\"templateId\":" + templateId + ",\"listId\":" + listId;
        refused(400, "name", "required", () -> api.post("campaigns", "{" + ids + ",\"fromAddress\":\"a@herald.example\"}"));
        refused(400, "templateId", "required", () -> api.post("campaigns", "{\"name\":\"c\",\"listId\":" + listId + ",\"fromAddress\":\"a@herald.example\"}"));
        refused(400, "listId", "required", () -> api.post("campaigns", "{\"name\":\"c\",\"templateId\":" + templateId + ",\"fromAddress\":\"a@herald.example\"}"));
        refused(404, "id", "template 987654321 does not exist", () -> api.post("campaigns", "{\"name\":\"c\",\"templateId\":987654321,\"listId\":" + listId + ",\"fromAddress\":\"a@herald.example\"}"));
        refused(404, "id", "list 987654321 does not exist", () -> api.post("campaigns", "{\"name\":\"c\",\"templateId\":" + templateId + ",\"listId\":987654321,\"fromAddress\":\"a@herald.example\"}"));
        refused(400, "fromAddress", "required", () -> api.post("campaigns", "{\"name\":\"c\"," + ids + "}"));
        refused(400, "fromAddress", "not a valid e-mail address", () -> api.post("campaigns", "{\"name\":\"c\"," + ids + ",\"fromAddress\":\"news at herald\"}"));
        refused(400, "fromAddress", "not a valid e-mail address", () -> api.post("campaigns", "{\"name\":\"c\"," + ids + ",\"fromAddress\":\"a@herald.example\\r\\nBcc: x@evil.example\"}"));
        refused(400, "fromName", "CR or LF", () -> api.post("campaigns", "{\"name\":\"c\"," + ids + ",\"fromAddress\":\"a@herald.example\",\"fromName\":\"News\\nBcc: x@evil.example\"}"));
        refused(400, "replyTo", "not a valid e-mail address", () -> api.post("campaigns", "{\"name\":\"c\"," + ids + ",\"fromAddress\":\"a@herald.example\",\"replyTo\":\"help@\"}"));
        refused(400, "retryMaxAttempts", "at least 1", () -> api.post("campaigns", "{\"name\":\"c\"," + ids + ",\"fromAddress\":\"a@herald.example\",\"retryMaxAttempts\":0}"));
        refused(400, "body", "malformed JSON", () -> api.post("campaigns", "{\"name\":\"c\",\"templateId\":\"seven\"}"));
        refused(404, "id", "campaign 987654321 does not exist", () -> api.get("campaigns/987654321"));
        refused(404, "id", "campaign 987654321 does not exist", () -> api.post("campaigns/987654321/send"));
        refused(404, "id", "campaign 987654321 does not exist", () -> api.get("campaigns/987654321/deliveries"));
        long campaignId = campaign(templateId, listId);
        refused(400, "status", "not one of", () -> api.get("campaigns/" + campaignId + "/deliveries?status=LOST"));
        refused(400, "size", "between 1 and 1000", () -> api.get("campaigns/" + campaignId + "/deliveries?size=0"));
        refused(409, "status", "only a RUNNING campaign can be paused", () -> api.post("campaigns/" + campaignId + "/pause"));
        refused(409, "status", "only a PAUSED or FAILED campaign can be resumed", () -> api.post("campaigns/" + campaignId + "/resume"));
        assertEquals("DRAFT", campaignView(campaignId).getString("status"));
    }

    /** Sends the request and checks the status, the field named, a word of the message, and that no table changed. */
    private void refused(int status, String field, String problem, Supplier<Reply> request) {
        Map<String, Long> before = db.tableCounts();
        Reply reply = request.get();
        assertEquals(status, reply.status(), "HTTP status of a refused request: " + reply.body());
        var body = reply.object();
        assertEquals(field, body.getString("field"), body.toString());
        assertTrue(body.getString("error").contains(problem), "error names the problem '" + problem + "': " + body);
        assertEquals(before, db.tableCounts(), "nothing saved by a refused request: " + body);
    }
}
