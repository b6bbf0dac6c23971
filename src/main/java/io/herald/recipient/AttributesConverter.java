package io.herald.recipient;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Stores a recipient's attributes as a JSON object in one text column (portable across H2 and PostgreSQL). */
@Converter
public class AttributesConverter implements AttributeConverter<Map<String, String>, String> {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Override
    public String convertToDatabaseColumn(Map<String, String> attributes) {
        return attributes == null || attributes.isEmpty() ? null : JSONB.toJson(attributes);
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String json) {
        return fromJson(json);
    }

    /** Parses the column value; null or empty means no attributes. */
    public static Map<String, String> fromJson(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        Map<String, String> parsed = JSONB.fromJson(json, new LinkedHashMap<String, String>() {
        }.getClass().getGenericSuperclass());
        return parsed;
    }
}
