package io.tollgate.domain.schema;

import io.tollgate.domain.catalog.EntityKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The schema of a Kong entity: its {@link EntityKind} (whose Kong name is the table and cache-key prefix, e.g.
 * {@code services}), the field that addresses it besides the id in Admin API URLs (Kong's {@code endpoint_key}), its
 * fields and checks, the fields its cache key is made of (Kong's {@code cache_key}; empty = the primary key) and its
 * input shorthands.
 */
public record EntitySchema(
        EntityKind kind,
        @Nullable String endpointKey,
        RecordSchema record,
        List<String> cacheKeyFields,
        Map<String, Shorthand> shorthands) {

    public EntitySchema {
        Objects.requireNonNull(kind, "kind");
        cacheKeyFields = List.copyOf(cacheKeyFields);
        shorthands = Map.copyOf(shorthands);
    }

    /** Kong's schema name, e.g. {@code services}: {@code kind().kongName()}. */
    public String name() {
        return kind.kongName();
    }

    public List<FieldSpec> fields() {
        return record.fields();
    }

    public Optional<FieldSpec> field(String name) {
        return record.field(name);
    }

    /** The {@link Kind#FOREIGN} fields, in declaration order. */
    public List<FieldSpec> foreignFields() {
        return fields().stream().filter(f -> f.kind() == Kind.FOREIGN).toList();
    }

    /** The fields whose values must be unique among this schema's entities. */
    public List<FieldSpec> uniqueFields() {
        return fields().stream().filter(FieldSpec::isUnique).toList();
    }

    /**
     * Expands shorthands, then validates.
     *
     * @param input JSON-shaped input; server-filled fields ({@code id}, timestamps) should already be present
     * @return the normalised entity fields, every field present in declaration order
     * @throws io.tollgate.domain.shared.SchemaViolation with Kong's field messages
     */
    public Map<String, @Nullable Object> validate(Map<String, ? extends @Nullable Object> input) {
        return record.validate(expand(input));
    }

    /** Replaces shorthand fields by the fields they stand for; later real fields win over expanded ones. */
    public Map<String, @Nullable Object> expand(Map<String, ? extends @Nullable Object> input) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        input.forEach((key, value) -> {
            Shorthand shorthand = shorthands.get(key);
            if (shorthand == null) {
                out.put(key, value);
            } else if (value != null) {
                shorthand.expand(value).forEach(out::putIfAbsent);
            } else if (record.field(key).isPresent()) {
                // a null given for a real field a shorthand stands over stays null: no default fills it
                out.put(key, null);
            }
        });
        return out;
    }
}
