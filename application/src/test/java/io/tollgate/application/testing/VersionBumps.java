package io.tollgate.application.testing;

import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.domain.cache.Invalidation;
import io.tollgate.domain.catalog.VersionKey;
import java.util.List;
import java.util.Set;

/** Drives {@link LocalInvalidation} with version bumps, as the writing node and the event log's follower do. */
public final class VersionBumps {

    private VersionBumps() {}

    /** Applies one batch that bumps {@code keys} and purges no cache key. */
    public static void apply(LocalInvalidation invalidation, VersionKey... keys) {
        invalidation.apply(List.of(new Invalidation(List.of(), Set.of(keys))));
    }
}
