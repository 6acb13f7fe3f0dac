package io.tollgate.domain.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** How a {@link RecordSchema} applies its {@link FieldAlias}es: in input, in a PATCH, and in its output. */
final class Aliases {

    private Aliases() {}

    /**
     * {@code input} with each alias given a value moved to its path (a copy; {@code input} is untouched). A value whose
     * type is wrong stays where it is, for the flat field's own validation to report; a value at odds with the one
     * given at the path is reported under the flat field's name and dropped.
     */
    static Map<String, @Nullable Object> translate(
            RecordSchema schema, Map<String, ? extends @Nullable Object> input, @Nullable Errors errors) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>(input);
        for (FieldAlias alias : schema.aliases()) {
            Object value = out.get(alias.name());
            if (value == null) {
                continue;
            }
            FieldSpec spec = schema.field(alias.name()).orElseThrow();
            Errors typeErrors = new Errors();
            Object normal = Values.normalise(spec, value, typeErrors);
            if (!typeErrors.isEmpty() || normal == null) {
                continue;
            }
            Object current = at(out, alias.path());
            if (current != null) {
                if (!same(current, normal)) {
                    if (errors != null) {
                        errors.field(
                                alias.name(),
                                "both deprecated and new field are used but their values mismatch: " + alias.name()
                                        + " = " + shown(normal) + " vs " + String.join(".", alias.path()) + " = "
                                        + shown(current));
                    } else {
                        continue; // left for validation to report
                    }
                }
                out.remove(alias.name());
                continue;
            }
            out.remove(alias.name());
            put(out, alias.path(), normal);
        }
        return out;
    }

    /** Shows each alias with its path's value in a normalised record (in place). */
    static void mirror(RecordSchema schema, Map<String, @Nullable Object> normalised) {
        for (FieldAlias alias : schema.aliases()) {
            normalised.put(alias.name(), at(normalised, alias.path()));
        }
    }

    private static @Nullable Object at(Map<String, ? extends @Nullable Object> record, List<String> path) {
        Object value = record;
        for (String name : path) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(name);
        }
        return value;
    }

    private static void put(Map<String, @Nullable Object> record, List<String> path, Object value) {
        Map<String, @Nullable Object> map = record;
        for (int i = 0; i < path.size() - 1; i++) {
            Object inner = map.get(path.get(i));
            Map<String, @Nullable Object> copy =
                    inner instanceof Map<?, ?> m ? new LinkedHashMap<>(RecordSchema.strings(m)) : new LinkedHashMap<>();
            map.put(path.get(i), copy);
            map = copy;
        }
        map.put(path.getLast(), value);
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return Objects.equals(a, b);
    }

    /** Lua's {@code tostring} of a JSON value, as Kong's message shows it. */
    private static String shown(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }
}
