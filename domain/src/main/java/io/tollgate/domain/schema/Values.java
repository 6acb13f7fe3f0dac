package io.tollgate.domain.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Type-checks and normalises one value against its {@link FieldSpec}, with Kong's messages. */
final class Values {

    private Values() {}

    /** Returns the normalised value, or records an error under {@code spec.name()} and returns {@code null}. */
    static @Nullable Object normalise(FieldSpec spec, Object raw, Errors errors) {
        if (spec.rules().contains(Rules.isNull())) {
            return fail(spec, errors, "value must be null"); // Kong's eq = null comes before the type check
        }
        Object value = switch (spec.kind()) {
            case STRING ->
                raw instanceof String s
                        ? (s.isEmpty() && !spec.rules().contains(Rules.emptyAllowed())
                                ? fail(spec, errors, "length must be at least 1")
                                : s)
                        : fail(spec, errors, "expected a string");
            case INTEGER ->
                integer(raw).map(Object.class::cast).orElseGet(() -> fail(spec, errors, "expected an integer"));
            case NUMBER -> raw instanceof Number n ? (Object) n.doubleValue() : fail(spec, errors, "expected a number");
            case BOOLEAN -> raw instanceof Boolean ? raw : fail(spec, errors, "expected a boolean");
            case ARRAY, SET -> list(spec, raw, errors);
            case MAP -> map(spec, raw, errors);
            case RECORD -> record(spec, raw, errors);
            case FOREIGN -> foreign(spec, raw, errors);
        };
        if (spec.isReferenceable() && VaultReference.isReference(value)) {
            return value; // Kong's schema accepts a reference in a referenceable field without its other validators
        }
        if (value != null && !errors.has(spec.name())) {
            Optional<String> failure = spec.ruleProblem(value);
            if (failure.isPresent()) {
                return fail(spec, errors, failure.get());
            }
        }
        return value;
    }

    private static @Nullable Object fail(FieldSpec spec, Errors errors, Object message) {
        errors.field(spec.name(), message);
        return null;
    }

    static Optional<Long> integer(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return Optional.of(((Number) raw).longValue());
        }
        if (raw instanceof Number n
                && !(raw instanceof Float)
                && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 9.007199254740992E15) {
            return Optional.of((long) n.doubleValue());
        }
        return Optional.empty();
    }

    private static @Nullable Object list(FieldSpec spec, Object raw, Errors errors) {
        if (!(raw instanceof List<?> items)) {
            return fail(spec, errors, spec.kind() == Kind.SET ? "expected a set" : "expected an array");
        }
        FieldSpec element = Objects.requireNonNull(spec.elements(), "elements");
        List<Object> out = new ArrayList<>();
        // Kong's errors of an array are positional: {[i] = message}, JSON [null, "message"] for the second element
        List<@Nullable Object> problems = new ArrayList<>();
        int failed = 0;
        for (Object item : items) {
            Errors nested = new Errors();
            Object value = item == null ? null : normalise(element, item, nested);
            if (item == null) {
                problems.add("required field missing");
                failed = problems.size();
            } else if (!nested.isEmpty()) {
                problems.add(nested.asMap().get(element.name()));
                failed = problems.size();
            } else {
                problems.add(null);
                out.add(value);
            }
        }
        if (failed > 0) {
            return fail(spec, errors, new ArrayList<>(problems.subList(0, failed)));
        }
        return spec.kind() == Kind.SET ? List.copyOf(new LinkedHashSet<>(out)) : List.copyOf(out);
    }

    private static @Nullable Object map(FieldSpec spec, Object raw, Errors errors) {
        if (raw instanceof List<?> list) {
            // as Kong reads a JSON array given for a map: a table whose keys (1, 2, …) are not strings
            return list.isEmpty() ? Map.of() : fail(spec, errors, "expected a string");
        }
        if (!(raw instanceof Map<?, ?> entries)) {
            return fail(spec, errors, "expected a map");
        }
        FieldSpec element = Objects.requireNonNull(spec.elements(), "elements");
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : entries.entrySet()) {
            Errors nested = new Errors();
            Object value = entry.getValue() == null ? null : normalise(element, entry.getValue(), nested);
            if (value == null) {
                Object why = nested.isEmpty()
                        ? "required field missing"
                        : nested.asMap().get(element.name());
                // Kong reports the first bad value's error as the map field's own, not keyed by the entry
                return fail(spec, errors, Objects.requireNonNull(why));
            }
            out.put(String.valueOf(entry.getKey()), value);
        }
        return out;
    }

    private static @Nullable Object record(FieldSpec spec, Object raw, Errors errors) {
        if (!(raw instanceof Map<?, ?> entries)) {
            return fail(spec, errors, "expected a record");
        }
        Errors nested = new Errors();
        Map<String, @Nullable Object> out =
                Objects.requireNonNull(spec.record(), "record").validate(RecordSchema.strings(entries), nested);
        if (nested.asMap().get(Errors.RECORD) instanceof String whole) {
            return fail(spec, errors, whole); // the record's custom_validator: the field's error is its message
        }
        return nested.isEmpty() ? out : fail(spec, errors, nested.asMap());
    }

    private static @Nullable Object foreign(FieldSpec spec, Object raw, Errors errors) {
        if (raw instanceof RejectedReference rejected) {
            return fail(spec, errors, rejected.errors());
        }
        if (!(raw instanceof Map<?, ?> ref)) {
            return fail(spec, errors, "expected a record");
        }
        // Kong's validate_primary_key: an absent key is "missing primary key", a null one "required field missing"
        if (!ref.containsKey("id")) {
            return fail(spec, errors, Map.of("id", "missing primary key"));
        }
        Object id = ref.get("id");
        if (id == null) {
            return fail(spec, errors, Map.of("id", "required field missing"));
        }
        // Kong validates only the primary key of a reference and ignores other fields (Kong Manager sends the whole
        // referenced entity, e.g. an SNI's certificate with its created_at); only the id is kept
        if (!(id instanceof String s) || !isUuid(s)) {
            return fail(spec, errors, Map.of("id", "expected a valid UUID"));
        }
        return Map.of("id", s.toLowerCase());
    }

    static boolean isUuid(String s) {
        if (s.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
