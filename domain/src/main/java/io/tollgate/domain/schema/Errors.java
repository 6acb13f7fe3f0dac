package io.tollgate.domain.schema;

import io.tollgate.domain.shared.SchemaViolation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects the errors of one validation in the shape of Kong's {@code fields} object. */
public final class Errors {

    /** Where {@link #record} keeps its message until the enclosing field takes it. */
    static final String RECORD = "@record";

    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** Records {@code message} for {@code field}; the first message of a field wins. */
    public void field(String field, Object message) {
        fields.putIfAbsent(field, message);
    }

    /** Records {@code message} for {@code field} in place of any message it has. */
    public void replace(String field, Object message) {
        fields.put(field, message);
    }

    /** Records an entity-level message, rendered under {@code "@entity"}. */
    @SuppressWarnings("unchecked")
    public void entity(String message) {
        ((List<Object>) fields.computeIfAbsent("@entity", k -> new ArrayList<>())).add(message);
    }

    /**
     * Records the failure of Kong's {@code custom_validator} of a nested record: its message becomes the record
     * field's whole error, a string ({@code {"config": "content_type requires a body"}}), as Kong reports a field
     * validator. The first such message wins.
     */
    public void record(String message) {
        fields.putIfAbsent(RECORD, message);
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    Map<String, Object> asMap() {
        return fields;
    }

    /** @throws SchemaViolation when any error was recorded */
    public void throwIfAny() {
        if (!fields.isEmpty()) {
            throw new SchemaViolation(fields);
        }
    }
}
