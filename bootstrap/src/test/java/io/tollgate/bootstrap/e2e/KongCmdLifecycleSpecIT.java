package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong's CLI specs {@code spec/02-integration/02-cmd/10-migrations_spec.lua} (5 of its 16 cases; 6 more are
 * covered by {@link MigrationsIT}), {@code 06-restart_spec.lua} (3 of 6; 1 more is covered by {@code CliTest}) and
 * {@code 03-reload_spec.lua} (3 of its 13 cases; 1 more is covered by {@link NodeLifecycleIT}) against
 * {@code tollgate migrations|restart|reload} run from the built jar: 11 cases, 11 CLI runs, three nodes (two of them
 * restarted).
 */
class KongCmdLifecycleSpecIT {
    private static final String NL = System.lineSeparator();

    @TempDir
    static Path dir;

    private static String bootstrappedConf;

    private static NodeProcess reloadNode;

    /** The node the reload cases share (started by the first of them). */
    private static synchronized NodeProcess reloadNode() throws Exception {
        if (reloadNode == null) {
            reloadNode = NodeProcess.start("reloaded", dir, Map.of());
        }
        return reloadNode;
    }

    @AfterAll
    static void stopReloadNode() throws InterruptedException {
        if (reloadNode != null) {
            reloadNode.close();
        }
    }

    /** The file of a database bootstrapped once for the class (as Kong's earlier cases leave it). */
    private static synchronized String bootstrapped() throws Exception {
        if (bootstrappedConf == null) {
            String conf = Files.writeString(dir.resolve("quiet.conf"), "prefix = " + dir.resolve("quiet") + "\n")
                    .toString();
            CliProcess.Result bootstrap = CliProcess.run(dir, "migrations", "bootstrap", "-c", conf);
            assertThat(bootstrap.exitCode()).as(bootstrap.err()).isZero();
            bootstrappedConf = conf;
        }
        return bootstrappedConf;
    }

    /** Kong's {@code 10-migrations_spec.lua}. */
    @Nested
    class Migrations {

        /**
         * 10-migrations_spec.lua: reset: "does not reset twice". Kong prints {@code nothing to reset} on stdout;
         * Tollgate prints it as its error line on stderr (same exit code 1).
         */
        @Test
        void does_not_reset_twice() throws Exception {
            String conf = Files.writeString(dir.resolve("reset.conf"), "prefix = " + dir.resolve("reset") + "\n")
                    .toString();

            CliProcess.run(dir, "migrations", "reset", "--yes", "-c", conf);
            CliProcess.Result again = CliProcess.run(dir, "migrations", "reset", "--yes", "-c", conf);

            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).contains("nothing to reset");
        }

        /** 10-migrations_spec.lua: bootstrap: "-q supresses all output". */
        @Test
        void bootstrap_q_supresses_all_output() throws Exception {
            assertQuiet("bootstrap");
        }

        /** 10-migrations_spec.lua: list: "-q supresses all output". */
        @Test
        void list_q_supresses_all_output() throws Exception {
            assertQuiet("list");
        }

        /** 10-migrations_spec.lua: up: "-q supresses all output". */
        @Test
        void up_q_supresses_all_output() throws Exception {
            assertQuiet("up");
        }

        /** 10-migrations_spec.lua: finish: "-q supresses all output". */
        @Test
        void finish_q_supresses_all_output() throws Exception {
            assertQuiet("finish");
        }

        /** Runs {@code migrations <action> -q} on the bootstrapped database: exit 0, nothing printed. */
        private void assertQuiet(String action) throws Exception {
            CliProcess.Result quiet = CliProcess.run(dir, "migrations", action, "-q", "-c", bootstrapped());

            assertThat(quiet.exitCode()).as(quiet.err()).isZero();
            assertThat(quiet.out()).isEmpty();
            assertThat(quiet.err()).isEmpty();
        }
    }

    /** Kong's {@code 06-restart_spec.lua}. */
    @Nested
    class Restart {

        /** 06-restart_spec.lua: "restart help". Kong prints the help on stderr; Tollgate on stdout. */
        @Test
        void restart_help() throws Exception {
            CliProcess.Result help = CliProcess.run(dir, "restart", "--help");

            assertThat(help.exitCode()).isZero();
            assertThat(help.out())
                    .startsWith("Usage: tollgate restart")
                    .contains("--conf")
                    .contains("--prefix");
        }

        /** 06-restart_spec.lua: "restarts if already running from --conf". */
        @Test
        void restarts_if_already_running_from_conf() throws Exception {
            try (NodeProcess node = NodeProcess.start("restart-conf", dir, Map.of())) {
                assertRestartedBy(
                        node, Map.of(), "restart", "--conf", node.conf().toString(), "--no-migrations");
            }
        }

        /**
         * 06-restart_spec.lua: "restarts with default configuration and prefix": {@code restart} with no option, its
         * prefix and listeners from Kong's environment variables (the node was started from a file with the same
         * values).
         */
        @Test
        void restarts_with_default_configuration_and_prefix() throws Exception {
            try (NodeProcess node = NodeProcess.start("restart-env", dir, Map.of())) {
                Map<String, String> environment = Map.of(
                        "KONG_PREFIX", node.prefix().toString(),
                        "KONG_PROXY_LISTEN", node.proxy().substring("http://".length()),
                        "KONG_ADMIN_LISTEN", node.admin().substring("http://".length()),
                        "KONG_ADMIN_GUI_LISTEN", "off");
                assertRestartedBy(node, environment, "restart", "--no-migrations");
            }
        }

        /**
         * Runs {@code args} (a restart, which keeps the new node in the foreground) in the background: the running
         * node exits, a node with another pid answers on the same Admin port; then ends that node.
         */
        private void assertRestartedBy(NodeProcess node, Map<String, String> environment, String... args)
                throws Exception {
            Path pidFile = node.prefix().resolve("pids/tollgate.pid");
            String before = Files.readString(pidFile).strip();
            ProcessBuilder builder = CliProcess.builder(dir, args)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(node.name() + "-restart.log").toFile());
            builder.environment().putAll(environment);
            Process restart = builder.start();
            try {
                assertThat(node.awaitExit(Duration.ofSeconds(60))).isZero();
                Awaitility.await()
                        .atMost(Duration.ofSeconds(120))
                        .ignoreExceptions()
                        .untilAsserted(() -> {
                            assertThat(restart.isAlive()).isTrue();
                            assertThat(Http.get(node.admin() + "/status").status())
                                    .isEqualTo(200);
                        });
                assertThat(Files.readString(pidFile).strip())
                        .isNotEqualTo(before)
                        .isEqualTo(String.valueOf(restart.pid()));
                assertThat(Files.readString(dir.resolve(node.name() + "-restart.log")))
                        .startsWith("Tollgate stopped");
            } finally {
                restart.destroy();
                if (!restart.waitFor(30, TimeUnit.SECONDS)) {
                    restart.destroyForcibly().waitFor();
                }
            }
        }
    }

    /** Kong's {@code 03-reload_spec.lua}. */
    @Nested
    class Reload {

        /**
         * 03-reload_spec.lua: "send a 'reload' signal to a running Nginx master process": the same process (pid
         * file) runs after the reload.
         */
        @Test
        void send_a_reload_signal_to_a_running_nginx_master_process() throws Exception {
            NodeProcess node = reloadNode();
            Path pidFile = node.prefix().resolve("pids/tollgate.pid");
            String before = Files.readString(pidFile);

            CliProcess.Result reload =
                    CliProcess.run(dir, "reload", "--prefix", node.prefix().toString());

            assertThat(reload.exitCode()).as(reload.err()).isZero();
            assertThat(node.isAlive()).isTrue();
            assertThat(Files.readString(pidFile)).isEqualTo(before);
        }

        /** 03-reload_spec.lua: "clears the 'kong' shm but preserves 'node_id'". */
        @Test
        void clears_the_kong_shm_but_preserves_node_id() throws Exception {
            NodeProcess node = reloadNode();
            String before = Http.get(node.admin() + "/").json().get("node_id").asText();

            CliProcess.Result reload =
                    CliProcess.run(dir, "reload", "--prefix", node.prefix().toString());

            assertThat(reload.exitCode()).as(reload.err()).isZero();
            assertThat(Http.get(node.admin() + "/").json().get("node_id").asText())
                    .isNotEmpty()
                    .isEqualTo(before);
        }

        /**
         * 03-reload_spec.lua: errors: "complains about missing PID if not already running". Kong says
         * {@code nginx not running in prefix: <prefix>}; Tollgate {@code Tollgate is not running at <prefix>}.
         */
        @Test
        void complains_about_missing_pid_if_not_already_running() throws Exception {
            Path prefix = Files.createDirectories(dir.resolve("idle"));

            CliProcess.Result reload = CliProcess.run(dir, "reload", "--prefix", prefix.toString());

            assertThat(reload.exitCode()).isEqualTo(1);
            assertThat(reload.err()).isEqualTo("Error: Tollgate is not running at " + prefix + NL);
        }
    }
}
