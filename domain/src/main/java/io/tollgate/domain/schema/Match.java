package io.tollgate.domain.schema;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A condition on one field's value inside a {@link Checks#conditional conditional} entity check (Kong's
 * {@code if_match} / {@code then_match}), with Kong's message when it fails and Kong's declaration of it.
 */
public sealed interface Match {

    /**
     * Whether {@code value} ({@code null} when the field is unset) satisfies this condition. As in Kong, an unset
     * value satisfies every condition but {@link #required()} (a conditional skips an unset {@code if_field} anyway).
     */
    boolean test(@Nullable Object value);

    /** Kong's field message when {@code value} does not satisfy it. */
    String message();

    /** Kong's declaration, e.g. {@code {"one_of": ["header"]}} or {@code {"eq": null}} (rendered as JSON null). */
    Map<String, @Nullable Object> declaration();

    /** Kong's {@code {eq = null}}: {@code value must be null}. */
    static Match isNull() {
        return new IsNull();
    }

    /** Kong's {@code {required = true}}: {@code required field missing}. */
    static Match required() {
        return new Required();
    }

    /** Kong's {@code {one_of = {...}}}: {@code expected one of: a, b}. */
    static Match oneOf(List<?> values) {
        return new OneOf(List.copyOf(values));
    }

    /** Kong's {@code {not_one_of = {...}}}: {@code expected none of: a, b}. */
    static Match notOneOf(List<?> values) {
        return new NotOneOf(List.copyOf(values));
    }

    /** See {@link #isNull()}. */
    record IsNull() implements Match {
        @Override
        public boolean test(@Nullable Object value) {
            return value == null;
        }

        @Override
        public String message() {
            return "value must be null";
        }

        @Override
        public Map<String, @Nullable Object> declaration() {
            Map<String, @Nullable Object> out = new java.util.LinkedHashMap<>();
            out.put("eq", null);
            return out;
        }
    }

    /** See {@link #required()}. */
    record Required() implements Match {
        @Override
        public boolean test(@Nullable Object value) {
            return value != null;
        }

        @Override
        public String message() {
            return "required field missing";
        }

        @Override
        public Map<String, @Nullable Object> declaration() {
            return Map.of("required", true);
        }
    }

    /** See {@link #oneOf(List)}. */
    record OneOf(List<?> values) implements Match {
        @Override
        public boolean test(@Nullable Object value) {
            return value == null || values.contains(value);
        }

        @Override
        public String message() {
            return "expected one of: "
                    + String.join(", ", values.stream().map(String::valueOf).toList());
        }

        @Override
        public Map<String, @Nullable Object> declaration() {
            return Map.of("one_of", values);
        }
    }

    /** See {@link #notOneOf(List)}. */
    record NotOneOf(List<?> values) implements Match {
        @Override
        public boolean test(@Nullable Object value) {
            return value == null || !values.contains(value);
        }

        @Override
        public String message() {
            return "expected none of: "
                    + String.join(", ", values.stream().map(String::valueOf).toList());
        }

        @Override
        public Map<String, @Nullable Object> declaration() {
            return Map.of("not_one_of", values);
        }
    }
}
