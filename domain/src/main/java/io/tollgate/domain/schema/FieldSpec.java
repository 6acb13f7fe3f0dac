package io.tollgate.domain.schema;

import io.tollgate.domain.catalog.EntityKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One field of a Kong schema: its name, {@link Kind}, whether it is required, its default and its rules.
 *
 * <p>Instances are immutable; the {@code with…} methods return modified copies, so schemas read like Kong's
 * declarations: {@code Fields.integer("port").required().defaultValue(80L).rule(Rules.between(0, 65535))}.
 *
 * @param elements the element spec of an ARRAY/SET, or the value spec of a MAP
 * @param record the nested schema of a RECORD
 * @param reference the kind a FOREIGN field references (e.g. {@link EntityKind#SERVICES})
 * @param isUnique whether the value is unique among entities of the schema (checked by the store)
 * @param isAuto whether the server fills the value (ids, timestamps) when the client does not
 * @param isSecret whether the value is a secret (a credential's key, a password hash, a private key): shown as
 *     {@link #REDACTED} wherever Tollgate shows stored values beyond the entity's own endpoints (the configuration
 *     history). Kong marks such fields {@code encrypted = true}
 * @param isReferenceable whether the (string) value may be a vault reference ({@code {vault://env/NAME}}, see
 *     {@link VaultReference}), Kong's {@code referenceable = true}: such a value is stored and
 *     shown as written, skips the field's other rules (as Kong's schema does), and is resolved only where the entity
 *     is turned into what the proxy uses
 */
public record FieldSpec(
        String name,
        Kind kind,
        boolean isRequired,
        @Nullable Object defaultValue,
        @Nullable FieldSpec elements,
        @Nullable RecordSchema record,
        @Nullable EntityKind reference,
        OnDelete onDelete,
        boolean isUnique,
        boolean isAuto,
        boolean isSecret,
        boolean isReferenceable,
        List<Rule> rules) {

    /** What a redacted secret shows instead of its value. */
    public static final String REDACTED = "******";

    public FieldSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        rules = List.copyOf(rules);
    }

    static FieldSpec of(String name, Kind kind) {
        return new FieldSpec(
                name, kind, false, null, null, null, null, OnDelete.RESTRICT, false, false, false, false, List.of());
    }

    public FieldSpec required() {
        return copy(draft -> draft.isRequired = true);
    }

    public FieldSpec defaultValue(Object value) {
        return copy(draft -> draft.defaultValue = value);
    }

    public FieldSpec unique() {
        return copy(draft -> draft.isUnique = true);
    }

    public FieldSpec auto() {
        return copy(draft -> draft.isAuto = true);
    }

    public FieldSpec cascade() {
        return copy(draft -> draft.onDelete = OnDelete.CASCADE);
    }

    /**
     * Marks the value as a secret (Kong's {@code encrypted}): redacted to {@link #REDACTED} in the configuration
     * history, also inside records (a plugin's {@code config}), arrays and maps.
     */
    public FieldSpec secret() {
        return copy(draft -> draft.isSecret = true);
    }

    /**
     * Marks the string value as accepting a vault reference (Kong's {@code referenceable = true}): a value that
     * {@link VaultReference#isReference looks like a reference} skips this field's rules.
     */
    public FieldSpec referenceable() {
        return copy(draft -> draft.isReferenceable = true);
    }

    /**
     * The first of this field's rules' messages for {@code value} (a value of the field's kind), or empty when every
     * rule holds or when the field is referenceable and {@code value} a vault reference (Kong's schema skips the
     * field's validators then).
     */
    public Optional<String> ruleProblem(Object value) {
        if (isReferenceable && VaultReference.isReference(value)) {
            return Optional.empty();
        }
        for (Rule rule : rules) {
            Optional<String> problem = rule.check(value);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    public FieldSpec rule(Rule rule) {
        return copy(draft -> draft.rules.add(rule));
    }

    FieldSpec withElements(FieldSpec spec) {
        return copy(draft -> draft.elements = spec);
    }

    FieldSpec withRecord(RecordSchema schema) {
        return copy(draft -> draft.record = schema);
    }

    FieldSpec withReference(EntityKind referenced) {
        return copy(draft -> draft.reference = referenced);
    }

    /** A copy of this spec with {@code change} applied to a mutable draft of its components. */
    private FieldSpec copy(Consumer<Draft> change) {
        Draft draft = new Draft(this);
        change.accept(draft);
        return draft.build();
    }

    /** The components of a spec being copied, mutable so that each wither names only what it changes. */
    private static final class Draft {
        private final String name;
        private final Kind kind;
        private boolean isRequired;
        private @Nullable Object defaultValue;
        private @Nullable FieldSpec elements;
        private @Nullable RecordSchema record;
        private @Nullable EntityKind reference;
        private OnDelete onDelete;
        private boolean isUnique;
        private boolean isAuto;
        private boolean isSecret;
        private boolean isReferenceable;
        private final List<Rule> rules;

        private Draft(FieldSpec spec) {
            name = spec.name;
            kind = spec.kind;
            isRequired = spec.isRequired;
            defaultValue = spec.defaultValue;
            elements = spec.elements;
            record = spec.record;
            reference = spec.reference;
            onDelete = spec.onDelete;
            isUnique = spec.isUnique;
            isAuto = spec.isAuto;
            isSecret = spec.isSecret;
            isReferenceable = spec.isReferenceable;
            rules = new ArrayList<>(spec.rules);
        }

        private FieldSpec build() {
            return new FieldSpec(
                    name,
                    kind,
                    isRequired,
                    defaultValue,
                    elements,
                    record,
                    reference,
                    onDelete,
                    isUnique,
                    isAuto,
                    isSecret,
                    isReferenceable,
                    rules);
        }
    }
}
