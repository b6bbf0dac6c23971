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
    void qBecomesALowerCasePrefixPatternWithItsWildcardsEscaped() {
        assertEquals("ada@example.org%", Search.startsWith(" Ada@Example.ORG "));
        assertEquals("a!_b!%c!!%", Search.startsWith("a_b%c!"));
        assertNull(Search.startsWith(""));
        assertNull(Search.startsWith(null));
    }

    @Test
    void aTooLongQIsRefusedNamingQ() {
        assertEquals("q", assertThrows(ApiException.class, () -> Search.contains("x".repeat(201))).field());
        assertEquals("q", assertThrows(ApiException.class, () -> Search.startsWith("x".repeat(201))).field());
    }
}
