package io.herald.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvCellsTest {

    @Test
    void plainValuesAreWrittenAsTheyAre() {
        assertEquals("250 2.0.0 Ok", CsvCells.field("250 2.0.0 Ok"));
        assertEquals("", CsvCells.field(null));
        assertEquals("", CsvCells.field(""));
    }

    @Test
    void formulaLikeValuesGetAnApostrophe() {
        assertEquals("'=HYPERLINK(x)", CsvCells.field("=HYPERLINK(x)"));
        assertEquals("'+1", CsvCells.field("+1"));
        assertEquals("'-2+3", CsvCells.field("-2+3"));
        assertEquals("'@SUM(A1)", CsvCells.field("@SUM(A1)"));
        assertEquals("'\tcmd", CsvCells.field("\tcmd"));
        assertEquals("\"'\rcmd\"", CsvCells.field("\rcmd"));
    }

    @Test
    void commasQuotesAndLineBreaksAreQuoted() {
        assertEquals("\"a,b\"", CsvCells.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvCells.field("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvCells.field("two\nlines"));
        assertEquals("\"'=1,2\"", CsvCells.field("=1,2"));
    }

    @Test
    void aRecordEndsWithCrlfAndLeavesNullsEmpty() {
        assertEquals("a,,\"b,c\",'-x\r\n", CsvCells.record(Arrays.asList("a", null, "b,c", "-x")));
    }
}
