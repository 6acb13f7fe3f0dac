package io.tollgate.bootstrap;

import io.tollgate.adapter.postgres.PostgresDatabase;
import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.bootstrap.config.TollgateConfig;
import io.tollgate.bootstrap.wiring.ImportComponent;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The configured database's entity tables, opened at the first read only ({@link Databases#openOrJoin}: with the
 * embedded database, a running node's PostgreSQL, else one started on the prefix), for a CLI command that may need
 * none: {@code tollgate vault get env/NAME} reads the environment only, {@code tollgate vault get my-vault/NAME}
 * reads the {@code vaults} entity {@code my-vault}. Closing it closes what was opened. Not thread-safe.
 */
final class OnDemandEntityStore implements EntityStore, AutoCloseable {

    private final TollgateConfig config;
    private @Nullable Databases databases;
    private @Nullable EntityStore store;

    OnDemandEntityStore(TollgateConfig config) {
        this.config = config;
    }

    /**
     * @throws IllegalStateException when the database has pending migrations
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    private EntityStore store() {
        if (store == null) {
            databases = Databases.openOrJoin(config);
            PostgresDatabase database = DatabaseTools.migrated(databases.database());
            store = ImportComponent.factory().create(database).store();
        }
        return store;
    }

    @Override
    public Optional<Entity> find(EntitySchema schema, UUID id) {
        return store().find(schema, id);
    }

    @Override
    public Optional<Entity> findBy(EntitySchema schema, String field, String value) {
        return store().findBy(schema, field, value);
    }

    @Override
    public Page page(EntitySchema schema, PageRequest request) {
        return store().page(schema, request);
    }

    @Override
    public List<Entity> all(EntitySchema schema) {
        return store().all(schema);
    }

    @Override
    public List<Entity> referencing(EntitySchema child, String foreignField, UUID parentId) {
        return store().referencing(child, foreignField, parentId);
    }

    @Override
    public void close() {
        if (databases != null) {
            databases.close();
        }
    }
}
