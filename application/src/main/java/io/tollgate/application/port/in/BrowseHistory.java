package io.tollgate.application.port.in;

import io.tollgate.application.port.EntityAddress;
import io.tollgate.application.port.HistoryPage;
import io.tollgate.application.port.HistoryQuery;
import java.util.Optional;

/**
 * The configuration history, which Kong's open-source edition does not have: every entity change of the event log,
 * newest first, with the entity before and after the change and every secret redacted ({@code "******"}). Forced
 * target healths are runtime state, not configuration, and do not appear. How far back it goes is bounded by the
 * log's compaction: events folded into the compaction snapshot are gone from the history.
 *
 * <p>Both methods read the database and throw {@link io.tollgate.application.port.DatabaseUnavailable} when it
 * fails.
 */
public interface BrowseHistory {

    /** One page of the changes passing the query's filter. */
    HistoryPage history(HistoryQuery query);

    /**
     * One page of the changes of the entity the address names (the query's kind and entity filters are replaced by
     * it; its other filters apply). A key names the entity that has it now or, failing that, the last entity the log
     * saw with it, so a deleted entity stays reachable by its id and by its last key. Below a parent, the entity must
     * reference the parent named in the address.
     *
     * @return empty when the address names nothing that exists or that the log knows (Kong's 404)
     * @throws io.tollgate.domain.shared.InvalidRequest Kong's code 1 {@code invalid primary key} for a non-UUID of a
     *     kind without endpoint key (certificates, CA certificates)
     */
    Optional<HistoryPage> history(EntityAddress address, HistoryQuery query);
}
