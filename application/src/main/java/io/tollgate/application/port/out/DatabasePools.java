package io.tollgate.application.port.out;

import io.tollgate.application.port.PoolUsage;
import java.util.List;

/** The node's database connection pools, for {@code GET /metrics}; reading them never queries the database. */
@FunctionalInterface
public interface DatabasePools {

    /** No pools (a node without a database, tests). */
    DatabasePools NONE = List::of;

    /** Each pool's use now: the primary's first, then the replica's when {@code pg_ro_host} is set. */
    List<PoolUsage> usage();
}
