package io.herald.recipient.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a CSV row becomes: a recipient as stored, or a rejection with its reason, its line and its raw text. */
class ImportProcessorTest {

    private final ImportProcessor processor = new ImportProcessor();

    private static CsvHeader header(String... columns) {
        try {
            return CsvHeader.of(CsvRow.read(null, 1, String.join(",", columns), List.of(columns)));
        } catch (InvalidCsvException e) {
            throw new AssertionError(e);
        }
    }

    private ImportRow process(CsvHeader header, String... fields) {
        return processor.process(CsvRow.read(header, 7, String.join(",", fields), List.of(fields)));
    }

    @Test
    void emailAndNameAreTheRecipientAndOtherColumnsItsAttributes() {
        ImportRow row = process(header("email", "name", "code", "city"), "ann@example.com", "Ann", "A-1", "");
        assertEquals(new ImportRow.Entry("ann@example.com", "ann@example.com", "Ann", "{\"code\":\"A-1\"}"), row.entry(),
                "an empty cell is no attribute");
        assertNull(row.reason());
        assertEquals(7, row.line());
    }

    @Test
    void withoutANameColumnTheRecipientHasNoNameAndWithoutOtherColumnsNoAttributes() {
        assertEquals(new ImportRow.Entry("ann@example.com", "ann@example.com", null, null),
                process(header("email"), "ann@example.com").entry());
    }

    @Test
    void theAddressIsStoredTrimmedWithItsKeyAndABlankNameIsNone() {
        assertEquals(new ImportRow.Entry("Ann@Example.COM", "ann@example.com", null, null),
                process(header("email", "name"), "  Ann@Example.COM ", "   ").entry());
        assertEquals("Ann Smith", process(header("email", "name"), "ann@example.com", " Ann Smith ").entry().name());
    }

    @Test
    void attributesAreAJsonObjectInColumnOrderWithEveryCharacterEscaped() {
        ImportRow row = process(header("email", "zone", "note", "city"), "ann@example.com", "Z", "say \"hi\"\\\n\u0001", "é");
        assertEquals("{\"zone\":\"Z\",\"note\":\"say \\\"hi\\\"\\\\\\n\\u0001\",\"city\":\"é\"}", row.entry().attributes());
        assertEquals(Json.createObjectBuilder().add("zone", "Z").add("note", "say \"hi\"\\\n\u0001").add("city", "é").build(),
                Json.createReader(new StringReader(row.entry().attributes())).readObject(), "read back: the cells as they were");
    }

    @Test
    void anInvalidAddressOrNameIsRejectedWithRecipientServicesReason() {
        CsvHeader h = header("email", "name");
        assertEquals("email 'not-an-address' is invalid: malformed address: Missing final '@domain'",
                process(h, "not-an-address", "Nobody").reason());
        assertEquals("email '' is invalid: address is missing", process(h, "", "Nobody").reason());
        assertEquals("name is longer than 200 characters", process(h, "ann@example.com", "N".repeat(201)).reason());
        assertNull(process(h, "ann@example.com", "N".repeat(200)).reason());
        assertTrue(process(h, "ann@example.com", "Ann\u000bSmith").reason().startsWith("name contains a "),
                "a control character cannot go into the To header");
    }

    @Test
    void aRowWithMoreOrFewerFieldsThanTheHeaderIsRejected() {
        CsvHeader h = header("email", "name", "code");
        assertEquals("the row has 4 fields; the header has 3 (email, name, code)",
                process(h, "ann@example.com", "Ann", "A-1", "extra").reason());
        assertEquals("the row has 1 field; the header has 3 (email, name, code)", process(h, "ann@example.com").reason());
    }

    @Test
    void aFieldLongerThanTheLimitIsRejectedNamingItsColumn() {
        ImportRow row = process(header("email", "notes"), "ann@example.com", "n".repeat(ImportProcessor.MAX_FIELD_CHARS + 1));
        assertEquals("field 'notes' is 10,001 characters long; at most 10,000", row.reason());
        assertNull(row.entry());
        assertEquals("ann@example.com," + "n".repeat(10_001), row.raw(), "the raw line goes to the report");
    }

    @Test
    void attributesTooLongToStoreAreRejected() {
        List<String> columns = new ArrayList<>(List.of("email"));
        List<String> fields = new ArrayList<>(List.of("ann@example.com"));
        for (int i = 0; i < 11; i++) {
            columns.add("a" + i);
            fields.add("v".repeat(ImportProcessor.MAX_FIELD_CHARS));
        }
        ImportRow row = process(header(columns.toArray(String[]::new)), fields.toArray(String[]::new));
        assertEquals("the attributes take 110,090 characters as stored; at most 100,000", row.reason());
    }

    @Test
    void aNulCharacterIsRejectedBecausePostgresqlCannotStoreIt() {
        assertEquals("field 'code' contains a NUL character (U+0000)",
                process(header("email", "code"), "ann@example.com", "A\0").reason());
    }

    @Test
    void anUnreadableRowKeepsItsProblem() {
        ImportRow row = processor.process(CsvRow.unreadable(header("email"), 9, "b\uFFFDb@example.com", "invalid UTF-8: …"));
        assertEquals(new ImportRow(9, "b\uFFFDb@example.com", null, "invalid UTF-8: …"), row);
    }

    @Test
    void rejectionTextsAreCutToTheirColumnsAndLoseNulCharacters() {
        ImportRejection r = new ImportRejection(1, 2, "x".repeat(5000), "bad\0address");
        assertEquals(ImportRejection.MAX_RAW_CHARS, r.getRawLine().length());
        assertEquals("x".repeat(ImportRejection.MAX_RAW_CHARS - 1) + "…", r.getRawLine());
        assertEquals("bad\uFFFDaddress", r.getReason());
        assertEquals(String.join("", Collections.nCopies(3, "ab")), ImportRejection.storable("ababab", 10));
    }
}
