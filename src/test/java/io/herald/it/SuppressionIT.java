package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.HeraldApi;
import io.herald.it.support.HeraldApi.Reply;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The suppression list: the API adds (admin), checks, pages and removes entries; the prepare step leaves out
 * addresses suppressed in every list or in the campaign's list and counts them; a hard bounce (5.1.1) suppresses
 * the address everywhere.
 */
class SuppressionIT extends HeraldIT {

    @Test
    void suppressedAddressesAreLeftOutOfACampaignAndCounted() {
        int n = 5;
        long list = listOf(n);
        long otherList = listOf(1);
        assertEquals(201, add(Json.createObjectBuilder().add("address", address(1)).add("reason", "complaint").build()).status());
        assertEquals(201, add(Json.createObjectBuilder().add("address", address(2)).add("listId", list).build()).status());
        assertEquals(201, add(Json.createObjectBuilder().add("address", address(3)).add("listId", otherList).build()).status());

        long campaignId = campaign(personalisedTemplate(), list);
        send(campaignId);
        JsonObject done = awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));

        assertEquals(Map.of("SENT", 3L), db.deliveryCounts(campaignId), "r0, r3 (suppressed elsewhere only) and r4");
        assertEquals(2, done.getJsonObject("excluded").getInt("SUPPRESSED"), done.toString());
        var received = smtp.countsByRecipient();
        assertFalse(received.containsKey(address(1)), "suppressed in every list");
        assertFalse(received.containsKey(address(2)), "suppressed in this list");
        assertEquals(1, received.get(address(3)));
    }

    @Test
    void theApiAddsChecksPagesAndRemovesNamingWhatIsWrong() {
        String a = address(0);
        Reply first = add(Json.createObjectBuilder().add("address", a).add("note", "asked by phone").build());
        assertEquals(201, first.status(), first.body().toString());
        long id = first.object().getJsonObject("suppression").getJsonNumber("id").longValue();
        assertEquals("MANUAL", first.object().getJsonObject("suppression").getString("reason"));
        assertEquals(200, add(Json.createObjectBuilder().add("address", a).build()).status(), "already suppressed");
        assertEquals(1, db.number("SELECT COUNT(*) FROM suppression WHERE email = ?", a));

        JsonObject check = api.expect(200, api.get("suppressions/check?address=" + a)).object();
        assertTrue(check.getBoolean("suppressed"), check.toString());
        assertEquals(200, HeraldApi.operator().get("suppressions/check?address=" + a).status(), "operators may read");
        JsonObject page = api.expect(200, api.get("suppressions?page=0&size=1000")).object();
        assertTrue(page.getJsonArray("items").stream().anyMatch(i -> i.asJsonObject().getString("address").equals(a)));

        long before = db.number("SELECT COUNT(*) FROM suppression");
        refused(Json.createObjectBuilder().add("address", "not an address").build(), 400, "address");
        refused(Json.createObjectBuilder().add("address", address(9)).add("reason", "dislike").build(), 400, "reason");
        refused(Json.createObjectBuilder().add("address", address(9)).add("listId", Long.MAX_VALUE).build(), 404, "id");
        assertEquals(403, HeraldApi.operator().post("suppressions",
                Json.createObjectBuilder().add("address", address(9)).build()).status(), "operators may not add");
        assertEquals(401, HeraldApi.anonymous().get("suppressions").status());
        assertEquals(before, db.number("SELECT COUNT(*) FROM suppression"), "nothing saved by a refused request");

        assertEquals(403, HeraldApi.operator().delete("suppressions/" + id).status());
        assertEquals(204, api.delete("suppressions/" + id).status());
        assertFalse(api.expect(200, api.get("suppressions/check?address=" + a)).object().getBoolean("suppressed"));
        assertEquals(404, api.delete("suppressions/" + id).status());
    }

    @Test
    void aHardBounceSuppressesTheAddressInEveryList() {
        smtp.refuse(address(0));
        long campaignId = campaign(personalisedTemplate(), listOf(2));
        send(campaignId);
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));

        var entries = db.rows("SELECT reason, list_id FROM suppression WHERE email = ?", address(0));
        assertEquals(1, entries.size(), entries.toString());
        assertEquals("HARD_BOUNCE", entries.get(0).get("reason"));
        assertEquals(0L, ((Number) entries.get(0).get("list_id")).longValue(), "every list");
        // a new list will not take the address back, and the old list's recipient is BOUNCED: nobody mails it again
        long list = api.expect(201, api.post("lists", Json.createObjectBuilder().add("name", "again " + domain).build())).id();
        JsonObject added = api.expect(200, api.post("lists/" + list + "/recipients", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("email", address(0)))
                .add(Json.createObjectBuilder().add("email", address(1))).build())).object();
        assertEquals(1, added.getInt("added"), added.toString());
        assertTrue(added.getJsonArray("rejected").getJsonObject(0).getString("reason").contains("suppressed (HARD_BOUNCE)"),
                added.toString());
        long next = campaign(personalisedTemplate(), list);
        send(next);
        awaitStatus(next, "COMPLETED", Duration.ofMinutes(1));
        assertEquals(Map.of("SENT", 1L), db.deliveryCounts(next), "the bounced address is not tried again");
    }

    private Reply add(JsonObject body) {
        return api.post("suppressions", body);
    }

    private void refused(JsonObject body, int status, String field) {
        Reply r = add(body);
        assertEquals(status, r.status(), body + " → " + r.body());
        assertEquals(field, r.object().getString("field"), r.body().toString());
    }
}
