package io.herald.bounce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.bounce.BounceReport.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule: Action failed + 5.x.x is HARD, 4.x.x or Action delayed is SOFT, everything else is for review. */
class BounceClassifierTest {

    @ParameterizedTest(name = "Action {0}, Status {1} -> {2}")
    @CsvSource(nullValues = "-", textBlock = """
            failed,    5.1.1,   HARD
            failed,    5.7.1,   HARD
            failed,    4.2.2,   SOFT
            delayed,   4.4.1,   SOFT
            delayed,   5.0.0,   SOFT
            delivered, 2.0.0,   UNCLASSIFIED
            relayed,   2.0.0,   UNCLASSIFIED
            expanded,  2.0.0,   UNCLASSIFIED
            failed,    2.0.0,   UNCLASSIFIED
            failed,    -,       UNCLASSIFIED
            failed,    550,     UNCLASSIFIED
            -,         5.1.1,   UNCLASSIFIED
            """)
    void actionAndStatusClassDecide(String action, String status, Kind expected) {
        var fields = new RecipientStatus("ann@example.com", action, status, null, null);

        assertEquals(expected, BounceClassifier.classify(fields, "t", "<m@x>").kind());
    }

    @ParameterizedTest(name = "{0} without a recipient is for review")
    @CsvSource({"failed, 5.1.1", "delayed, 4.4.1"})
    void aFailureWithoutARecipientIsUnclassified(String action, String status) {
        var fields = new RecipientStatus(null, action, status, null, null);

        assertEquals(Kind.UNCLASSIFIED, BounceClassifier.classify(fields, "t", "<m@x>").kind());
    }
}
