package io.tollgate.bootstrap.cli;

import io.tollgate.adapter.postgres.PastConfiguration;
import io.tollgate.adapter.postgres.ReplayReport;
import io.tollgate.application.port.DeclaredConfiguration;
import io.tollgate.application.port.ImportProgress;
import io.tollgate.application.port.ImportReport;
import io.tollgate.application.port.in.ClusterStatus;
import io.tollgate.application.port.in.ManageAdminAccounts;
import io.tollgate.application.port.out.Compaction;
import io.tollgate.application.vault.Resolution;
import io.tollgate.bootstrap.config.TollgateConfig;
import io.tollgate.bootstrap.export.ExportMoment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the CLI calls once the configuration is loaded and logging applied; {@code Main} binds it to
 * {@code TollgateNode}, tests to a recording fake.
 */
public interface NodeRunner {
    /**
     * {@code tollgate start}: runs a node until it shuts down.
     *
     * @param runMigrations {@code false} when {@code --no-migrations} is given
     * @return the exit code (0 ok, 1 runtime failure)
     */
    int start(TollgateConfig config, boolean runMigrations);

    /**
     * {@code tollgate start} for a node that answers {@code tollgate reload}.
     *
     * @param reloader loads the configuration again, from the given file or else the one the node started with
     * @return the exit code (0 ok, 1 runtime failure)
     */
    default int start(TollgateConfig config, boolean runMigrations, Function<Optional<Path>, TollgateConfig> reloader) {
        return start(config, runMigrations);
    }

    /**
     * {@code tollgate migrations <action>} (a {@code reset} is already confirmed).
     *
     * @param quiet Kong's {@code -q}: print nothing on standard output
     * @return the exit code (0 ok, 1 runtime failure; for {@code list} 3 when the database needs bootstrapping, 5
     *     when migrations are pending)
     */
    int migrations(TollgateConfig config, MigrationsAction action, boolean quiet);

    /**
     * {@code tollgate db rebuild}: replays the configured database's event log into a fresh schema and compares every
     * entity table with the live one.
     *
     * @param keep whether to keep the replay schema ({@code --keep})
     * @throws RuntimeException when the database cannot be opened, is not migrated or has pending migrations
     */
    ReplayReport rebuild(TollgateConfig config, boolean keep);

    /**
     * {@code tollgate config export}: the whole configuration at {@code at}, from the configured database's event log.
     *
     * @throws io.tollgate.adapter.postgres.CompactedAway when {@code at} is before the log's compaction snapshot
     * @throws RuntimeException when the database cannot be opened, is not migrated or has pending migrations
     */
    PastConfiguration exportConfiguration(TollgateConfig config, ExportMoment at);

    /**
     * {@code tollgate config db_import}: writes a declarative configuration into the configured database, all or
     * nothing.
     *
     * @param progress told of every entity checked (a terminal's progress line, else {@link ImportProgress#NONE})
     * @throws io.tollgate.application.port.DeclarationRejected naming the entity that cannot be written (nothing is)
     * @throws RuntimeException when the database cannot be opened, is not migrated or has pending migrations
     */
    ImportReport importConfiguration(
            TollgateConfig config, DeclaredConfiguration configuration, ImportProgress progress);

    /**
     * {@code tollgate db compact}: compacts the configured database's event log once, now, with {@code retention}.
     *
     * @param retention greater than 0 (the command handles {@code event_log_retention = 0} itself)
     * @throws RuntimeException when the database cannot be opened, is not migrated or has pending migrations
     */
    Compaction compact(TollgateConfig config, Duration retention);

    /**
     * {@code tollgate cluster members}: the cluster's members, read from the configured database's {@code nodes}
     * table (no running node needed; with the embedded database, a running node's PostgreSQL is used).
     *
     * @throws RuntimeException when the database cannot be opened, is not migrated or has pending migrations
     */
    ClusterStatus clusterMembers(TollgateConfig config);

    /**
     * {@code tollgate admins add|remove|list}: runs {@code work} on the configured database's admin accounts (no
     * running node needed; with the embedded database, a running node's PostgreSQL is used) and returns its result.
     *
     * @throws io.tollgate.application.port.in.ManageAdminAccounts.AccountConflict from {@code work}
     * @throws RuntimeException when the database cannot be opened, is not migrated or has pending migrations
     */
    <T> T adminAccounts(TollgateConfig config, Function<ManageAdminAccounts, T> work);

    /**
     * {@code tollgate vault get}: resolves {@code reference} ({@code {vault://…}}) as a node does, reading the
     * configured database only when the reference names a {@code vaults} entity.
     *
     * @return the secret, or why it did not resolve (Kong's message, naming the reference)
     * @throws RuntimeException when the database is needed and cannot be opened, is not migrated or has pending
     *     migrations
     */
    Resolution vaultSecret(TollgateConfig config, String reference);
}
