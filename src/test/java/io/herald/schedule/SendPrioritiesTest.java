package io.herald.schedule;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The priority policy: lower priorities yield to a sending HIGH campaign, boundedly; nobody waits otherwise. */
class SendPrioritiesTest {

    private final SendPriorities priorities = new SendPriorities();

    @Test
    void nobodyWaitsWhenNoHigherPriorityIsSending() throws InterruptedException {
        priorities.enter(1, Priority.NORMAL);
        priorities.enter(2, Priority.LOW);
        assertTrue(priorities.awaitTurn(Priority.HIGH).toMillis() < 100);
        assertTrue(priorities.awaitTurn(Priority.NORMAL).toMillis() < 100, "NORMAL does not yield to NORMAL or LOW");
    }

    @Test
    void normalAndLowYieldToHighButAtMostTheBound() throws InterruptedException {
        priorities.enter(1, Priority.HIGH);
        assertTrue(priorities.higherThan(Priority.NORMAL));
        assertTrue(priorities.higherThan(Priority.LOW));
        assertFalse(priorities.higherThan(Priority.HIGH));
        Duration waited = priorities.awaitTurn(Priority.LOW, Duration.ofMillis(600));
        assertTrue(waited.toMillis() >= 600 && waited.toMillis() < 2000, "waited " + waited);
    }

    @Test
    void lowYieldsToNormal() {
        priorities.enter(1, Priority.NORMAL);
        assertTrue(priorities.higherThan(Priority.LOW));
        assertFalse(priorities.higherThan(Priority.NORMAL));
    }

    @Test
    void aWaitingWriterGoesOnAsSoonAsTheHighCampaignLeaves() throws Exception {
        priorities.enter(7, Priority.HIGH);
        priorities.enter(8, Priority.NORMAL);
        CompletableFuture<Duration> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return priorities.awaitTurn(8);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertFalse(waiting.isDone());
        priorities.leave(7);
        Duration waited = waiting.get(2, TimeUnit.SECONDS);
        assertTrue(waited.compareTo(SendPriorities.MAX_WAIT) < 0, "waited " + waited);
        assertFalse(priorities.higherThan(Priority.NORMAL));
    }

    @Test
    void leavingTwiceOrUnknownCampaignsIsHarmless() throws InterruptedException {
        priorities.leave(42);
        priorities.enter(1, Priority.HIGH);
        priorities.leave(1);
        priorities.leave(1);
        assertTrue(priorities.awaitTurn(99).toMillis() < 100, "an unregistered campaign counts as NORMAL and does not wait");
    }

    @Test
    void aPartitionedCampaignSendsUntilItsLastPartitionLeaves() {
        priorities.enter(5, Priority.HIGH);
        priorities.enter(5, Priority.HIGH);
        priorities.leave(5);
        assertTrue(priorities.higherThan(Priority.NORMAL), "one of the HIGH campaign's two partitions still sends");
        priorities.leave(5);
        assertFalse(priorities.higherThan(Priority.NORMAL));
    }
}
