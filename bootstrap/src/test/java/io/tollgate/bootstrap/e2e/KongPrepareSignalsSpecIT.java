package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong's CLI specs {@code spec/02-integration/02-cmd/09-prepare_spec.lua}, {@code 13-signals_spec.lua},
 * {@code 17-drain_spec.lua} and {@code 17-unready_spec.lua} ({@code tollgate prepare} run from the built jar; the
 * last two are {@link KongDrainUnreadySpecIT}).
 *
 * <ul>
 *   <li>{@code 09-prepare_spec.lua}, 9 cases: 5 ported (one differs: "on invalid nginx directive" is ported as an
 *       invalid property value, Tollgate having no nginx template); no counterpart for 4: "creates a process
 *       secrets file" (vault references are resolved inside the one node process, no secrets file is handed to
 *       nginx), the two LMDB
 *       cases (no LMDB and no {@code nginx_user}; {@link #prepares_a_prefix} checks instead that the embedded
 *       database is not created) and "prepares a prefix and fails to start kong correctly" (a prepared prefix does
 *       not freeze the configuration: {@code tollgate start} reads it again, and its failures are
 *       {@code KongStartStopSpecIT}'s).
 *   <li>{@code 13-signals_spec.lua}, 2 cases, no counterpart: "can receive USR1" (nginx reopens its logs; Logback
 *       needs no reopening) and "can receive USR2" (nginx's binary upgrade; HotSpot reserves SIGUSR2 on Linux).
 *       SIGTERM/SIGINT run the JVM's shutdown hook, a graceful quit: {@code NodeLogIT}
 *       {@code sigterm_stops_the_node_gracefully_before_its_embedded_postgres} and {@code TwoNodeClusterIT}
 *       {@code sigterm_stops_a_node_cleanly}; SIGQUIT and SIGHUP cannot be told apart in Java ({@code quit} and
 *       {@code reload} use control files instead).
 *   <li>{@code 17-drain_spec.lua} and {@code 17-unready_spec.lua}: {@link KongDrainUnreadySpecIT}.
 * </ul>
 */
class KongPrepareSignalsSpecIT {
    private static final String NL = System.lineSeparator();

    @TempDir
    Path dir;

    /** 09-prepare_spec.lua: "prepares a prefix" (the prefix named by the configuration file). */
    @Test
    void prepares_a_prefix() throws Exception {
        Path prefix = dir.resolve("servroot_prepared_test");
        Path conf = Files.writeString(dir.resolve("prepare.conf"), "prefix = " + prefix + "\n");

        CliProcess.Result prepare = CliProcess.run(dir, "prepare", "-c", conf.toString());

        assertThat(prepare.exitCode()).as(prepare.err()).isZero();
        assertThat(prepare.out()).isEqualTo("Tollgate prefix prepared at " + prefix + NL);
        assertThat(prefix.resolve("logs/admin_access.log")).isRegularFile().isEmptyFile();
        assertThat(prefix.resolve("logs/access.log")).isRegularFile().isEmptyFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(prefix.resolve("pids"))))
                .isEqualTo("rwx------");
        assertThat(prefix.resolve("pids/tollgate.pid")).doesNotExist();
        assertThat(prefix.resolve("postgres")).doesNotExist();
    }

    /** 09-prepare_spec.lua: "prepares a prefix from CLI arg option": {@code -p} wins over the file's prefix. */
    @Test
    void prepares_a_prefix_from_cli_arg_option() throws Exception {
        Path conf = Files.writeString(
                dir.resolve("prepare.conf"),
                "prefix = " + dir.resolve("from_file") + "\nproxy_error_log = logs/error.log\n");

        CliProcess.Result prepare = CliProcess.run(dir, "prepare", "-c", conf.toString(), "-p", "from_cli");

        assertThat(prepare.exitCode()).as(prepare.err()).isZero();
        assertThat(dir.resolve("from_cli/logs/admin_access.log")).isRegularFile();
        assertThat(dir.resolve("from_cli/logs/error.log")).isRegularFile();
        assertThat(dir.resolve("from_file")).doesNotExist();
    }

    /**
     * 09-prepare_spec.lua: errors: "on inexistent Kong conf file": Kong's {@code Error: no file at: foobar.conf}
     * (exit 2 in Tollgate, a configuration error).
     */
    @Test
    void on_inexistent_kong_conf_file() throws Exception {
        CliProcess.Result prepare = CliProcess.run(dir, "prepare", "--conf", "foobar.conf", "-p", "never");

        assertThat(prepare.exitCode()).isEqualTo(2);
        assertThat(prepare.err()).isEqualTo("Error: no file at: foobar.conf" + NL);
        assertThat(dir.resolve("never")).doesNotExist();
    }

    /**
     * 09-prepare_spec.lua: errors: "on invalid nginx directive". Tollgate has no nginx template (an unknown property
     * is ignored with a warning, as {@code tollgate check} documents): an invalid value fails the same way, naming
     * the property, and nothing is created.
     */
    @Test
    void on_invalid_nginx_directive() throws Exception {
        Path conf = Files.writeString(dir.resolve("invalid.conf"), "log_level = random_directive\n");

        CliProcess.Result prepare = CliProcess.run(dir, "prepare", "--conf", conf.toString(), "-p", "invalid");

        assertThat(prepare.exitCode()).isEqualTo(2);
        assertThat(prepare.err()).startsWith("Error: invalid log_level: \"random_directive\"");
        assertThat(prepare.err().lines()).hasSize(1);
        assertThat(dir.resolve("invalid")).doesNotExist();
    }

    /**
     * 09-prepare_spec.lua: and start: "prepares a prefix and starts kong correctly": a node started on the prepared
     * prefix serves the Admin API ({@code GET /routes} 200) and keeps the prepared files.
     */
    @Test
    void prepares_a_prefix_and_starts_kong_correctly() throws Exception {
        CliProcess.Result prepare = CliProcess.run(dir, "prepare", "-p", "prepared");
        assertThat(prepare.exitCode()).as(prepare.err()).isZero();
        assertThat(dir.resolve("prepared/logs/admin_access.log")).isRegularFile();

        try (NodeProcess node = NodeProcess.start("prepared", dir, Map.of())) {
            Http.Response routes = Http.get(node.admin() + "/routes");

            assertThat(routes.status()).isEqualTo(200);
            assertThat(dir.resolve("prepared/pids/tollgate.pid")).isRegularFile();
        }
    }
}
