package io.tollgate.adapter.postgres;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * The entity tables as projections of the event log: one {@link TableProjector} per entity kind, applied to the
 * entity events in the order they are appended, through a given jOOQ context (the live schema's, or a replay
 * schema's when the log is replayed to check the tables).
 */
final class Projections {

    private final Map<EntityKind, TableProjector> projectors = new EnumMap<>(EntityKind.class);

    Projections(WorkspaceId workspace) {
        for (EntityKind kind : EntityKind.values()) {
            projectors.put(kind, new TableProjector(EntityTable.of(Schemas.of(kind)), workspace));
        }
    }

    /** Projects one entity event onto its kind's table. Throws what {@link TableProjector#apply} throws. */
    void apply(DSLContext dsl, EntityEvent event) {
        projectors.get(event.entity().schema().kind()).apply(dsl, event);
    }

    /**
     * Appends and projects one entity event in one statement: {@code logged} (the event's insert into the log, not
     * executed) runs first, in the same statement as the projection. Throws what {@link TableProjector#apply} throws.
     */
    void apply(DSLContext dsl, EntityEvent event, Query logged) {
        projectors.get(event.entity().schema().kind()).apply(dsl, event, logged);
    }

    /** As {@link #apply(DSLContext, EntityEvent, Query)} for a create, by {@link TableProjector#insertLogged}. */
    void insertLogged(DSLContext dsl, Entity entity, Supplier<Query> loggedTemplate, List<?> loggedValues) {
        projectors.get(entity.schema().kind()).insertLogged(dsl, entity, loggedTemplate, loggedValues);
    }

    /** The statement {@link #apply} would execute for {@code event}, not executed (for the replay's batches). */
    Query statement(DSLContext dsl, EntityEvent event) {
        return projectors.get(event.entity().schema().kind()).statement(dsl, event);
    }

    /** The statement {@link #restore} would execute, not executed. */
    Query restoreStatement(DSLContext dsl, Entity entity) {
        return projectors.get(entity.schema().kind()).insertQuery(dsl, entity);
    }

    /** Inserts one row of a snapshot (the state of an entity at the snapshot's position). */
    void restore(DSLContext dsl, Entity entity) {
        projectors.get(entity.schema().kind()).insert(dsl, entity);
    }
}
