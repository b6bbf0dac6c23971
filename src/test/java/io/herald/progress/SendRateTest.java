package io.herald.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The send rate: messages SENT over the last 10 s, per second, from one sample per tick. */
class SendRateTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    @Test
    void aSteadyTwentyPerSecondReadsTwentyOnceTheWindowIsFull() {
        SendRate rate = new SendRate();
        double last = 0;
        for (int s = 0; s <= 30; s++) {
            last = rate.sample(T0.plusSeconds(s), 20L * s);
        }
        assertEquals(20.0, last);
    }

    @Test
    void inTheFirstTenSecondsWhatWasSentIsStillDividedByTen() {
        SendRate rate = new SendRate();
        rate.sample(T0, 0);
        assertEquals(5.0, rate.sample(T0.plusSeconds(5), 50));
    }

    @Test
    void aCampaignThatStopsSendingFallsToZeroAfterTenSeconds() {
        SendRate rate = new SendRate();
        for (int s = 0; s <= 10; s++) {
            rate.sample(T0.plusSeconds(s), 100L * s);
        }
        double rate11 = rate.sample(T0.plusSeconds(11), 1000);
        assertEquals(90.0, rate11);
        double last = 0;
        for (int s = 12; s <= 25; s++) {
            last = rate.sample(T0.plusSeconds(s), 1000);
        }
        assertEquals(0.0, last);
    }

    @Test
    void theFirstSampleIsZero() {
        assertEquals(0.0, new SendRate().sample(T0, 1234));
    }
}
