package io.tollgate.application.port;

import io.tollgate.domain.catalog.EntityKind;

/**
 * Told how far an import ({@link io.tollgate.application.port.in.ImportConfiguration}) has come, for a progress
 * display; called on the importing thread, inside the import's transaction, so an implementation must be quick and
 * must not throw.
 */
public interface ImportProgress {

    /** Shows nothing. */
    ImportProgress NONE = (kind, done, total) -> {};

    /**
     * One more entity of {@code kind} was resolved, validated and matched with the stored one (and its event, if
     * any, recorded for the commit).
     *
     * @param done how many of {@code kind} are done, 1 to {@code total}
     * @param total how many of {@code kind} the file holds
     */
    void checked(EntityKind kind, long done, long total);
}
