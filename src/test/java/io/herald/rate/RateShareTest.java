package io.herald.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Each live node of a cluster takes an equal share of every rate limit, at least 1 a second. */
class RateShareTest {

    @Test
    void aLimitIsSharedEquallyAmongTheLiveNodes() {
        assertEquals(100, RateLimits.shareOf(100, 1));
        assertEquals(33, RateLimits.shareOf(100, 3));
        assertEquals(1, RateLimits.shareOf(2, 3));
    }
}
