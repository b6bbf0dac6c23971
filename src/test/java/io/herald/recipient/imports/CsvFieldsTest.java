package io.herald.recipient.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The quick split of common records agrees with Commons CSV wherever it answers, and leaves the rest to it. */
class CsvFieldsTest {

    /** What Commons CSV makes of a record's text: its one record's fields, or null (no record, several, an error). */
    private static List<String> commons(String text) {
        try (CSVParser parser = CSVParser.parse(text, CsvRecords.FORMAT)) {
            List<CSVRecord> records = parser.getRecords();
            return records.size() == 1 ? records.get(0).toList() : null;
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    @Test
    void plainAndQuotedFieldsAreSplitAsCommonsCsvSplitsThem() {
        for (String text : List.of("ann@example.com,Ann,Berlin\n", "ann@example.com,Ann,Berlin\r\n", "ann@example.com,Ann,Berlin",
                "a,,b\n", "a,\n", ",\n", "a\n", "\"\"\n", "\"Smith, \"\"Ann\"\"\",x\r\n", "\"two\nlines\",\"and\r\nthree\"\n",
                "é,ü and 例,\"😀\"\n", " a , b \n", "a\\,b\n", "\"\"\"\"\n", "a,\"\"\n")) {
            List<String> fields = CsvFields.split(text);
            assertEquals(commons(text), fields, text);
        }
        assertEquals(List.of("Smith, \"Ann\"", "x"), CsvFields.split("\"Smith, \"\"Ann\"\"\",x\r\n"));
        assertEquals(List.of("a", ""), CsvFields.split("a,\n"));
    }

    @Test
    void whatIsNotCommonIsLeftToCommonsCsv() {
        for (String text : List.of(
                "ann@example.com,\"Ann\n",                 // a quote still open: the record goes on, or is broken
                "ann@example.com,\"Ann\"x\n",              // text after a closing quote
                "ann@example.com,\"Ann\"  ,x\n",           // spaces after one, which Commons CSV passes over
                "ann@example.com,An\"n\n",                 // a quote inside a plain field
                "ann@example.com,Ann\rbob@example.com\n",  // a lone CR ends a record
                "ann@example.com,Ann\r",
                "a\ufffeb\n",                              // Commons CSV's mark for a disabled escape
                "\n", "")) {
            assertNull(CsvFields.split(text), text);
        }
    }

    @Test
    void onRandomTextItAgreesWithCommonsCsvWheneverItAnswers() {
        Random random = new Random(20261126);
        int answered = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int k = 0; k < length; k++) {
                text.append(pick(random, "ab, \"\"\r\n\té\\\ufffe"));
            }
            answered += agree(text.append(lineBreak(random)).toString()) ? 1 : 0;
        }
        assertTrue(answered > 10_000, "answered " + answered + " of 200,000");
    }

    @Test
    void onRandomRecordsOfPlainAndQuotedFieldsItAgreesWithCommonsCsvWheneverItAnswers() {
        Random random = new Random(4180);
        int answered = 0;
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder();
            int fields = 1 + random.nextInt(5);
            for (int f = 0; f < fields; f++) {
                text.append(f == 0 ? "" : ",");
                int length = random.nextInt(6);
                if (random.nextBoolean()) {
                    text.append('"');
                    for (int k = 0; k < length; k++) {
                        String c = pick(random, "ab ,\"\n\ré");
                        text.append(c.equals("\"") ? "\"\"" : c);
                    }
                    text.append('"');
                } else {
                    for (int k = 0; k < length; k++) {
                        text.append(pick(random, "ab é\t\\"));
                    }
                }
            }
            if (random.nextInt(10) == 0) {                      // now and then, something out of place
                text.insert(random.nextInt(text.length() + 1), pick(random, "\"\r\n ,x"));
            }
            answered += agree(text.append(lineBreak(random)).toString()) ? 1 : 0;
        }
        assertTrue(answered > 80_000, "answered " + answered + " of 100,000");
    }

    /** True if CsvFields answers for the text, after checking that its answer is Commons CSV's. */
    private static boolean agree(String text) {
        List<String> fields = CsvFields.split(text);
        if (fields == null) {
            return false;
        }
        assertEquals(commons(text), fields, () -> "text: " + text.replace("\r", "\\r").replace("\n", "\\n"));
        return true;
    }

    private static String pick(Random random, String chars) {
        return String.valueOf(chars.charAt(random.nextInt(chars.length())));
    }

    private static String lineBreak(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> "";
            case 1 -> "\n";
            default -> "\r\n";
        };
    }
}
