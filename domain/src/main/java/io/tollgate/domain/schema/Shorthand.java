package io.tollgate.domain.schema;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An input-only field that expands into real fields before validation, as Kong's {@code shorthand_fields}
 * (e.g. a service's {@code url} into {@code protocol}, {@code host}, {@code port} and {@code path}).
 */
@FunctionalInterface
public interface Shorthand {
    /**
     * @return the fields to set in place of the shorthand
     * @throws io.tollgate.domain.shared.SchemaViolation when the value cannot be expanded
     */
    Map<String, @Nullable Object> expand(Object value);
}
