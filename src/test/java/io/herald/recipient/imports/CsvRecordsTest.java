package io.herald.recipient.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How an import file is read record by record: BOM, RFC 4180 quoting, bad records, line numbers, restart offsets. */
class CsvRecordsTest {

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return file(content.getBytes(StandardCharsets.UTF_8));
    }

    private Path file(byte[] content) throws IOException {
        Path f = Files.createTempFile(dir, "import", ".csv");
        Files.write(f, content);
        return f;
    }

    private static List<CsvRow> readAll(Path f) throws IOException {
        List<CsvRow> rows = new ArrayList<>();
        try (CsvRecords records = CsvRecords.open(f, null)) {
            for (CsvRow row = records.next(); row != null; row = records.next()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            out.writeBytes(p instanceof byte[] b ? b : p.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
        Path f = file(bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "email,name\r\nann@example.com,Ann\r\n"));
        assertEquals(List.of("email", "name"), CsvRecords.header(f).columns());
        List<CsvRow> rows = readAll(f);
        assertEquals(1, rows.size());
        assertEquals(2, rows.get(0).line());
        assertEquals(List.of("ann@example.com", "Ann"), rows.get(0).fields());
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaksAndLinesAreCountedInTheFile() throws IOException {
        Path f = file(String.join("\n",
                "email,name,note",
                "ann@example.com,\"Smith, \"\"Ann\"\"\",plain",
                "bob@example.com,Bob,\"two",
                "lines\"",
                "eve@example.com,Eve,\"é, ü and 例\"",
                ""));
        List<CsvRow> rows = readAll(f);
        assertEquals(3, rows.size());
        assertEquals(List.of("ann@example.com", "Smith, \"Ann\"", "plain"), rows.get(0).fields());
        assertEquals(2, rows.get(0).line());
        assertEquals(List.of("bob@example.com", "Bob", "two\nlines"), rows.get(1).fields());
        assertEquals(3, rows.get(1).line());
        assertEquals("bob@example.com,Bob,\"two\nlines\"", rows.get(1).raw());
        assertEquals(5, rows.get(2).line(), "the line after a two-line record");
        assertEquals("é, ü and 例", rows.get(2).fields().get(2));
    }

    @Test
    void invalidUtf8SpoilsOnlyItsOwnRow() throws IOException {
        Path f = file(bytes("email,name\nann@example.com,Ann\nbob@example.com,B", new byte[] {(byte) 0xC3, 0x28},
                "b\neve@example.com,Eve\n"));
        List<CsvRow> rows = readAll(f);
        assertEquals(3, rows.size());
        CsvRow bad = rows.get(1);
        assertEquals(3, bad.line());
        assertEquals("invalid UTF-8: byte 18 of the row (0xC3) is not part of a valid UTF-8 character; save the file as UTF-8",
                bad.problem());
        assertEquals("bob@example.com,B\uFFFD(b", bad.raw(), "the raw text shows the bad byte as U+FFFD");
        assertNull(rows.get(2).problem());
        assertEquals(List.of("eve@example.com", "Eve"), rows.get(2).fields());
    }

    @Test
    void aQuoteThatIsNeverClosedIsReportedOnItsLineAndReadingGoesOnWithTheNext() throws IOException {
        Path f = file("email,name\nann@example.com,\"Ann\nbob@example.com,Bob\neve@example.com,Eve\n");
        List<CsvRow> rows = readAll(f);
        assertEquals(3, rows.size());
        assertEquals(2, rows.get(0).line());
        assertEquals("ann@example.com,\"Ann", rows.get(0).raw());
        assertEquals("a quoted field opened on this line is never closed (a \" is missing, or the row is longer than 100"
                + " lines or 65,536 bytes)", rows.get(0).problem());
        assertEquals(List.of("bob@example.com", "Bob"), rows.get(1).fields());
        assertEquals(3, rows.get(1).line());
        assertEquals(4, rows.get(2).line());
    }

    @Test
    void textAfterAClosingQuoteIsMalformedQuoting() throws IOException {
        List<CsvRow> rows = readAll(file("email,name\nann@example.com,\"Ann\"x\nbob@example.com,Bob\n"));
        assertTrue(rows.get(0).problem().startsWith("malformed quoting: "), rows.get(0).problem());
        assertEquals(List.of("bob@example.com", "Bob"), rows.get(1).fields());
    }

    @Test
    void aLineLongerThanARowMayBeIsRefusedWithoutBeingHeldWhole() throws IOException {
        String huge = "x".repeat(3 * CsvRecords.MAX_RECORD_BYTES);
        List<CsvRow> rows = readAll(file("email,name\nann@example.com," + huge + "\nbob@example.com,Bob\n"));
        assertEquals(String.format("the line is %,d bytes long; a row may be at most %,d bytes",
                "ann@example.com,".length() + huge.length() + 1, CsvRecords.MAX_RECORD_BYTES), rows.get(0).problem());
        assertTrue(rows.get(0).raw().length() <= CsvRecords.MAX_RECORD_BYTES);
        assertEquals(3, rows.get(1).line());
        assertEquals(List.of("bob@example.com", "Bob"), rows.get(1).fields());
    }

    @Test
    void blankLinesArePassedOverAndTheLastLineNeedsNoLineBreak() throws IOException {
        List<CsvRow> rows = readAll(file("email,name\n\nann@example.com,Ann\r\n\r\nbob@example.com,Bob"));
        assertEquals(List.of(3L, 5L), rows.stream().map(CsvRow::line).toList());
        assertEquals(List.of("bob@example.com", "Bob"), rows.get(1).fields());
    }

    @Test
    void aBareCarriageReturnInsideALineIsRefused() throws IOException {
        List<CsvRow> rows = readAll(file("email,name\nann@example.com,Ann\rbob@example.com,Bob\n"));
        assertEquals(1, rows.size());
        assertTrue(rows.get(0).problem().contains("carriage return"), rows.get(0).problem());
    }

    @Test
    void aRestartFromACheckpointReadsExactlyTheRowsThatFollowIt() throws IOException {
        Path f = file(bytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "email,name\r\na@example.com,\"A\r\nB\"\r\nb@example.com,Bé\r\n\r\nc@example.com,C\r\nd@example.com,D\r\n"));
        List<CsvRow> all = readAll(f);
        for (int k = 0; k <= all.size(); k++) {
            ImportCheckpoint checkpoint;
            try (CsvRecords records = CsvRecords.open(f, null)) {
                for (int i = 0; i < k; i++) {
                    records.next();
                }
                checkpoint = records.position();
            }
            List<CsvRow> rest = new ArrayList<>();
            try (CsvRecords records = CsvRecords.open(f, checkpoint)) {
                for (CsvRow row = records.next(); row != null; row = records.next()) {
                    rest.add(row);
                }
            }
            assertEquals(all.subList(k, all.size()), rest, "rows after a checkpoint taken after row " + k);
        }
    }
}
