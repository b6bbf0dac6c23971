package io.herald.recipient.imports;

import io.herald.recipient.RecipientService;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header row of an import file: the column that holds the address ({@code email}, required), the one that holds
 * the display name ({@code name}, optional; both matched ignoring case), and the others, which become the recipient's
 * attributes under their header names. A header that cannot serve is refused with the reason, naming the column.
 */
public record CsvHeader(List<String> columns, int email, int name) {

    public static final String EMAIL = "email";
    public static final String NAME = "name";

    /** Reads the header from the file's first row; throws naming the problem when it cannot serve. */
    static CsvHeader of(CsvRow first) throws InvalidCsvException {
        if (first == null) {
            throw new InvalidCsvException("the file is empty: its first line must be a header row naming the columns, one of them '"
                    + EMAIL + "'");
        }
        if (first.problem() != null) {
            throw new InvalidCsvException("the header row (line " + first.line() + ") cannot be read: " + first.problem());
        }
        List<String> columns = first.fields().stream().map(String::trim).toList();
        Map<String, Integer> seen = new HashMap<>();
        int email = -1;
        int name = -1;
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            if (column.isEmpty()) {
                throw new InvalidCsvException("column " + (i + 1) + " of the header row has no name");
            }
            String key = column.toLowerCase(Locale.ROOT);
            boolean builtIn = key.equals(EMAIL) || key.equals(NAME);
            Integer earlier = seen.put(builtIn ? key : column, i);
            if (earlier != null) {
                throw new InvalidCsvException("column '" + column + "' appears twice in the header row (columns "
                        + (earlier + 1) + " and " + (i + 1) + ")");
            }
            if (key.equals(EMAIL)) {
                email = i;
            } else if (key.equals(NAME)) {
                name = i;
            } else {
                String problem = RecipientService.attributeNameProblem(column);
                if (problem != null) {
                    throw new InvalidCsvException("column '" + column + "' cannot become an attribute: " + problem);
                }
            }
        }
        if (email < 0) {
            throw new InvalidCsvException("the header row has no '" + EMAIL + "' column (its columns: "
                    + String.join(", ", columns) + ")");
        }
        return new CsvHeader(columns, email, name);
    }

    /** Columns other than email and name: their values become attributes. */
    boolean isAttribute(int column) {
        return column != email && column != name;
    }
}
