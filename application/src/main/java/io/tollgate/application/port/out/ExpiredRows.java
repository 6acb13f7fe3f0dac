package io.tollgate.application.port.out;

import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import java.util.List;

/**
 * The rows whose {@code ttl} has run out (Kong's expired rows, {@link io.tollgate.domain.entity.TimeToLive}), which
 * every {@link EntityStore} read skips: only the expired-rows clean-up reads them, to delete them through the log.
 */
public interface ExpiredRows {

    /**
     * Up to {@code limit} expired rows of {@code schema} (expired by the database's clock), in primary-key order,
     * locked until the caller's transaction ends; rows another transaction holds are skipped, so two nodes cleaning
     * up at once never claim the same row. Call inside {@link Transactions#inTransaction}.
     *
     * @param limit at most this many rows, >= 1
     * @return the rows as stored, empty when none has expired (or {@code schema} has no {@code ttl})
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    List<Entity> claimExpired(EntitySchema schema, int limit);
}
