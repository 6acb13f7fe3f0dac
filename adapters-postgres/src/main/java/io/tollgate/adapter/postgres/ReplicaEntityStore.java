package io.tollgate.adapter.postgres;

import io.tollgate.application.port.DatabaseUnavailable;
import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jooq.exception.DataAccessException;

/**
 * The proxy path's {@link EntityStore} with a read replica (Kong's {@code pg_ro_*}): reads go to the replica when it
 * has replayed the event log at least as far as this node has read it on the primary, else to the primary.
 *
 * <p>Each read: takes the commit number the node has seen ({@link ReplicaFreshness}); asks the {@link ReplicaGate}
 * whether the replica has replayed that far (waiting up to {@code pg_ro_timeout} while it is healthy); runs the query
 * on the replica; then checks the node has not read newer events meanwhile (an invalidation applied during the query
 * must not be overwritten by what the query found), else starts again. So a cache fill or a rebuild triggered by an
 * event never reads a replica that has not replayed that event, and a lagging replica cannot put stale data back into
 * the cache: Kong's {@code db_update_propagation} is not needed for replicas. A replica that fails a read is
 * {@code down}: that read and the following ones go to the primary. Kong's unavailability rule still holds: when the
 * primary fails too, {@link DatabaseUnavailable} is thrown.
 */
final class ReplicaEntityStore implements EntityStore {

    private final EntityStore replica;
    private final EntityStore primary;
    private final ReplicaFreshness freshness;
    private final LongSupplier primaryHead;
    private final ReplicaGate gate;

    /**
     * @param primaryHead reads the primary's log head (the mark before the node has read the log)
     */
    ReplicaEntityStore(
            EntityStore replica,
            EntityStore primary,
            ReplicaFreshness freshness,
            LongSupplier primaryHead,
            ReplicaGate gate) {
        this.replica = replica;
        this.primary = primary;
        this.freshness = freshness;
        this.primaryHead = primaryHead;
        this.gate = gate;
    }

    @Override
    public Optional<Entity> find(EntitySchema schema, UUID id) {
        return read(store -> store.find(schema, id));
    }

    @Override
    public Optional<Entity> findBy(EntitySchema schema, String field, String value) {
        return read(store -> store.findBy(schema, field, value));
    }

    @Override
    public Page page(EntitySchema schema, PageRequest request) {
        return read(store -> store.page(schema, request));
    }

    @Override
    public List<Entity> all(EntitySchema schema) {
        return read(store -> store.all(schema));
    }

    @Override
    public List<Entity> referencing(EntitySchema child, String foreignField, UUID parentId) {
        return read(store -> store.referencing(child, foreignField, parentId));
    }

    /** The primary's answer: the replica is never written. */
    @Override
    public boolean enforcesReference(EntitySchema schema, String foreignField) {
        return primary.enforcesReference(schema, foreignField);
    }

    private <T> T read(Function<EntityStore, T> query) {
        long deadline = gate.deadline();
        while (true) {
            OptionalLong replayed = gate.admit(freshness.required(primaryHead), deadline);
            if (replayed.isEmpty()) {
                return fromPrimary(query);
            }
            T result;
            try {
                result = query.apply(replica);
            } catch (DatabaseUnavailable e) {
                gate.failed(e);
                return fromPrimary(query);
            } catch (DataAccessException e) { // e.g. a query cancelled by a conflict with the replica's recovery
                return fromPrimary(query);
            }
            if (freshness.required(primaryHead) <= replayed.getAsLong()) {
                gate.served();
                return result;
            }
        }
    }

    private <T> T fromPrimary(Function<EntityStore, T> query) {
        gate.fellBack();
        return query.apply(primary);
    }
}
