package io.tollgate.domain.schema;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A check across the fields of a record (Kong's {@code entity_checks}), run once every field is valid.
 * It reports through {@link Errors}: entity-level messages land under {@code "@entity"}.
 */
@FunctionalInterface
public interface Check {
    void check(Map<String, @Nullable Object> values, Errors errors);
}
