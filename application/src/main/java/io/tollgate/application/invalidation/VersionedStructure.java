package io.tollgate.application.invalidation;

import io.tollgate.domain.catalog.VersionKey;

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
}
