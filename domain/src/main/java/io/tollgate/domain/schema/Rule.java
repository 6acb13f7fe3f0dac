package io.tollgate.domain.schema;

import java.util.Map;
import java.util.Optional;

/** A check of one (already type-checked, non-null) field value; returns Kong's message when it fails. */
@FunctionalInterface
public interface Rule {
    Optional<String> check(Object value);

    /**
     * The rule as Kong's schemas declare it, for {@code GET /schemas/{entity}} (Kong's declarative field validators,
     * e.g. {@code {"one_of": ["http", "https"]}} or {@code {"between": [0, 65535]}}); empty for a rule that is code
     * (Kong's {@code custom_validator}, which its schema endpoint does not show either).
     *
     * @return validator name to its JSON-shaped argument (lists, numbers, strings)
     */
    default Map<String, Object> validators() {
        return Map.of();
    }
}
