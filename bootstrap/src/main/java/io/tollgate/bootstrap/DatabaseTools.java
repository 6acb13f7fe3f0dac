package io.tollgate.bootstrap;

import io.tollgate.adapter.postgres.EventLogReplay;
import io.tollgate.adapter.postgres.PastConfiguration;
import io.tollgate.adapter.postgres.PostgresDatabase;
import io.tollgate.adapter.postgres.ReplayReport;
import io.tollgate.application.access.AdminAccountManagement;
import io.tollgate.application.cluster.ClusterMembership;
import io.tollgate.application.port.DeclaredConfiguration;
import io.tollgate.application.port.ImportProgress;
import io.tollgate.application.port.ImportReport;
import io.tollgate.application.port.in.ClusterStatus;
import io.tollgate.application.port.in.ManageAdminAccounts;
import io.tollgate.application.port.out.Compaction;
import io.tollgate.application.vault.Resolution;
import io.tollgate.application.vault.VaultSecrets;
import io.tollgate.bootstrap.config.TollgateConfig;
import io.tollgate.bootstrap.export.ConfigurationExport;
import io.tollgate.bootstrap.export.ExportMoment;
import io.tollgate.bootstrap.wiring.ApplicationModule;
import io.tollgate.bootstrap.wiring.ImportComponent;
import io.tollgate.domain.credential.PasswordHasher;
import java.time.Duration;
import java.util.function.Function;

/**
 * What {@code tollgate db rebuild}, {@code tollgate config export} and {@code tollgate db compact} do against the
 * configured database (embedded or external; an embedded one is started on the node's prefix, so its node must be
 * stopped). Only {@code db compact} writes the live schema (the event log and its snapshot, as a node's compaction
 * schedule does).
 */
public final class DatabaseTools {

    private DatabaseTools() {}

    /**
     * Replays the event log into a fresh schema and compares every entity table with the live one
     * ({@link EventLogReplay}).
     *
     * @param keep whether to keep the replay schema
     * @throws IllegalStateException when the database is not migrated or has pending migrations
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    public static ReplayReport rebuild(TollgateConfig config, boolean keep) {
        try (Databases databases = Databases.open(config)) {
            return EventLogReplay.run(databases.database(), keep);
        }
    }

    /**
     * The whole configuration as the event log says it was at {@code at} ({@link ConfigurationExport#at}).
     *
     * @throws io.tollgate.adapter.postgres.CompactedAway when {@code at} is before the log's compaction snapshot
     * @throws IllegalStateException when the database is not migrated or has pending migrations
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    public static PastConfiguration exportConfiguration(TollgateConfig config, ExportMoment at) {
        try (Databases databases = Databases.open(config)) {
            PostgresDatabase database = databases.database();
            int pending = database.status().pending().size();
            if (pending > 0) {
                throw new IllegalStateException("the database has " + pending
                        + " pending migration(s); run `tollgate migrations up` before exporting");
            }
            return ConfigurationExport.at(database, at);
        }
    }

    /**
     * Writes a declarative configuration in one transaction ({@link io.tollgate.application.port.in.ImportConfiguration}).
     *
     * @throws io.tollgate.application.port.DeclarationRejected naming the entity that cannot be written (nothing is)
     * @throws IllegalStateException when the database is not migrated or has pending migrations
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    public static ImportReport importConfiguration(
            TollgateConfig config, DeclaredConfiguration configuration, ImportProgress progress) {
        try (Databases databases = Databases.open(config)) {
            PostgresDatabase database = databases.database();
            int pending = database.status().pending().size();
            if (pending > 0) {
                throw new IllegalStateException("the database has " + pending
                        + " pending migration(s); run `tollgate migrations up` before importing");
            }
            return ImportComponent.factory().create(database).importer().apply(configuration, progress);
        }
    }

    /**
     * Compacts the event log once, now ({@link io.tollgate.application.port.out.LogCompaction}): folds the events
     * older than {@code retention} into the snapshot and deletes them.
     *
     * @param retention greater than 0
     * @return what was done ({@link Compaction.Busy} when another node is compacting)
     * @throws IllegalStateException when the database is not migrated or has pending migrations
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    public static Compaction compact(TollgateConfig config, Duration retention) {
        try (Databases databases = Databases.open(config)) {
            PostgresDatabase database = databases.database();
            int pending = database.status().pending().size();
            if (pending > 0) {
                throw new IllegalStateException("the database has " + pending
                        + " pending migration(s); run `tollgate migrations up` before compacting");
            }
            return database.logCompaction().compact(retention);
        }
    }

    /**
     * The cluster's members as the {@code nodes} table records them ({@code tollgate cluster members}). With the
     * embedded database, the PostgreSQL of a node running on the prefix is used, else one is started on it.
     *
     * @throws IllegalStateException when the database is not migrated or has pending migrations
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    public static ClusterStatus clusterMembers(TollgateConfig config) {
        try (Databases databases = Databases.openOrJoin(config)) {
            PostgresDatabase database = migrated(databases.database());
            return new ClusterMembership(database.clusterNodes()).members();
        }
    }

    /**
     * Runs {@code work} on the admin accounts in the {@code admin_accounts} table ({@code tollgate admins}). With the
     * embedded database, the PostgreSQL of a node running on the prefix is used, else one is started on it.
     *
     * @throws IllegalStateException when the database is not migrated or has pending migrations
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    public static <T> T adminAccounts(TollgateConfig config, Function<ManageAdminAccounts, T> work) {
        try (Databases databases = Databases.openOrJoin(config)) {
            PostgresDatabase database = migrated(databases.database());
            return work.apply(new AdminAccountManagement(database.adminAccounts(), new PasswordHasher()));
        }
    }

    /**
     * Resolves one vault reference as a node does ({@code tollgate vault get}): the {@code env} vault reads this
     * process's environment with the configuration's {@code vault_env_prefix}; the database is opened only for a
     * reference naming a {@code vaults} entity's {@code prefix} (with the embedded database, the PostgreSQL of a node
     * running on the prefix is used, else one is started on it).
     *
     * @param reference {@code {vault://…}}
     * @return the secret, or why it did not resolve in Kong's words ({@link VaultSecrets#resolve})
     * @throws IllegalStateException when the database is needed and not migrated or has pending migrations
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database is needed and cannot be reached
     */
    public static Resolution vaultSecret(TollgateConfig config, String reference) {
        try (OnDemandEntityStore store = new OnDemandEntityStore(config)) {
            VaultSecrets secrets = ApplicationModule.installedVaults(
                    store, config.vaultEnvPrefix().orElse(null));
            return secrets.resolve(reference);
        }
    }

    /**
     * {@code database}, once it is known to have no pending migration.
     *
     * @throws IllegalStateException when it has pending migrations
     */
    static PostgresDatabase migrated(PostgresDatabase database) {
        int pending = database.status().pending().size();
        if (pending > 0) {
            throw new IllegalStateException(
                    "the database has " + pending + " pending migration(s); run `tollgate migrations up` first");
        }
        return database;
    }
}
