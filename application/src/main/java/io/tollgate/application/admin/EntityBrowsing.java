package io.tollgate.application.admin;

import io.tollgate.application.port.TagPage;
import io.tollgate.application.port.TagPageRequest;
import io.tollgate.application.port.in.BrowseEntities;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.TagIndex;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import java.util.Objects;
import java.util.Optional;

/** The Admin API's lookups by unique field and its tag listing, read straight from the database. */
public final class EntityBrowsing implements BrowseEntities {

    private final EntityStore store;
    private final TagIndex tags;

    public EntityBrowsing(EntityStore store, TagIndex tags) {
        this.store = Objects.requireNonNull(store, "store");
        this.tags = Objects.requireNonNull(tags, "tags");
    }

    @Override
    public Optional<Entity> findByUnique(EntitySchema schema, String field, String value) {
        if (schema.field(field).filter(f -> f.isUnique()).isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' is not a unique field of " + schema.name());
        }
        return store.findBy(schema, field, value);
    }

    @Override
    public TagPage tags(TagPageRequest request) {
        return tags.page(request);
    }
}
