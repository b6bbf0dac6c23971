package io.herald.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Specifies how a connection slows down on 421/4.7.x replies and speeds up again as messages are accepted. */
class SendThrottleTest {

    @Test
    void eachThrottlingReplyDoublesThePauseUpToAMinute() {
        SendThrottle t = new SendThrottle();
        assertEquals(Duration.ZERO, t.pause());
        t.throttled();
        assertEquals(Duration.ofSeconds(1), t.pause());
        t.throttled();
        t.throttled();
        assertEquals(Duration.ofSeconds(4), t.pause());
        for (int i = 0; i < 10; i++) {
            t.throttled();
        }
        assertEquals(Duration.ofSeconds(60), t.pause());
    }

    @Test
    void acceptedMessagesHalveThePauseBackToNone() {
        SendThrottle t = new SendThrottle();
        t.throttled();
        t.throttled();
        t.throttled();
        t.accepted();
        assertEquals(Duration.ofSeconds(2), t.pause());
        t.accepted();
        t.accepted();
        assertEquals(Duration.ZERO, t.pause());
    }
}
