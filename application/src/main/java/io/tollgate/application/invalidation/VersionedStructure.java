package io.tollgate.application.invalidation;

import io.tollgate.domain.cache.ChangedEntity;
import io.tollgate.domain.catalog.VersionKey;
import java.util.Collection;

/**
 * A node-wide structure rebuilt from the database when its version is bumped (Kong's router and plugins
 * iterator). {@link #rebuild()} reads the database and swaps the new structure in atomically; the proxy keeps
 * reading the old one until then. {@link SnapshotHolder} is the one implementation the node uses.
 */
public interface VersionedStructure {

    /** Which version key bumps this structure. */
    VersionKey versionKey();

    /**
     * Rebuilds from the database and swaps the result in. Safe to call from any thread. When it returns normally,
     * the structure reflects every write committed before the call began.
     *
     * @throws RuntimeException when the rebuild failed; the current structure then stays in use, and
     *         {@link LocalInvalidation} retries the rebuild on every poll until it succeeds. Implementations log the
     *         failure themselves.
     */
    void rebuild();

    /**
     * Brings the structure up to date after the named entities changed (committed before the call), and swaps the
     * result in. A structure that can patch itself re-reads only those rows; the default rebuilds everything. Same
     * guarantees and failures as {@link #rebuild()}.
     *
     * @param changes the entities changed (any order; the rows in the database are their state), not empty
     */
    default void apply(Collection<ChangedEntity> changes) {
        rebuild();
    }

    /**
     * The periodic consistency check: compares the structure in use with a full rebuild and swaps in the full one
     * when they differ (logged at WARNING). Does nothing by default (a structure that never patches itself is
     * always a full rebuild).
     *
     * @throws RuntimeException when the full rebuild failed; the structure in use stays
     */
    default void verify() {}
}
