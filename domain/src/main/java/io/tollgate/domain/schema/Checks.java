package io.tollgate.domain.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Kong's entity checks ({@code entity_checks}), each run with Kong's semantics and messages and declared as Kong's
 * schemas declare it ({@link Check#declaration()}), so that {@code GET /schemas/{entity}} shows the checks that
 * actually run. Field names may be dotted paths into nested records ({@code config.allow}), as in Kong's plugin
 * schemas. A field is <em>non-empty</em> when it is set and, for a string, array or map, not empty.
 */
public final class Checks {

    private Checks() {}

    /** Kong's {@code at_least_one_of}: {@code at least one of these fields must be non-empty: 'a', 'b'}. */
    public static Check atLeastOneOf(String... fields) {
        List<String> names = List.of(fields);
        return declared("at_least_one_of", names, names, (values, errors) -> {
            if (names.stream().noneMatch(f -> nonEmpty(value(values, f)))) {
                errors.entity("at least one of these fields must be non-empty: " + quoted(names));
            }
        });
    }

    /** Kong's {@code only_one_of}: exactly one non-empty, else {@code only one of these fields must be non-empty}. */
    public static Check onlyOneOf(String... fields) {
        List<String> names = List.of(fields);
        return declared("only_one_of", names, names, (values, errors) -> {
            if (names.stream().filter(f -> nonEmpty(value(values, f))).count() != 1) {
                errors.entity("only one of these fields must be non-empty: " + quoted(names));
            }
        });
    }

    /** Kong's {@code mutually_exclusive}: at most one set, else {@code only one or none of these fields must be set}. */
    public static Check mutuallyExclusive(String... fields) {
        List<String> names = List.of(fields);
        return declared("mutually_exclusive", names, names, (values, errors) -> {
            if (names.stream().filter(f -> value(values, f) != null).count() > 1) {
                errors.entity("only one or none of these fields must be set: " + quoted(names));
            }
        });
    }

    /** Kong's {@code distinct}: set fields differ, else {@code values of these fields must be distinct: 'a', 'b'}. */
    public static Check distinct(String... fields) {
        List<String> names = List.of(fields);
        return declared("distinct", names, names, (values, errors) -> {
            List<Object> set = names.stream()
                    .map(f -> value(values, f))
                    .filter(Objects::nonNull)
                    .toList();
            if (set.stream().distinct().count() < set.size()) {
                errors.entity("values of these fields must be distinct: " + quoted(names));
            }
        });
    }

    /**
     * Kong's {@code conditional}: when {@code ifField} is set and satisfies {@code ifMatch}, {@code thenField} must
     * satisfy {@code thenMatch}; otherwise {@code thenField} gets the match's message (in place of its own, when its
     * value failed its field's validation too) and the entity
     * {@code failed conditional validation given value of field '<ifField>'}. As Kong's, it runs whenever
     * {@code ifField} is valid, reading an invalid {@code thenField} as given.
     */
    public static Check conditional(String ifField, Match ifMatch, String thenField, Match thenMatch) {
        Map<String, @Nullable Object> argument = new LinkedHashMap<>();
        argument.put("if_field", ifField);
        argument.put("if_match", ifMatch.declaration());
        argument.put("then_field", thenField);
        argument.put("then_match", thenMatch.declaration());
        return declared("conditional", argument, List.of(ifField), (values, errors) -> {
            Object condition = value(values, ifField);
            if (condition != null && ifMatch.test(condition) && !thenMatch.test(value(values, thenField))) {
                errors.replace(thenField, thenMatch.message());
                errors.entity("failed conditional validation given value of field '" + ifField + "'");
            }
        });
    }

    /**
     * Kong's {@code custom_entity_check}: a check that is code, reading {@code fieldSources} (shown as Kong's
     * {@code field_sources}). As Kong runs it, it runs when none of its field sources has an error, whatever the other
     * fields hold, so its code must read only those fields.
     */
    public static Check custom(List<String> fieldSources, Check body) {
        List<String> sources = List.copyOf(fieldSources);
        return declared("custom_entity_check", Map.of("field_sources", sources), sources, body);
    }

    /**
     * Kong's {@code custom_validator} of a record field: code that runs only once every field of the record is valid,
     * and whose failure ({@link Errors#record}) is the record field's whole error. It declares nothing (an empty
     * {@link Check#declaration()}): Kong's Admin API drops functions from the schemas it shows.
     */
    public static Check recordValidator(Check body) {
        return new RecordValidator(body);
    }

    /** The value at a dotted path, {@code null} when any step is unset or not a record. */
    static @Nullable Object value(Map<String, @Nullable Object> values, String path) {
        Object current = values;
        for (String step : path.split("\\.", -1)) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(step);
        }
        return current;
    }

    static boolean nonEmpty(@Nullable Object value) {
        return value != null
                && !(value instanceof String s && s.isEmpty())
                && !(value instanceof List<?> l && l.isEmpty())
                && !(value instanceof Map<?, ?> m && m.isEmpty());
    }

    private static String quoted(List<String> names) {
        return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
    }

    private static Check declared(String name, Object argument, List<String> fields, Check body) {
        return new Declared(name, argument, fields, body);
    }

    /** A check with its Kong declaration {@code {name: argument}} and the fields it needs valid. */
    private record Declared(String name, Object argument, List<String> fields, Check body) implements Check {
        @Override
        public void check(Map<String, @Nullable Object> values, Errors errors) {
            body.check(values, errors);
        }

        @Override
        public Map<String, Object> declaration() {
            return Map.of(name, argument);
        }
    }

    /** A record's {@code custom_validator}: runs when every field is valid (no {@link Check#fields()}). */
    private record RecordValidator(Check body) implements Check {
        @Override
        public void check(Map<String, @Nullable Object> values, Errors errors) {
            body.check(values, errors);
        }

        @Override
        public Map<String, Object> declaration() {
            return Map.of();
        }
    }
}
