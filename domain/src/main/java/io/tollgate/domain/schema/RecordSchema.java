package io.tollgate.domain.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An ordered set of {@link FieldSpec}s plus cross-field {@link Check}s: the body of a Kong schema, used for whole
 * entities and for nested records such as a plugin's {@code config}.
 */
public record RecordSchema(List<FieldSpec> fields, List<Check> checks, List<FieldAlias> aliases) {

    public RecordSchema {
        fields = List.copyOf(fields);
        checks = List.copyOf(checks);
        aliases = List.copyOf(aliases);
    }

    public RecordSchema(List<FieldSpec> fields, List<Check> checks) {
        this(fields, checks, List.of());
    }

    public static RecordSchema of(FieldSpec... fields) {
        return new RecordSchema(List.of(fields), List.of());
    }

    public RecordSchema withCheck(Check check) {
        List<Check> more = new ArrayList<>(checks);
        more.add(check);
        return new RecordSchema(fields, more, aliases);
    }

    /**
     * This schema with Kong's deprecated flat fields standing for nested ones ({@link FieldAlias}); each alias's name
     * must be one of this schema's fields.
     *
     * @throws IllegalArgumentException when an alias names no field of this schema
     */
    public RecordSchema withAliases(FieldAlias... more) {
        List<FieldAlias> all = new ArrayList<>(aliases);
        for (FieldAlias alias : more) {
            if (field(alias.name()).isEmpty()) {
                throw new IllegalArgumentException("no field " + alias.name() + " for the alias");
            }
            all.add(alias);
        }
        return new RecordSchema(fields, checks, all);
    }

    /** This schema with {@code more} checks appended, run in order after the existing ones. */
    public RecordSchema withChecks(List<Check> more) {
        List<Check> all = new ArrayList<>(checks);
        all.addAll(more);
        return new RecordSchema(fields, all);
    }

    public Optional<FieldSpec> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * Validates {@code input} and returns the normalised record: every field present in declaration order, defaults
     * filled, unset optional fields {@code null}, integers as {@link Long}, sets de-duplicated.
     *
     * @param input a JSON-shaped map (values: String, Number, Boolean, List, Map or null)
     * @throws io.tollgate.domain.shared.SchemaViolation with Kong's field messages when anything is invalid
     */
    public Map<String, @Nullable Object> validate(Map<String, ? extends @Nullable Object> input) {
        Errors errors = new Errors();
        Map<String, @Nullable Object> out = validate(input, errors);
        errors.throwIfAny();
        return out;
    }

    Map<String, @Nullable Object> validate(Map<String, ? extends @Nullable Object> given, Errors errors) {
        Map<String, ? extends @Nullable Object> input =
                aliases.isEmpty() ? given : Aliases.translate(this, given, errors);
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        Map<String, @Nullable Object> invalid = new LinkedHashMap<>();
        for (String key : input.keySet()) {
            if (field(key).isEmpty()) {
                errors.field(key, "unknown field");
            }
        }
        for (FieldSpec spec : fields) {
            Object raw = input.containsKey(spec.name()) ? input.get(spec.name()) : spec.defaultValue();
            if (raw == null) {
                if (spec.isRequired() && !spec.isAuto()) {
                    errors.field(spec.name(), "required field missing");
                }
                out.put(spec.name(), null);
                continue;
            }
            Errors nested = new Errors();
            Object value = Values.normalise(spec, raw, nested);
            if (!nested.isEmpty()) {
                errors.field(spec.name(), nested.asMap().get(spec.name()));
                invalid.put(spec.name(), raw);
            }
            out.put(spec.name(), value);
        }
        if (!aliases.isEmpty()) {
            Aliases.mirror(this, out);
        }
        Map<String, @Nullable Object> view = out;
        if (!invalid.isEmpty()) { // a check may read a field that failed (a conditional's then_field): as given
            view = new LinkedHashMap<>(out);
            view.putAll(invalid);
        }
        runChecks(Collections.unmodifiableMap(view), errors);
        return out;
    }

    /**
     * Runs the entity checks in order, as Kong does: a check naming its fields runs when none of them has an error
     * (errors of earlier checks included); the others only when every field was valid. {@code view} holds the
     * normalised values, and the input as given for fields that failed their own validation.
     */
    private void runChecks(Map<String, @Nullable Object> view, Errors errors) {
        boolean everyFieldValid = errors.isEmpty();
        for (Check check : checks) {
            List<String> reads = check.fields();
            boolean run = reads.isEmpty()
                    ? everyFieldValid
                    : reads.stream().noneMatch(path -> errors.has(path.split("\\.", 2)[0]));
            if (run) {
                check.check(view, errors);
            }
        }
    }

    /**
     * Kong's PATCH: {@code patch} laid over {@code current}, nested records merged key by key, anything else replaced.
     * The result still has to be validated.
     */
    public Map<String, @Nullable Object> merge(
            Map<String, ? extends @Nullable Object> current, Map<String, ? extends @Nullable Object> given) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>(current);
        Map<String, ? extends @Nullable Object> patch = given;
        if (!aliases.isEmpty()) {
            // the stored flat fields only mirror the nested ones; the patch's stand for the nested ones they name
            aliases.forEach(alias -> out.remove(alias.name()));
            patch = Aliases.translate(this, given, null);
        }
        patch.forEach((key, value) -> {
            Optional<FieldSpec> spec = field(key);
            if (spec.isPresent()
                    && spec.get().kind() == Kind.RECORD
                    && value instanceof Map<?, ?> p
                    && current.get(key) instanceof Map<?, ?> c
                    && spec.get().record() != null) {
                out.put(key, Objects.requireNonNull(spec.get().record()).merge(strings(c), strings(p)));
            } else {
                out.put(key, value);
            }
        });
        return out;
    }

    /**
     * {@code values} (a stored record of this schema) with every secret value ({@link FieldSpec#isSecret()}) replaced
     * by {@link FieldSpec#REDACTED}, also inside nested records, array and set elements and map values; {@code null}
     * stays {@code null} and keys this schema does not declare are kept as they are. Key order is kept.
     */
    public Map<String, @Nullable Object> redacted(Map<String, ? extends @Nullable Object> values) {
        return Redaction.record(this, values);
    }

    @SuppressWarnings("unchecked")
    static Map<String, @Nullable Object> strings(Map<?, ?> map) {
        return (Map<String, @Nullable Object>) map;
    }
}
