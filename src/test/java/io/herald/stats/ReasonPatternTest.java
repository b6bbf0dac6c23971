package io.herald.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReasonPatternTest {

    @Test
    void addressesAndCodesDisappearSoOneReasonCountsOnce() {
        String a = ReasonPattern.apply("550 5.1.1 <r3@t1.example.com>: Recipient address rejected: User unknown");
        String b = ReasonPattern.apply("550 5.1.1 <bob.smith@Other.example>: Recipient address rejected: User unknown");
        assertEquals("<{address}>: Recipient address rejected: User unknown", a);
        assertEquals(a, b);
    }

    @Test
    void wordsHoldingDigitsBecomeHash() {
        assertEquals("Mailbox full (quota # bytes), queued as #",
                ReasonPattern.apply("452-4.2.2 Mailbox full (quota 52428800 bytes), queued as 4XyZ12AbC"));
        assertEquals("connection from #.#.#.# refused", ReasonPattern.apply("connection from 192.0.2.1 refused"));
    }

    @Test
    void aTextWithoutCodesKeepsItsWords() {
        assertEquals("Message rejected as spam", ReasonPattern.apply("Message rejected as spam"));
        assertNull(ReasonPattern.apply(null));
    }

    @Test
    void patternsAreCutToTheirMaximumLength() {
        assertEquals(ReasonPattern.MAX_LENGTH, ReasonPattern.apply("x".repeat(500)).length());
    }

    @Test
    void postgresqlReplacesEveryMatchWithTheGFlagAndH2WithoutIt() {
        assertEquals("REGEXP_REPLACE(t, '[0-9]', '#', 'g')", SqlDialect.POSTGRESQL.replaceAll("t", "[0-9]", "#"));
        assertEquals("REGEXP_REPLACE(t, '[0-9]', '#')", SqlDialect.H2.replaceAll("t", "[0-9]", "#"));
        String sql = ReasonPattern.sql(SqlDialect.POSTGRESQL, "reply_text");
        assertTrue(sql.startsWith("SUBSTRING(REGEXP_REPLACE(REGEXP_REPLACE("), sql);
        assertFalse(ReasonPattern.sql(SqlDialect.H2, "reply_text").contains("'g'"));
    }

    @Test
    void aFragmentThatWouldMeanSomethingElseOnOneDatabaseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SqlDialect.H2.replaceAll("t", "(a)", "$1"));
        assertThrows(IllegalArgumentException.class, () -> SqlDialect.H2.replaceAll("t", "'", "x"));
    }
}
