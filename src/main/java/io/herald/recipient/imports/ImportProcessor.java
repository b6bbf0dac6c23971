package io.herald.recipient.imports;

import io.herald.recipient.RecipientRequest;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import jakarta.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a CSV row into a recipient entry (email, name, the other columns as attributes) or a rejection: a row that
 * could not be read, has more or fewer fields than the header, or a field too long to store. Never filters a row
 * out: rejections travel to the writer, which reports them in the chunk's transaction. The recipient rules themselves
 * (address, name, duplicates) are RecipientService's, applied by the writer.
 */
@Named
@Dependent
public class ImportProcessor implements ItemProcessor {

    /** The longest field, in characters: an attribute is a short value to personalise a message with. */
    static final int MAX_FIELD_CHARS = 10_000;
    /** recipient.attributes is VARCHAR(100000) (V1__core.sql): the attributes as stored must fit. */
    static final int MAX_ATTRIBUTES_CHARS = 100_000;
    /** JSON writes a character as at most 6 ("\u001f"); a name and its value add 6 ("":"",), the braces 2. */
    private static final int MAX_JSON_CHARS_PER_CHAR = 6;

    @Override
    public Object processItem(Object item) {
        return process((CsvRow) item);
    }

    ImportRow process(CsvRow row) {
        if (row.problem() != null) {
            return ImportRow.rejected(row, row.problem());
        }
        CsvHeader header = row.header();
        List<String> fields = row.fields();
        if (fields.size() != header.columns().size()) {
            return ImportRow.rejected(row, "the row has " + fields.size() + (fields.size() == 1 ? " field" : " fields")
                    + "; the header has " + header.columns().size() + " (" + String.join(", ", header.columns()) + ")");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            String column = header.columns().get(i);
            String value = fields.get(i);
            if (value.length() > MAX_FIELD_CHARS) {
                return ImportRow.rejected(row, String.format("field '%s' is %,d characters long; at most %,d",
                        column, value.length(), MAX_FIELD_CHARS));
            }
            if (value.indexOf('\0') >= 0) {
                return ImportRow.rejected(row, "field '" + column + "' contains a NUL character (U+0000)");
            }
            if (header.isAttribute(i) && !value.isEmpty()) {
                attributes.put(column, value);    // an empty cell is no attribute, as a JSON null is none
            }
        }
        if (storedLengthBound(attributes) > MAX_ATTRIBUTES_CHARS) {      // rare: only then are they written out
            int stored = storedLength(attributes);
            if (stored > MAX_ATTRIBUTES_CHARS) {
                return ImportRow.rejected(row, String.format("the attributes take %,d characters as stored; at most %,d",
                        stored, MAX_ATTRIBUTES_CHARS));
            }
        }
        String name = header.name() < 0 ? null : fields.get(header.name());
        return ImportRow.accepted(row, new RecipientRequest(fields.get(header.email()), name,
                new LinkedHashMap<String, Object>(attributes)));
    }

    /** The longest the attributes can be as stored, without writing them out. */
    static long storedLengthBound(Map<String, String> attributes) {
        long bound = 2;
        for (var a : attributes.entrySet()) {
            bound += 6 + (long) MAX_JSON_CHARS_PER_CHAR * (a.getKey().length() + a.getValue().length());
        }
        return bound;
    }

    /** How long the attributes are as AttributesConverter stores them: a JSON object, escaped by JSON-P as JSON-B does. */
    static int storedLength(Map<String, String> attributes) {
        var json = Json.createObjectBuilder();
        attributes.forEach(json::add);
        return json.build().toString().length();
    }
}
