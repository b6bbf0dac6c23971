package io.herald.recipient.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which header rows an import accepts, and the reason it gives for the others. */
class CsvHeaderTest {

    private static CsvHeader header(String... columns) throws InvalidCsvException {
        return CsvHeader.of(CsvRow.read(null, 1, String.join(",", columns), List.of(columns)));
    }

    private static String refusal(String... columns) {
        return assertThrows(InvalidCsvException.class, () -> header(columns)).getMessage();
    }

    @Test
    void emailAndNameAreFoundIgnoringCaseAndTheOtherColumnsAreAttributes() throws InvalidCsvException {
        CsvHeader h = header("code", " Email ", "NAME", "city");
        assertEquals(1, h.email());
        assertEquals(2, h.name());
        assertEquals(List.of(true, false, false, true), List.of(h.isAttribute(0), h.isAttribute(1), h.isAttribute(2), h.isAttribute(3)));
    }

    @Test
    void aHeaderWithoutAnEmailColumnIsRefusedNamingItsColumns() {
        assertEquals("the header row has no 'email' column (its columns: name, code)", refusal("name", "code"));
    }

    @Test
    void aColumnThatCannotNameAnAttributeIsRefused() {
        assertEquals("column 'First Name' cannot become an attribute: attribute name 'First Name' must start with a letter"
                + " or _ and use only letters, digits, _ . -", refusal("email", "First Name"));
    }

    @Test
    void duplicateAndNamelessColumnsAreRefused() {
        assertEquals("column 'Email' appears twice in the header row (columns 1 and 3)", refusal("email", "name", "Email"));
        assertEquals("column 2 of the header row has no name", refusal("email", " "));
    }

    @Test
    void anEmptyOrUnreadableFirstRowIsRefused() {
        assertEquals("the file is empty: its first line must be a header row naming the columns, one of them 'email'",
                assertThrows(InvalidCsvException.class, () -> CsvHeader.of(null)).getMessage());
        assertEquals("the header row (line 1) cannot be read: invalid UTF-8: …",
                assertThrows(InvalidCsvException.class,
                        () -> CsvHeader.of(CsvRow.unreadable(null, 1, "em\uFFFDail", "invalid UTF-8: …"))).getMessage());
    }
}
