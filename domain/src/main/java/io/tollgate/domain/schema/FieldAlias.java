package io.tollgate.domain.schema;

import java.util.List;
import java.util.Objects;

/**
 * A deprecated flat field of a record that stands for a field of a nested record, as Kong's {@code shorthand_fields}
 * with {@code translate_backwards} and a {@code deprecation} (rate-limiting's {@code redis_host} for
 * {@code redis.host}). The flat field is also declared in the record's fields (its type is checked there, its
 * errors reported under its own name); {@link RecordSchema#validate} moves its value to {@code path} (a value given at
 * {@code path} too must be equal: Kong's {@code both deprecated and new field are used but their values mismatch}),
 * and the normalised record shows it again with the value at {@code path}, as Kong's Admin API does.
 *
 * @param name the flat field's name
 * @param path the nested field it stands for, outermost record first (at least two names)
 */
public record FieldAlias(String name, List<String> path) {

    public FieldAlias {
        Objects.requireNonNull(name, "name");
        path = List.copyOf(path);
        if (path.size() < 2) {
            throw new IllegalArgumentException("an alias stands for a field of a nested record");
        }
    }

    /** {@code name} standing for {@code record.field}. */
    public static FieldAlias of(String name, String record, String field) {
        return new FieldAlias(name, List.of(record, field));
    }
}
