package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.it.support.TestSmtpServer.Arrival;
import jakarta.json.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A HIGH campaign launched while a large LOW one is sending gets the sending capacity and finishes first. */
class PriorityIT extends HeraldIT {

    @Test
    void aHighCampaignOvertakesARunningLowOne() {
        long template = personalisedTemplate();
        long low = campaign(template, listOf(600), Json.createObjectBuilder().add("priority", "LOW").build());
        smtp.slowDown(Duration.ofMillis(10));
        try {
            send(low);
            awaitSent(low, 50, Duration.ofMinutes(1));

            long high = campaign(template, listOf(200), Json.createObjectBuilder().add("priority", "HIGH").build());
            send(high);
            awaitSent(high, 1, Duration.ofMinutes(1));          // HIGH's send step is running from here on
            awaitStatus(high, "COMPLETED", Duration.ofMinutes(2));
            // measured by what the SMTP server received (Herald's Message-IDs start with the campaign id)
            var arrivals = smtp.arrivals();
            List<Long> highTimes = arrivals.stream().filter(a -> a.messageId().startsWith("<" + high + "."))
                    .map(Arrival::nanos).toList();
            long highFirst = highTimes.stream().min(Long::compare).orElseThrow();
            long highLast = highTimes.stream().max(Long::compare).orElseThrow();
            long lowSentMeanwhile = arrivals.stream().filter(a -> a.messageId().startsWith("<" + low + "."))
                    .filter(a -> a.nanos() >= highFirst && a.nanos() <= highLast).count();

            assertEquals("RUNNING", campaignView(low).getString("status"), "the LOW campaign is still sending");
            // LOW yields before each message while HIGH sends (at most one message per partition per 5 s wait, plus
            // the one each partition had in flight): without priorities both would share the connection time and LOW
            // would send about as many as HIGH's 200 meanwhile
            assertTrue(lowSentMeanwhile < 20, "LOW messages sent while HIGH was sending: " + lowSentMeanwhile);
            assertEquals(200, db.deliveryCounts(high).get("SENT"));
        } finally {
            smtp.slowDown(Duration.ZERO);
        }
        awaitStatus(low, "COMPLETED", Duration.ofMinutes(2));
        assertEquals(600, db.deliveryCounts(low).get("SENT"));
    }
}
