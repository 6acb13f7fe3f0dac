package io.tollgate.domain.schema;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A check across the fields of a record (Kong's {@code entity_checks}). A check that names the fields it needs valid
 * ({@link #fields()}) runs whenever none of them is invalid, as Kong runs each entity check whose own fields are
 * valid; any other check runs once every field is valid.
 * It reports through {@link Errors}: entity-level messages land under {@code "@entity"}. Build checks with
 * {@link Checks}, which both run them with Kong's semantics and describe them as Kong's schemas declare them.
 */
@FunctionalInterface
public interface Check {
    void check(Map<String, @Nullable Object> values, Errors errors);

    /**
     * The fields that must be valid for this check to run, as dotted paths ({@code config.allow}); any other field it
     * reads is read as given when invalid (a conditional's {@code then_field}). Empty (the default) for a check that
     * does not name them, which runs only on a record whose every field is valid.
     */
    default List<String> fields() {
        return List.of();
    }

    /**
     * The check as Kong's schemas declare it, for {@code GET /schemas/{entity}}: one entry, the check's Kong name
     * to its JSON-shaped argument, e.g. {@code {"at_least_one_of": ["custom_id", "username"]}}. A check that is
     * plain code (not built with {@link Checks}) is Kong's {@code custom_entity_check} with no known
     * {@code field_sources}. Empty for a check Kong's schemas do not show (a record's {@code custom_validator}).
     */
    default Map<String, Object> declaration() {
        return Map.of("custom_entity_check", Map.of("field_sources", List.of()));
    }
}
