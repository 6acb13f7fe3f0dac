package io.tollgate.adapter.postgres;

import java.util.List;
import java.util.Objects;

/**
 * The schema migrations of a database, as {@code tollgate migrations status} lists them (Kong's
 * {@code kong migrations list}).
 *
 * @param applied migrations already run, oldest first
 * @param pending migrations this version of Tollgate would run, oldest first
 */
public record MigrationStatus(List<Migration> applied, List<Migration> pending) {

    public MigrationStatus {
        applied = List.copyOf(applied);
        pending = List.copyOf(pending);
    }

    /** Whether the database is up to date (nothing pending). */
    public boolean isUpToDate() {
        return pending.isEmpty();
    }

    /**
     * One migration script.
     *
     * @param version e.g. {@code 1}
     * @param description e.g. {@code entities and event log}
     * @param state Flyway's state name, e.g. {@code Success}, {@code Pending}, {@code Failed}
     */
    public record Migration(String version, String description, String state) {
        public Migration {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(state, "state");
        }
    }
}
