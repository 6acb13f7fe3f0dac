package io.tollgate.application.port;

import io.tollgate.domain.catalog.EntityKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entity of a declarative configuration file (Kong's {@code kong.yml}, decK's format), as the file gives it.
 *
 * @param path where it is in the file, e.g. {@code services[0].routes[1]}: what errors name
 * @param kind its entity kind
 * @param fields its fields as written (JSON-shaped); foreign fields as {@code {"id": …}} or by the referenced kind's
 *     endpoint key ({@code {"name": …}}), resolved within the file and the database
 * @param parent the entity it is nested under in the file, if any: its foreign field then references that entity
 */
public record DeclaredEntity(
        String path,
        EntityKind kind,
        Map<String, @Nullable Object> fields,
        @Nullable Parent parent) {

    public DeclaredEntity {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * The nesting of an entity under another one of the same file.
     *
     * @param field the child's foreign field that references the parent (e.g. a route's {@code service})
     * @param index the parent's index in {@link DeclaredConfiguration#entities()} (always before the child)
     */
    public record Parent(String field, int index) {}
}
