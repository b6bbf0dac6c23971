package io.herald.recipient.imports;

import io.herald.platform.Fields;
import io.herald.recipient.Recipient;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/**
 * Turns a CSV row into the recipient it adds (address, key, name, the other columns as attributes, written as stored)
 * or a rejection: a row that could not be read, has more or fewer fields than the header, a field too long to store,
 * an invalid address or name. Never filters a row out: rejections travel to the writer, which reports them in the
 * chunk's transaction. Whether the address is already in the list or earlier in the file only the writer can tell.
 */
@Named
@Dependent
public class ImportProcessor implements ItemProcessor {

    /** The longest field, in characters: an attribute is a short value to personalise a message with. */
    static final int MAX_FIELD_CHARS = 10_000;
    /** recipient.attributes is VARCHAR(100000) (V1__core.sql): the attributes as stored must fit. */
    static final int MAX_ATTRIBUTES_CHARS = 100_000;
    /** recipient.name is VARCHAR(200); RecipientService refuses a longer name with the same reason. */
    static final int MAX_NAME_CHARS = 200;
    /** Writes attributes as AttributesConverter stores them: a JSON object, escaped by JSON-P as JSON-B does. */
    private static final JsonGeneratorFactory JSON = Json.createGeneratorFactory(Map.of());

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
        for (int i = 0; i < fields.size(); i++) {
            String problem = fieldProblem(header.columns().get(i), fields.get(i));
            if (problem != null) {
                return ImportRow.rejected(row, problem);
            }
        }
        String attributes = attributes(header, fields);
        if (attributes != null && attributes.length() > MAX_ATTRIBUTES_CHARS) {
            return ImportRow.rejected(row, String.format("the attributes take %,d characters as stored; at most %,d",
                    attributes.length(), MAX_ATTRIBUTES_CHARS));
        }
        String email = fields.get(header.email());
        String name = header.name() < 0 ? null : fields.get(header.name());
        String problem = recipientProblem(email, name);
        if (problem != null) {
            return ImportRow.rejected(row, problem);
        }
        String address = email.trim();
        return ImportRow.accepted(row, new ImportRow.Entry(address, Recipient.keyOf(address),
                name == null || name.isBlank() ? null : name.trim(), attributes));
    }

    private static String fieldProblem(String column, String value) {
        if (value.length() > MAX_FIELD_CHARS) {
            return String.format("field '%s' is %,d characters long; at most %,d", column, value.length(), MAX_FIELD_CHARS);
        }
        if (value.indexOf('\0') >= 0) {
            return "field '" + column + "' contains a NUL character (U+0000)";
        }
        return null;
    }

    /**
     * Why the address or the name cannot be stored, or null: RecipientService.problemWith's rules and reasons (the
     * rules of POST /lists/{id}/recipients) for a CSV row, whose attribute names CsvHeader checked and whose values are
     * strings.
     */
    static String recipientProblem(String email, String name) {
        String addressProblem = Fields.addressProblem(email);
        if (addressProblem != null) {
            return "email '" + email + "' is invalid: " + addressProblem;
        }
        String nameProblem = Fields.headerProblem("name", name);    // the name goes into the To header
        if (nameProblem != null) {
            return nameProblem;
        }
        if (name != null && name.length() > MAX_NAME_CHARS) {
            return "name is longer than " + MAX_NAME_CHARS + " characters";
        }
        return null;
    }

    /** The columns other than email and name as stored: a JSON object in column order, or null when every cell is empty. */
    static String attributes(CsvHeader header, List<String> fields) {
        StringWriter json = null;
        JsonGenerator out = null;
        for (int i = 0; i < fields.size(); i++) {
            String value = fields.get(i);
            if (header.isAttribute(i) && !value.isEmpty()) {     // an empty cell is no attribute, as a JSON null is none
                if (out == null) {
                    json = new StringWriter(64);
                    out = JSON.createGenerator(json).writeStartObject();
                }
                out.write(header.columns().get(i), value);
            }
        }
        if (out == null) {
            return null;
        }
        out.writeEnd().close();
        return json.toString();
    }
}
