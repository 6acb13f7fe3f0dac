package io.tollgate.application.plugin.spi;

import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * What a node offers its plugins beyond the request (Kong's {@code kong.cache} + {@code kong.db}): entity lookups
 * through the node cache, invalidated cluster-wide when the entity changes, and JSON (Kong's {@code cjson}).
 * Thread-safe.
 *
 * <p>The stages are complete at once on a cache hit (positive or negative); on a miss they complete on the cache's
 * loader thread after the database answered. They never block the caller. They fail when the database cannot be
 * reached.
 */
public interface PluginEnvironment {

    /** The entity of {@code schema} with this primary key, cached under {@code <kind>:<id>:::::<ws>}. */
    CompletionStage<Optional<Entity>> find(EntitySchema schema, UUID id);

    /**
     * The entity of {@code schema} whose unique {@code field} equals {@code value} (Kong's
     * {@code select_by_<field>}), cached under {@code <kind>:<value>:::::<ws>} (e.g. a key-auth credential by its
     * {@code key}, a consumer by its {@code username}).
     */
    CompletionStage<Optional<Entity>> findBy(EntitySchema schema, String field, String value);

    /** The node's JSON reader and writer. */
    JsonCodec json();
}
