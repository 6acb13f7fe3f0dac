package io.tollgate.application.port;

import java.util.List;

/**
 * A whole declarative configuration file (Kong's {@code _format_version: "3.0"} format, decK's nesting) as entities.
 *
 * @param entities every entity, each nested one after the entity it is nested under
 * @param transform Kong's {@code _transform}: {@code true} (the default) hashes a basic-auth credential's clear-text
 *     {@code password}; {@code false} stores it as given (a hash, as {@code db_export} writes it)
 */
public record DeclaredConfiguration(List<DeclaredEntity> entities, boolean transform) {

    public DeclaredConfiguration {
        entities = List.copyOf(entities);
        for (int i = 0; i < entities.size(); i++) {
            DeclaredEntity.Parent parent = entities.get(i).parent();
            if (parent != null && (parent.index() < 0 || parent.index() >= i)) {
                throw new IllegalArgumentException(
                        "entity " + i + " is nested under " + parent.index() + ", which does not precede it");
            }
        }
    }
}
