package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.domain.shared.TollgateVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong's CLI specs {@code spec/02-integration/02-cmd/04-version_spec.lua} (2 cases),
 * {@code 07-health_spec.lua} (2 of its 4 {@code kong health} cases; 2 more are covered by {@link NodeLifecycleIT}),
 * {@code 08-quit_spec.lua} (2 of 4; 2 more are covered by {@link NodeLifecycleIT}) and {@code 01-cmds_spec.lua} (2 of
 * 3) against {@code tollgate version|health|quit|…} run from the built jar: 8 cases, one node (the {@code quit}
 * case's own).
 */
class KongCmdSpecIT {
    private static final String NL = System.lineSeparator();

    @TempDir
    static Path dir;

    /** Kong's {@code 04-version_spec.lua}. */
    @Nested
    class Version {

        /**
         * 04-version_spec.lua: "outputs Kong version". Kong prints the bare version; Tollgate prints
         * {@code Tollgate <version>}.
         */
        @Test
        void outputs_kong_version() throws Exception {
            CliProcess.Result version = CliProcess.run(dir, "version");

            assertThat(version.exitCode()).as(version.err()).isZero();
            assertThat(version.out().strip()).isEqualTo("Tollgate " + TollgateVersion.current());
        }

        /**
         * 04-version_spec.lua: "--all outputs all deps versions". Kong's dependencies are nginx and Lua; Tollgate's
         * runtime is Java.
         */
        @Test
        void all_outputs_all_deps_versions() throws Exception {
            CliProcess.Result version = CliProcess.run(dir, "version", "-a");

            assertThat(version.exitCode()).as(version.err()).isZero();
            assertThat(version.out())
                    .startsWith("Tollgate: " + TollgateVersion.current() + NL + "Java: ")
                    .matches("(?s)Tollgate: \\S+\\RJava: \\d+\\S* \\(.+\\)\\R");
        }
    }

    /** Kong's {@code 07-health_spec.lua}, {@code kong health} (its {@code bin/kong-health} script has none). */
    @Nested
    class Health {

        /** 07-health_spec.lua: "health help". Kong prints the help on stderr; Tollgate on stdout. */
        @Test
        void health_help() throws Exception {
            CliProcess.Result help = CliProcess.run(dir, "health", "--help");

            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).startsWith("Usage: tollgate health").contains("--prefix");
        }

        /** 07-health_spec.lua: errors: "errors on inexisting prefix". */
        @Test
        void errors_on_inexisting_prefix() throws Exception {
            CliProcess.Result health = CliProcess.run(dir, "health", "--prefix", "inexistant");

            assertThat(health.exitCode()).isEqualTo(1);
            assertThat(health.err()).isEqualTo("Error: no such prefix: " + dir.resolve("inexistant") + NL);
        }
    }

    /** Kong's {@code 08-quit_spec.lua}. */
    @Nested
    class Quit {

        /** 08-quit_spec.lua: "quit help". Kong prints the help on stderr; Tollgate on stdout. */
        @Test
        void quit_help() throws Exception {
            CliProcess.Result help = CliProcess.run(dir, "quit", "--help");

            assertThat(help.exitCode()).isZero();
            assertThat(help.out())
                    .startsWith("Usage: tollgate quit")
                    .contains("--timeout")
                    .contains("--wait");
        }

        /** 08-quit_spec.lua: "quit gracefully with --wait option". */
        @Test
        void quit_gracefully_with_wait_option() throws Exception {
            try (NodeProcess node = NodeProcess.start("waiting", dir, Map.of())) {
                long start = System.nanoTime();
                CliProcess.Result quit = CliProcess.run(
                        dir, "quit", "--wait", "2", "--prefix", node.prefix().toString());
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(quit.exitCode()).as(quit.err()).isZero();
                assertThat(quit.out()).isEqualTo("Tollgate stopped (gracefully)" + NL);
                assertThat(took).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(30));
                assertThat(node.awaitExit(Duration.ofSeconds(30))).isZero();
            }
        }
    }

    /** Kong's {@code 01-cmds_spec.lua}. */
    @Nested
    class Commands {

        /**
         * 01-cmds_spec.lua: 'kong': "outputs usage by default". Kong prints its usage ({@code kong COMMAND
         * [OPTIONS]}); Tollgate's one error line names the commands.
         */
        @Test
        void outputs_usage_by_default() throws Exception {
            CliProcess.Result bare = CliProcess.run(dir);

            assertThat(bare.exitCode()).isEqualTo(2);
            assertThat(bare.err())
                    .startsWith("Error: missing command (start, stop, quit, restart, health, check, migrations")
                    .hasLineCount(1);
        }

        /** 01-cmds_spec.lua: 'kong': errors: "errors on invalid command". */
        @Test
        void errors_on_invalid_command() throws Exception {
            CliProcess.Result foobar = CliProcess.run(dir, "foobar");

            assertThat(foobar.exitCode()).isEqualTo(2);
            assertThat(foobar.err()).isEqualTo("Error: No such command: foobar" + NL);
        }
    }
}
