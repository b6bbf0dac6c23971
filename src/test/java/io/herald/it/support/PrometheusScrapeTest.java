package io.herald.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {

    private static final String TEXT = """
            # HELP herald_messages_failed_total
            # TYPE herald_messages_failed_total counter
            herald_messages_failed_total{WF_DEPLOYMENT="herald.war",class="deferred"} 12.0
            herald_messages_failed_total{WF_DEPLOYMENT="herald.war",class="skipped",} 2.0

            herald_send_latency_seconds_count{WF_DEPLOYMENT="herald.war"} 24
            odd{note="a \\"quoted\\", comma\\\\ and } brace",x="1"} NaN 1712345678000
            up 1
            """;

    @Test
    void samplesAreReadWithTheirLabelsAndValues() {
        var scrape = PrometheusScrape.parse(TEXT);

        assertEquals(12.0, scrape.value("herald_messages_failed_total", "class", "deferred"));
        assertEquals(2.0, scrape.value("herald_messages_failed_total", "class", "skipped"));
        assertEquals(24, scrape.value("herald_send_latency_seconds_count"));
        assertEquals(1, scrape.value("up"));
        var odd = scrape.samples("odd").get(0);
        assertEquals(Map.of("note", "a \"quoted\", comma\\ and } brace", "x", "1"), odd.labels());
        assertTrue(Double.isNaN(odd.value()));
    }

    @Test
    void aValueAskedForMustBeThereExactlyOnce() {
        var scrape = PrometheusScrape.parse(TEXT);
        assertThrows(AssertionError.class, () -> scrape.value("herald_messages_failed_total"));
        assertThrows(AssertionError.class, () -> scrape.value("herald_messages_sent_total"));
        assertThrows(AssertionError.class, () -> PrometheusScrape.parse("broken{label=1} 2"));
    }
}
