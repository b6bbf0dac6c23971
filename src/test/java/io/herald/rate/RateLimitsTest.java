package io.herald.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Specifies how the send step is held to its rate limits: real Resilience4j limiters, measured on the clock. Each
 * test takes at most about a second; the bounds leave room for a busy machine.
 */
class RateLimitsTest {

    private static final long CAMPAIGN = 7;
    private static final long OTHER_CAMPAIGN = 8;

    @Test
    void twoHundredPerSecondLetTwoHundredMessagesThroughInOneSecond() throws Exception {
        RateLimits limits = new RateLimits(new RateSettings(200, Map.of()));
        limits.acquire(CAMPAIGN, 0, "ann@example.com");

        double seconds = secondsToSend(200, () -> limits.acquire(CAMPAIGN, 0, "ann@example.com"));

        assertBetween(0.85, 1.15, seconds);
    }

    @Test
    void aLimitSpreadsMessagesOverTheSecondInsteadOfSendingThemAtOnce() throws Exception {
        RateLimits limits = new RateLimits(new RateSettings(200, Map.of()));

        // 200/s is 2 at once, then 2 every 10 ms: the 12th message goes 50 ms after the limiter was made
        double seconds = secondsToSend(12, () -> limits.acquire(CAMPAIGN, 0, "ann@example.com"));

        assertBetween(0.04, 0.3, seconds);
    }

    @Test
    void limitersHandOutAHundredthOfTheirRateAtATime() {
        assertSlices(1, Duration.ofSeconds(1), 1);
        assertSlices(1, Duration.ofMillis(100), 10);
        assertSlices(1, Duration.ofMillis(10), 100);
        assertSlices(2, Duration.ofNanos(13_333_334), 150);    // rounded up: 149.99/s, never 150.01
        assertSlices(2, Duration.ofMillis(10), 200);
        assertSlices(50, Duration.ofMillis(10), 5000);
    }

    @Test
    void aDomainLimitHoldsBackThatDomainOnly() throws Exception {
        RateLimits limits = new RateLimits(new RateSettings(0, Map.of("slow.example", 20)));
        limits.acquire(CAMPAIGN, 0, "ann@slow.example");

        // other domains, subdomains included (a limit is for its exact domain), are not held back
        double others = secondsFor(() -> {
            for (int i = 0; i < 20; i++) {
                limits.acquire(CAMPAIGN, 0, "bob@fast.example");
                limits.acquire(CAMPAIGN, 0, "cid@mail.slow.example");
            }
        });
        // 20/s is one every 50 ms, whatever the case of the address
        double slow = secondsToSend(10, () -> limits.acquire(CAMPAIGN, 0, "dee@SLOW.Example"));

        assertTrue(others < 0.1, "unlimited domains took " + others + " s");
        assertBetween(0.4, 0.7, slow);
    }

    @Test
    void twoCampaignsHaveLimitsOfTheirOwn() throws Exception {
        RateLimits limits = new RateLimits(RateSettings.NONE);
        limits.acquire(CAMPAIGN, 20, "ann@example.com");
        limits.acquire(OTHER_CAMPAIGN, 20, "ann@example.com");

        // 10 more of each at 20/s each take 0.5 s side by side; one shared limit would take 1 s
        assertBetween(0.4, 0.7, secondsForTenOfEachCampaign(limits, 20));
    }

    @Test
    void thePartitionsOfACampaignShareItsLimit() throws Exception {
        RateLimits limits = new RateLimits(RateSettings.NONE);
        limits.acquire(CAMPAIGN, 40, "ann@example.com");
        ExecutorService partitions = Executors.newFixedThreadPool(4);
        try {
            // 4 partitions x 5 messages at 40/s for the campaign: 0.5 s, not 0.125 s as with a limit each
            double seconds = secondsFor(() -> {
                List<Future<Void>> sent = new ArrayList<>();
                for (int p = 0; p < 4; p++) {
                    sent.add(partitions.submit(() -> {
                        for (int i = 0; i < 5; i++) {
                            limits.acquire(CAMPAIGN, 40, "ann@example.com");
                        }
                        return null;
                    }));
                }
                for (Future<Void> f : sent) {
                    f.get(5, TimeUnit.SECONDS);
                }
            });

            assertBetween(0.4, 0.7, seconds);
        } finally {
            partitions.shutdownNow();
        }
    }

    @Test
    void theGlobalLimitCapsAllCampaignsTogether() throws Exception {
        RateLimits limits = new RateLimits(new RateSettings(40, Map.of()));
        limits.acquire(CAMPAIGN, 0, "ann@example.com");

        // two campaigns without a limit of their own, 10 messages each: 20 at 40/s take 0.5 s
        assertBetween(0.4, 0.7, secondsForTenOfEachCampaign(limits, 0));
    }

    @Test
    void aCampaignWhoseRateChangesGetsANewLimiter() throws Exception {
        RateLimits limits = new RateLimits(RateSettings.NONE);
        limits.acquire(CAMPAIGN, 5, "ann@example.com");

        // at 1000/s 20 messages take about 1 ms; held to the old 5/s they would take 4 s
        double seconds = secondsToSend(20, () -> limits.acquire(CAMPAIGN, 1000, "ann@example.com"));

        assertTrue(seconds < 0.15, "took " + seconds + " s");
    }

    @Test
    void aForgottenCampaignStartsAfresh() throws Exception {
        RateLimits limits = new RateLimits(RateSettings.NONE);
        limits.acquire(CAMPAIGN, 1, "ann@example.com");   // at 1/s the next message would wait a second

        limits.forget(CAMPAIGN);
        double seconds = secondsFor(() -> limits.acquire(CAMPAIGN, 1, "ann@example.com"));

        assertTrue(seconds < 0.15, "took " + seconds + " s");
    }

    @Test
    void anInterruptEndsTheWaitAtOnce() throws Exception {
        RateLimits limits = new RateLimits(new RateSettings(1, Map.of()));
        limits.acquire(CAMPAIGN, 0, "ann@example.com");   // at 1/s the next message waits a second
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread partition = new Thread(() -> {
            try {
                limits.acquire(CAMPAIGN, 0, "ann@example.com");
                outcome.complete("sent");
            } catch (InterruptedException e) {
                outcome.complete("interrupted");
            }
        });
        long start = System.nanoTime();
        partition.start();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(500);
        while (partition.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        partition.interrupt();

        assertEquals("interrupted", outcome.get(5, TimeUnit.SECONDS));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 0.7, "the interrupted wait lasted " + seconds + " s");
    }

    @Test
    void anInterruptedThreadSendsNothingEvenWithoutLimits() {
        RateLimits limits = new RateLimits(RateSettings.NONE);

        Thread.currentThread().interrupt();

        assertThrows(InterruptedException.class, () -> limits.acquire(CAMPAIGN, 0, "ann@example.com"));
        assertTrue(!Thread.currentThread().isInterrupted(), "the exception, not the flag, reports the interrupt");
    }

    private interface Sending {
        void run() throws Exception;
    }

    private static double secondsFor(Sending sending) throws Exception {
        long start = System.nanoTime();
        sending.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** Sends 10 messages of each campaign in turn, both at campaignPerSecond. */
    private static double secondsForTenOfEachCampaign(RateLimits limits, int campaignPerSecond) throws Exception {
        return secondsFor(() -> {
            for (int i = 0; i < 10; i++) {
                limits.acquire(CAMPAIGN, campaignPerSecond, "ann@example.com");
                limits.acquire(OTHER_CAMPAIGN, campaignPerSecond, "bob@example.com");
            }
        });
    }

    private static double secondsToSend(int messages, Sending one) throws Exception {
        return secondsFor(() -> {
            for (int i = 0; i < messages; i++) {
                one.run();
            }
        });
    }

    private static void assertBetween(double min, double max, double seconds) {
        assertTrue(seconds >= min && seconds <= max, "took " + seconds + " s, expected " + min + " to " + max + " s");
    }

    private static void assertSlices(int perSlice, Duration slice, int perSecond) {
        RateLimiterConfig config = RateLimits.limiter("test", perSecond).getRateLimiterConfig();
        assertEquals(perSlice, config.getLimitForPeriod(), perSecond + "/s: permits per refresh period");
        assertEquals(slice, config.getLimitRefreshPeriod(), perSecond + "/s: refresh period");
    }
}
