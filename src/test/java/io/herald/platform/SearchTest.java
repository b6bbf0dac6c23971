package io.herald.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SearchTest {

    @Test
    void qBecomesALowerCaseSubstringPatternWithItsWildcardsEscaped() {
        assertEquals("%news%", Search.contains("  NEWS "));
        assertEquals("%50!% off!_now!!%", Search.contains("50% off_now!"));
        assertNull(Search.contains(" "));
        assertNull(Search.contains(null));
    }

    @Test
    void aTooLongQIsRefusedNamingQ() {
        assertEquals("q", assertThrows(ApiException.class, () -> Search.contains("x".repeat(201))).field());
    }
}
