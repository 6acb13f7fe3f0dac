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
import java.time.Duration;
import java.util.function.Function;

/**
 * A {@link NodeRunner} for CLI tests: every method throws {@link UnsupportedOperationException}, so a test's fake
 * overrides only the commands it exercises, and a new {@code NodeRunner} method is added here once.
 */
abstract class UnsupportedNodeRunner implements NodeRunner {

    private static UnsupportedOperationException unused(String what) {
        return new UnsupportedOperationException(what + " is not exercised by this test");
    }

    @Override
    public int start(TollgateConfig config, boolean runMigrations) {
        throw unused("start");
    }

    @Override
    public int migrations(TollgateConfig config, MigrationsAction action, boolean quiet) {
        throw unused("migrations");
    }

    @Override
    public ReplayReport rebuild(TollgateConfig config, boolean keep) {
        throw unused("db rebuild");
    }

    @Override
    public PastConfiguration exportConfiguration(TollgateConfig config, ExportMoment at) {
        throw unused("config export");
    }

    @Override
    public ImportReport importConfiguration(
            TollgateConfig config, DeclaredConfiguration configuration, ImportProgress progress) {
        throw unused("config db_import");
    }

    @Override
    public Compaction compact(TollgateConfig config, Duration retention) {
        throw unused("db compact");
    }

    @Override
    public ClusterStatus clusterMembers(TollgateConfig config) {
        throw unused("cluster members");
    }

    @Override
    public <T> T adminAccounts(TollgateConfig config, Function<ManageAdminAccounts, T> work) {
        throw unused("admins");
    }

    @Override
    public Resolution vaultSecret(TollgateConfig config, String reference) {
        throw unused("vault get");
    }
}
