package io.tollgate.adapter.postgres;

import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.shared.NotFound;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Writes entities the only way the product does: by appending entity events to the log, which projects them onto the
 * tables. Each write runs in its own transaction, or joins the caller's.
 */
final class EventWrites {

    /** The node the tests' events are written by. */
    static final UUID NODE = UUID.fromString("00000000-0000-0000-0000-00000000000a");

    private final JooqTransactions transactions;
    private final JooqEntityStore store;
    private final JooqEventLog log;

    EventWrites(DSLContext dsl, WorkspaceId workspace) {
        this.transactions = new JooqTransactions(dsl);
        this.store = new JooqEntityStore(dsl);
        this.log = new JooqEventLog(dsl, workspace);
    }

    /** Appends {@link EntityCreated}. */
    void insert(Entity entity) {
        transactions.inTransaction(() -> {
            log.append(NODE, new EntityCreated(entity));
            return null;
        });
    }

    /** Appends {@link EntityUpdated} with the stored state as the previous one; {@link NotFound} when there is none. */
    void update(Entity entity) {
        transactions.inTransaction(() -> {
            Entity previous = store.find(entity.schema(), entity.id())
                    .orElseThrow(() -> NotFound.byPrimaryKey(entity.id().toString()));
            log.append(NODE, new EntityUpdated(entity, previous));
            return null;
        });
    }

    /** Appends {@link EntityDeleted} of the stored row, if there is one. */
    void delete(EntitySchema schema, UUID id) {
        transactions.inTransaction(() -> {
            store.find(schema, id).ifPresent(entity -> log.append(NODE, new EntityDeleted(entity)));
            return null;
        });
    }
}
