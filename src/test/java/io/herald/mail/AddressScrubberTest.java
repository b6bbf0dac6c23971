package io.herald.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AddressScrubberTest {

    private final AddressScrubber ann = new AddressScrubber(List.of("ann_o@example.com"));

    @Test
    void theAddressIsReplacedWhateverItsCase() {
        assertEquals("550 5.1.1 <X>: user unknown", ann.scrub("550 5.1.1 <ANN_O@Example.COM>: user unknown", "X"));
        assertEquals("X,Ann,Berlin and X.", ann.scrub("ann_o@example.com,Ann,Berlin and Ann_O@example.com.", "X"));
    }

    @Test
    void aLongerAddressThatContainsItIsLeftAlone() {
        for (String other : List.of("joann_o@example.com", "x.ann_o@example.com", "ann_o@example.com.au",
                "ann_o@example.community", "ann_o@example.com-mail.net")) {
            assertFalse(ann.foundIn(other), other);
            assertEquals(other, ann.scrub(other, "X"));
        }
        assertTrue(ann.foundIn("to: ann_o@example.com;"));
        assertNull(ann.scrub(null, "X"));
    }

    @Test
    void likePatternsEscapeTheWildcardsInAnAddress() {
        assertEquals(List.of("%ann!_o@example.com%"), ann.likePatterns());
        assertEquals(List.of("%a!%b!!c@x.example%"), new AddressScrubber(List.of("A%b!c@X.example")).likePatterns());
    }

    @Test
    void everySpellingIsFound() {
        AddressScrubber idn = new AddressScrubber(List.of("jörg@bücher.example", "jörg@xn--bcher-kva.example"));

        assertEquals("<X> <X>", idn.scrub("<jörg@BÜCHER.example> <jörg@xn--bcher-kva.example>", "X"));
    }
}
