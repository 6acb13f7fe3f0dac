package io.tollgate.application.invalidation;

import io.tollgate.domain.catalog.VersionKey;

/**
 * A node-wide structure rebuilt from the database when its version is bumped (Kong's router and plugins
 * iterator). {@link #rebuild()} reads the database and swaps the new structure in atomically; the proxy keeps
 * reading the old one until then.
 */
public interface VersionedStructure {

    /** Which version key bumps this structure. */
    VersionKey versionKey();

    /**
     * Rebuilds from the database and swaps the result in. Safe to call from any thread; concurrent calls are
     * serialised, and a failed rebuild keeps the current structure.
     */
    void rebuild();
}
