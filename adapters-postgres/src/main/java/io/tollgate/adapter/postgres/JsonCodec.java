package io.tollgate.adapter.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.JSONB;
import org.jspecify.annotations.Nullable;

/**
 * Entity field maps to and from JSONB. Whole numbers read back as {@link Long} (the schemas' integer
 * normalisation); top-level fields come back in the schema's declaration order (JSONB does not keep key order).
 */
final class JsonCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final TypeReference<LinkedHashMap<String, @Nullable Object>> MAP = new TypeReference<>() {};

    private JsonCodec() {}

    static JSONB write(Object value) {
        try {
            return JSONB.valueOf(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be stored as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, @Nullable Object> read(JSONB json) {
        try {
            return MAPPER.readValue(json.data(), MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** The stored fields, in {@code schema}'s declaration order (unknown keys last). */
    static Map<String, @Nullable Object> readFields(EntitySchema schema, JSONB json) {
        return orderedFields(schema, read(json));
    }

    /** {@code fields} (a JSON object read back) in {@code schema}'s declaration order, unknown keys last. */
    static Map<String, @Nullable Object> orderedFields(EntitySchema schema, Map<?, ?> fields) {
        Map<String, @Nullable Object> stored = new LinkedHashMap<>();
        fields.forEach((key, value) -> stored.put(String.valueOf(key), value));
        Map<String, @Nullable Object> ordered = new LinkedHashMap<>();
        for (FieldSpec field : schema.fields()) {
            if (stored.containsKey(field.name())) {
                ordered.put(field.name(), stored.remove(field.name()));
            }
        }
        ordered.putAll(stored);
        return ordered;
    }
}
