package io.herald.bounce;

import static io.herald.bounce.BounceReport.Kind.HARD;
import static io.herald.bounce.BounceReport.Kind.SOFT;
import static io.herald.bounce.BounceReport.Kind.UNCLASSIFIED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule of bounce processing: what a report does, given whether it names a delivery and the soft count. */
class BounceOutcomeTest {

    @ParameterizedTest(name = "{0}, matched {1}, soft bounces {2} of 3 → {3}")
    @CsvSource(delimiter = '|', textBlock = """
            HARD         | true  | 0 | HARD
            HARD         | false | 0 | UNMATCHED
            SOFT         | true  | 1 | SOFT
            SOFT         | true  | 2 | SOFT
            SOFT         | true  | 3 | SOFT_LIMIT
            SOFT         | true  | 7 | SOFT_LIMIT
            SOFT         | false | 3 | UNMATCHED
            UNCLASSIFIED | true  | 0 | UNCLASSIFIED
            UNCLASSIFIED | false | 0 | UNCLASSIFIED
            """)
    void theOutcomeOfAReport(BounceReport.Kind kind, boolean matched, int softBounces, BounceOutcome expected) {
        assertEquals(expected, BounceOutcome.of(kind, matched, softBounces, 3));
    }

    @Test
    void theFirstSoftBounceSuppressesWhenTheLimitIsOne() {
        assertEquals(BounceOutcome.SOFT_LIMIT, BounceOutcome.of(SOFT, true, 1, 1));
    }

    @Test
    void aHardBounceSuppressesAtOnceWhateverTheSoftCount() {
        assertEquals(BounceOutcome.HARD, BounceOutcome.of(HARD, true, 0, 100));
    }

    @Test
    void onlyHardBouncesAndTheSoftLimitSuppress() {
        assertEquals(EnumSet.of(BounceOutcome.HARD, BounceOutcome.SOFT_LIMIT),
                EnumSet.copyOf(EnumSet.allOf(BounceOutcome.class).stream().filter(BounceOutcome::suppresses).toList()));
    }

    @Test
    void whatNamesNoDeliveryOrIsNotABounceGoesToReviewTheRestIsProcessed() {
        for (BounceOutcome o : BounceOutcome.values()) {
            boolean review = o == BounceOutcome.UNMATCHED || o == BounceOutcome.UNCLASSIFIED;
            assertEquals(review, o.needsReview(), o.name());
        }
        assertTrue(BounceOutcome.of(UNCLASSIFIED, true, 0, 3).needsReview(), "an auto-reply to a real delivery");
        assertFalse(BounceOutcome.of(SOFT, true, 3, 3).needsReview(), "the soft limit is processed, not reviewed");
    }
}
