package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.EventStream;
import io.herald.it.support.EventStream.Event;
import io.herald.it.support.HeraldApi;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Live progress as server-sent events: GET /campaigns/{id}/events and GET /campaigns/events give a campaign's counts,
 * rate and status at once and then as it sends, never more than one event a second per campaign, a last event when
 * it completes, with the same credentials as the API; clients that hang up do not disturb the server.
 */
class ProgressEventsIT extends HeraldIT {

    private static boolean of(Event e, long campaignId) {
        return "progress".equals(e.name()) && e.data().getJsonNumber("id").longValue() == campaignId;
    }

    private static Map<String, Long> nonZero(JsonObject counts) {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((k, v) -> {
            long n = counts.getJsonNumber(k).longValue();
            if (n != 0) {
                m.put(k, n);
            }
        });
        return m;
    }

    @Test
    void theFirstEventArrivesAtOnceWithTheCampaignsCounts() {
        long campaignId = campaign(personalisedTemplate(), listOf(5));
        send(campaignId);
        awaitStatus(campaignId, "COMPLETED", Duration.ofMinutes(1));

        long opened = System.nanoTime();
        try (EventStream stream = api.events("campaigns/" + campaignId + "/events")) {
            assertEquals(200, stream.status());
            Event first = stream.await(Duration.ofSeconds(2), "the first event", e -> of(e, campaignId));
            assertTrue(first.nanos() - opened < Duration.ofSeconds(2).toNanos());
            JsonObject data = first.data();
            assertEquals("COMPLETED", data.getString("status"), data.toString());
            assertEquals(Map.of("SENT", 5L), nonZero(data.getJsonObject("counts")), data.toString());
            assertEquals(5, data.getInt("total"));
            assertEquals(5, data.getInt("done"));
            assertEquals(1.0, data.getJsonNumber("progress").doubleValue());
            assertTrue(data.containsKey("rate") && data.containsKey("lastError") && data.containsKey("at"), data.toString());
        }
    }

    @Test
    void whileACampaignSendsEachStreamGetsAtMostOneEventASecondThenTheFinalOne() {
        int n = 300;
        long campaignId = campaign(personalisedTemplate(), listOf(n),
                Json.createObjectBuilder().add("maxPerSecond", 50).build());       // about 6 s of sending
        try (EventStream one = api.events("campaigns/" + campaignId + "/events");
             EventStream all = HeraldApi.operator().events("campaigns/events")) {
            one.await(Duration.ofSeconds(2), "the DRAFT campaign's first event", e -> of(e, campaignId));
            send(campaignId);
            for (EventStream stream : List.of(one, all)) {
                Event last = stream.await(Duration.ofMinutes(1), "the COMPLETED event",
                        e -> of(e, campaignId) && e.data().getString("status").equals("COMPLETED"));
                assertEquals(db.deliveryCounts(campaignId), nonZero(last.data().getJsonObject("counts")));
                assertEquals(n, last.data().getInt("done"));
                List<Event> mine = stream.events().stream().filter(e -> of(e, campaignId)).toList();
                assertAtMostOneASecond(mine);
                assertTrue(mine.stream().anyMatch(e -> e.data().getJsonNumber("rate").doubleValue() > 0),
                        "a rate while it sent: " + mine);
                assertTrue(mine.size() >= 3, "events while it sent: " + mine);
            }
        }
    }

    /** At most N+1 events in any N seconds: no two events of the same campaign within one second but one. */
    private static void assertAtMostOneASecond(List<Event> events) {
        List<Long> times = new ArrayList<>(events.stream().map(Event::nanos).toList());
        for (int i = 0; i + 2 < times.size(); i++) {
            long span = times.get(i + 2) - times.get(i);
            assertTrue(span >= Duration.ofSeconds(1).toNanos(),
                    "3 events within " + Duration.ofNanos(span).toMillis() + " ms: " + events);
        }
        double seconds = (times.get(times.size() - 1) - times.get(0)) / 1e9;
        assertTrue(times.size() <= Math.ceil(seconds) + 1, times.size() + " events in " + seconds + " s");
    }

    @Test
    void clientsThatHangUpAreDroppedAndTheServerGoesOn() {
        long campaignId = campaign(personalisedTemplate(), listOf(20));
        for (int i = 0; i < 5; i++) {
            EventStream gone = api.events("campaigns/" + campaignId + "/events");
            gone.await(Duration.ofSeconds(2), "a first event", e -> of(e, campaignId));
            gone.close();
        }
        send(campaignId);
        try (EventStream stream = api.events("campaigns/" + campaignId + "/events")) {
            stream.await(Duration.ofMinutes(1), "the COMPLETED event",
                    e -> of(e, campaignId) && e.data().getString("status").equals("COMPLETED"));
        }
        assertEquals(Map.of("SENT", 20L), db.deliveryCounts(campaignId));
        assertEquals("COMPLETED", campaignView(campaignId).getString("status"));
    }

    @Test
    void theStreamsHaveTheSecurityOfTheApi() {
        long campaignId = campaign(personalisedTemplate(), listOf(1));
        try (EventStream operator = HeraldApi.operator().events("campaigns/" + campaignId + "/events")) {
            assertEquals(200, operator.status());
            operator.await(Duration.ofSeconds(2), "the operator's first event", e -> of(e, campaignId));
        }
        try (EventStream anonymous = HeraldApi.anonymous().events("campaigns/" + campaignId + "/events")) {
            assertEquals(401, anonymous.status());
        }
        try (EventStream wrong = HeraldApi.as("nobody", "wrong").events("campaigns/events")) {
            assertEquals(401, wrong.status());
        }
        try (EventStream missing = api.events("campaigns/999999999/events")) {
            assertEquals(404, missing.status());
        }
    }
}
