package io.tollgate.bootstrap;

import io.tollgate.adapter.postgres.PastConfiguration;
import io.tollgate.adapter.postgres.ReplayReport;
import io.tollgate.application.port.DeclaredConfiguration;
import io.tollgate.application.port.ImportProgress;
import io.tollgate.application.port.ImportReport;
import io.tollgate.application.port.in.ClusterStatus;
import io.tollgate.application.port.in.ManageAdminAccounts;
import io.tollgate.application.port.out.Compaction;
import io.tollgate.application.vault.Resolution;
import io.tollgate.bootstrap.cli.Cli;
import io.tollgate.bootstrap.cli.MigrationsAction;
import io.tollgate.bootstrap.cli.NodeRunner;
import io.tollgate.bootstrap.config.ConfigLoader;
import io.tollgate.bootstrap.config.TollgateConfig;
import io.tollgate.bootstrap.export.ExportMoment;
import io.tollgate.domain.shared.TollgateVersion;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;

/** The {@code tollgate} executable's entry point: runs the CLI against {@link TollgateNode} and exits. */
public final class Main {
    private static final NodeRunner NODE = new NodeRunner() {
        @Override
        public int start(TollgateConfig config, boolean runMigrations) {
            return TollgateNode.start(config, runMigrations);
        }

        @Override
        public int start(
                TollgateConfig config,
                boolean runMigrations,
                java.util.function.Function<java.util.Optional<java.nio.file.Path>, TollgateConfig> reloader) {
            return TollgateNode.start(config, runMigrations, reloader);
        }

        @Override
        public int migrations(TollgateConfig config, MigrationsAction action, boolean quiet) {
            return DatabaseMigrations.run(
                    config, action, quiet ? new PrintStream(OutputStream.nullOutputStream()) : System.out);
        }

        @Override
        public ReplayReport rebuild(TollgateConfig config, boolean keep) {
            return DatabaseTools.rebuild(config, keep);
        }

        @Override
        public PastConfiguration exportConfiguration(TollgateConfig config, ExportMoment at) {
            return DatabaseTools.exportConfiguration(config, at);
        }

        @Override
        public ImportReport importConfiguration(
                TollgateConfig config, DeclaredConfiguration configuration, ImportProgress progress) {
            return DatabaseTools.importConfiguration(config, configuration, progress);
        }

        @Override
        public Compaction compact(TollgateConfig config, Duration retention) {
            return DatabaseTools.compact(config, retention);
        }

        @Override
        public ClusterStatus clusterMembers(TollgateConfig config) {
            return DatabaseTools.clusterMembers(config);
        }

        @Override
        public <T> T adminAccounts(TollgateConfig config, Function<ManageAdminAccounts, T> work) {
            return DatabaseTools.adminAccounts(config, work);
        }

        @Override
        public Resolution vaultSecret(TollgateConfig config, String reference) {
            return DatabaseTools.vaultSecret(config, reference);
        }
    };

    private Main() {}

    /**
     * Runs {@code tollgate <command>} and exits the JVM with its exit code (0 ok, 1 runtime failure, 2 usage or
     * configuration error).
     *
     * @param args the command line, e.g. {@code start -c /etc/tollgate/tollgate.conf}
     */
    public static void main(String[] args) {
        allowHostHeader();
        Cli cli = new Cli(
                ConfigLoader.fromSystem(),
                NODE,
                TollgateVersion.current(),
                new PrintWriter(System.out, true, System.out.charset()),
                new PrintWriter(System.err, true, System.err.charset()));
        System.exit(cli.execute(args));
    }

    /**
     * Lets the JDK HTTP client send a caller's {@code Host} (its {@code jdk.httpclient.allowRestrictedHeaders}, read
     * once when the client is first used): active health probes send the upstream's {@code host_header} as Kong's do.
     * A value the operator set is kept, with {@code host} added.
     */
    static void allowHostHeader() {
        String property = "jdk.httpclient.allowRestrictedHeaders";
        String allowed = System.getProperty(property, "").strip();
        boolean named =
                Arrays.stream(allowed.split(",")).anyMatch(h -> h.strip().equalsIgnoreCase("host"));
        if (!named) {
            System.setProperty(property, allowed.isEmpty() ? "host" : allowed + ",host");
        }
    }
}
