package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong's CLI spec {@code spec/02-integration/02-cmd/02-start_stop_spec.lua} against {@code tollgate start|stop}
 * run from the built jar: 12 of its 22 cases (2 more, "start/stop custom Kong conf/prefix" and "notifies when Kong
 * is already running", are covered by {@link NodeLifecycleIT}); one shared node plus three starts that must fail.
 */
class KongStartStopSpecIT {
    private static final String NL = System.lineSeparator();

    @TempDir
    static Path dir;

    private static NodeProcess node;
    private static boolean prefixExistedBeforeStart;

    @BeforeAll
    static void start() throws Exception {
        prefixExistedBeforeStart = Files.exists(dir.resolve("startstop"));
        node = NodeProcess.start("startstop", dir, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** 02-start_stop_spec.lua: "start help". Kong prints the help on stderr; Tollgate on stdout. */
    @Test
    void start_help() throws Exception {
        CliProcess.Result help = CliProcess.run(dir, "start", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out())
                .startsWith("Usage: tollgate start")
                .contains("--prefix")
                .contains("--conf");
    }

    /** 02-start_stop_spec.lua: "stop help". Kong prints the help on stderr; Tollgate on stdout. */
    @Test
    void stop_help() throws Exception {
        CliProcess.Result help = CliProcess.run(dir, "stop", "--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: tollgate stop").contains("--prefix");
    }

    /** 02-start_stop_spec.lua: "creates prefix directory if it doesn't exist". */
    @Test
    void creates_prefix_directory_if_it_doesnt_exist() {
        assertThat(prefixExistedBeforeStart).isFalse();
        assertThat(node.prefix()).isDirectory();
        assertThat(node.prefix().resolve("pids/tollgate.pid")).exists();
    }

    /**
     * 02-start_stop_spec.lua: --run-migrations: errors: "does not start with an empty datastore". Tollgate applies
     * pending migrations at start unless {@code --no-migrations} (Kong's start without {@code --run-migrations}).
     * Kong: {@code the current database schema does not match this version of Kong}; Tollgate logs its own wording
     * (with a stack trace, not one {@code Error:} line) and exits 1.
     */
    @Test
    void does_not_start_with_an_empty_datastore() throws Exception {
        Path conf = conf("empty", NodeProcess.freePort());

        CliProcess.Result start = CliProcess.run(dir, "start", "--no-migrations", "-c", conf.toString());

        assertThat(start.exitCode()).isEqualTo(1);
        assertThat(start.err()).contains("the database is not migrated yet; run the migrations first");
        assertThat(dir.resolve("empty/pids/tollgate.pid")).doesNotExist();
    }

    /**
     * 02-start_stop_spec.lua: errors: "start inexistent Kong conf file": {@code Error: no file at: foobar.conf}.
     */
    @Test
    void start_inexistent_kong_conf_file() throws Exception {
        CliProcess.Result start = CliProcess.run(dir, "start", "--conf", "foobar.conf");

        assertThat(start.exitCode()).isEqualTo(2);
        assertThat(start.err()).isEqualToIgnoringNewLines("Error: no file at: foobar.conf");
        assertThat(start.err().lines()).hasSize(1);
    }

    /** 02-start_stop_spec.lua: errors: "stop inexistent prefix". */
    @Test
    void stop_inexistent_prefix() throws Exception {
        CliProcess.Result stop = CliProcess.run(dir, "stop", "--prefix", "inexistent");

        assertThat(stop.exitCode()).isEqualTo(1);
        assertThat(stop.err()).isEqualTo("Error: no such prefix: " + dir.resolve("inexistent") + NL);
        assertThat(node.isAlive()).isTrue();
    }

    /**
     * 02-start_stop_spec.lua: errors: "stops other services when could not start": the proxy port is taken, the start
     * fails naming it, and the node leaves nothing behind (its Admin API listener is not left open).
     */
    @Test
    void stops_other_services_when_could_not_start() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int admin = NodeProcess.freePort();
            Path conf = conf("busy", taken.getLocalPort(), admin);

            CliProcess.Result start = CliProcess.run(dir, "start", "-c", conf.toString());

            assertThat(start.exitCode()).isEqualTo(1);
            assertThat(start.err())
                    .contains("could not listen on /127.0.0.1:" + taken.getLocalPort())
                    .contains("Address already in use");
            assertThat(refused(admin)).isTrue();
            assertThat(dir.resolve("busy/pids/tollgate.pid")).doesNotExist();
        }
    }

    /** 02-start_stop_spec.lua: errors: "should not stop Kong if already running in prefix". */
    @Test
    void should_not_stop_kong_if_already_running_in_prefix() throws Exception {
        CliProcess.Result second =
                CliProcess.run(dir, "start", "--prefix", node.prefix().toString());

        assertThat(second.exitCode()).isEqualTo(1);
        assertThat(second.out() + second.err()).contains("Tollgate is already running at " + node.prefix());
        assertThat(node.isAlive()).isTrue();
        assertThat(Http.get(node.admin() + "/status").status()).isEqualTo(200);
    }

    /**
     * 02-start_stop_spec.lua: verbose args: "accepts debug --vv": the prefix in use, then the settings ({@code prefix =
     * }, {@code database = }) as debug lines on standard error. Here the start then fails on an empty datastore
     * ({@code --no-migrations}), which needs no second node.
     */
    @Test
    void accepts_debug_vv() throws Exception {
        Path conf = conf("verbose", NodeProcess.freePort());

        CliProcess.Result start = CliProcess.run(dir, "start", "--vv", "--no-migrations", "-c", conf.toString());

        assertThat(start.err())
                .contains("prefix in use: " + dir.resolve("verbose"))
                .contains("prefix = \"" + dir.resolve("verbose") + "\"")
                .contains("database = \"embedded\"");
    }

    /**
     * 02-start_stop_spec.lua: verbose args: "prints ENV variables when detected". The configuration loader is the one
     * every command uses; {@code check} runs it without starting a node.
     */
    @Test
    void prints_env_variables_when_detected() throws Exception {
        CliProcess.Result check =
                verboseCheck(Map.of("KONG_DATABASE", "postgres", "KONG_ADMIN_LISTEN", "127.0.0.1:8001"));

        assertThat(check.err())
                .contains("KONG_DATABASE ENV found with \"postgres\"")
                .contains("KONG_ADMIN_LISTEN ENV found with \"127.0.0.1:8001\"");
    }

    /** 02-start_stop_spec.lua: verbose args: "prints config in alphabetical order" (with Tollgate's settings). */
    @Test
    void prints_config_in_alphabetical_order() throws Exception {
        CliProcess.Result check = verboseCheck(Map.of());

        assertThat(check.err()).containsPattern("(?s)admin_listen = .*database = .*pg_host = .*prefix = ");
    }

    /** 02-start_stop_spec.lua: verbose args: "does not print sensitive settings in config" (no Cassandra here). */
    @Test
    void does_not_print_sensitive_settings_in_config() throws Exception {
        CliProcess.Result check = verboseCheck(Map.of("KONG_PG_PASSWORD", "do not print"));

        assertThat(check.err())
                .contains("KONG_PG_PASSWORD ENV found with \"******\"")
                .contains("pg_password = \"******\"")
                .doesNotContain("do not print");
    }

    /** {@code tollgate check --vv} of a valid file, with {@code environment}. */
    private static CliProcess.Result verboseCheck(Map<String, String> environment) throws Exception {
        Path conf = conf("check-vv", NodeProcess.freePort());
        CliProcess.Result check = CliProcess.run(dir, environment, "check", "--vv", conf.toString());
        assertThat(check.exitCode()).as(check.err()).isZero();
        return check;
    }

    /** A configuration file for a node {@code name} whose proxy listens on {@code proxy}, Admin API on a free port. */
    private static Path conf(String name, int proxy) throws IOException {
        return conf(name, proxy, NodeProcess.freePort());
    }

    private static Path conf(String name, int proxy, int admin) throws IOException {
        return Files.writeString(
                dir.resolve(name + ".conf"),
                "prefix = " + dir.resolve(name) + "\nproxy_listen = 127.0.0.1:" + proxy + "\nadmin_listen = 127.0.0.1:"
                        + admin + "\nadmin_gui_listen = off\n");
    }

    /** Whether a TCP connection to loopback {@code port} is refused now. */
    private static boolean refused(int port) throws IOException {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }
}
