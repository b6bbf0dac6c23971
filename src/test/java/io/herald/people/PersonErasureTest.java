package io.herald.people;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PersonErasureTest {

    @Test
    void theReplacementIsNewForEveryErasureAndNeverTheAddress() {
        String first = PersonErasure.replacement("ann@example.com");

        assertTrue(first.matches("erased:[0-9a-f]{32}"), first);
        assertNotEquals(first, PersonErasure.replacement("ann@example.com"), "salted: nobody can compute it again");
    }
}
