package io.tollgate.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.bootstrap.config.ConfigLoader;
import io.tollgate.bootstrap.config.TollgateConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final RecordingNode node = new RecordingNode();
    private Map<String, String> env = Map.of();

    private Optional<Boolean> answer = Optional.empty();
    private final List<String> questions = new ArrayList<>();

    private int run(String... args) {
        ConfigLoader loader = new ConfigLoader(env, List.of(), w -> {});
        Terminal terminal = question -> {
            questions.add(question);
            return answer;
        };
        return new Cli(loader, node, "1.2.3", new PrintWriter(out), new PrintWriter(err), terminal).execute(args);
    }

    @Test
    void versionPrintsTheVersion() {
        assertThat(run("version")).isZero();
        assertThat(out).hasToString("Tollgate 1.2.3" + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void startLoadsTheGivenFileAndRunsMigrationsByDefault() throws IOException {
        Path conf = Files.writeString(dir.resolve("tollgate.conf"), "pg_host = db.example\n");

        assertThat(run("start", "-c", conf.toString())).isZero();

        assertThat(node.calls).containsExactly("start migrations=true");
        assertThat(node.config.pgHost()).isEqualTo("db.example");
    }

    @Test
    void startWithoutMigrations() {
        assertThat(run("start", "--no-migrations")).isZero();
        assertThat(node.calls).containsExactly("start migrations=false");
    }

    @Test
    void migrationsUpAndStatus() throws IOException {
        Path conf = Files.writeString(dir.resolve("tollgate.conf"), "database = postgres\n");

        assertThat(run("migrations", "up", "-c", conf.toString())).isZero();
        assertThat(run("migrations", "status", "--conf", conf.toString())).isZero();

        assertThat(node.calls).containsExactly("migrations up", "migrations status");
    }

    @Test
    void everyKongMigrationsCommandReachesTheNode() {
        for (String command : List.of("bootstrap", "up", "finish", "list", "status")) {
            assertThat(run("migrations", command)).as(command).isZero();
        }
        assertThat(run("migrations", "reset", "--yes")).isZero();
        assertThat(run("migrations", "reset", "-y")).isZero();

        assertThat(node.calls)
                .containsExactly(
                        "migrations bootstrap",
                        "migrations up",
                        "migrations finish",
                        "migrations list",
                        "migrations status",
                        "migrations reset",
                        "migrations reset");
        assertThat(questions).isEmpty();
    }

    @Test
    void resetWithoutYesAndWithoutATerminalRefuses() {
        answer = Optional.empty();

        assertThat(run("migrations", "reset")).isEqualTo(1);

        assertThat(err)
                .hasToString("Error: not a tty: invoke 'reset' non-interactively with the --yes flag"
                        + System.lineSeparator());
        assertThat(node.calls).isEmpty();
    }

    @Test
    void resetAsksAndOnlyAYesResets() {
        answer = Optional.of(false);
        assertThat(run("migrations", "reset")).isZero();
        assertThat(out).hasToString("cancelled" + System.lineSeparator());
        assertThat(node.calls).isEmpty();

        answer = Optional.of(true);
        assertThat(run("migrations", "reset")).isZero();
        assertThat(node.calls).containsExactly("migrations reset");
        assertThat(questions)
                .containsExactly(
                        "Are you sure? This operation is irreversible.",
                        "Are you sure? This operation is irreversible.");
    }

    @Test
    void listsExitCodeIsPassedOn() {
        node.exitCode = MigrationsAction.PENDING;
        assertThat(run("migrations", "list")).isEqualTo(5);
    }

    @Test
    void theNodesExitCodeIsReturned() {
        node.exitCode = 1;
        assertThat(run("start")).isEqualTo(1);
    }

    @Test
    void anInvalidValueIsAOneLineUsageError() {
        env = Map.of("TOLLGATE_DB_UPDATE_FREQUENCY", "abc");

        assertThat(run("start")).isEqualTo(2);

        assertThat(err)
                .hasToString("Error: invalid db_update_frequency: \"abc\" is not a number of seconds"
                        + System.lineSeparator());
        assertThat(node.calls).isEmpty();
    }

    @Test
    void aMissingConfigFileIsAUsageError() {
        assertThat(run("migrations", "up", "-c", dir.resolve("missing.conf").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("Error: no file at: ").doesNotContain("\tat ");
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void badCommandLinesAreUsageErrors() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("start", "--bogus")).isEqualTo(2);
        assertThat(run("migrations")).isEqualTo(2);
        assertThat(run("migrations", "drop")).isEqualTo(2);
        assertThat(run("fly")).isEqualTo(2);

        assertThat(err.toString().lines()).hasSize(5).allMatch(line -> line.startsWith("Error: "));
        assertThat(err.toString())
                .contains("Error: unknown migrations command 'drop' (bootstrap, up, finish, list or reset)");
        assertThat(node.calls).isEmpty();
    }

    @Test
    void aRuntimeFailureIsOneLineAndExitCodeOne() {
        node.failure = new IllegalStateException("port 8001 is already in use");

        assertThat(run("start")).isEqualTo(1);

        assertThat(err).hasToString("Error: port 8001 is already in use" + System.lineSeparator());
    }

    @Test
    void helpGoesToStandardOutput() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: tollgate").contains("start").contains("migrations");
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).contains("Tollgate 1.2.3");
    }

    @Test
    void startTakesThePrefixFromTheCommandLine() {
        assertThat(run("start", "-p", dir.resolve("node").toString())).isZero();
        assertThat(node.config.prefix()).isEqualTo(dir.resolve("node"));
    }

    @Test
    void checkSaysAValidFileIsValid() throws IOException {
        Path conf = Files.writeString(dir.resolve("tollgate.conf"), "log_level = warn\n");

        assertThat(run("check", conf.toString())).isZero();

        assertThat(out).hasToString("configuration at " + conf + " is valid" + System.lineSeparator());
        assertThat(node.calls).isEmpty();
    }

    @Test
    void checkRejectsAnInvalidFileWithExitOneAndTheProperty() throws IOException {
        Path conf = Files.writeString(dir.resolve("tollgate.conf"), "log_level = loud\n");

        assertThat(run("check", conf.toString())).isEqualTo(1);

        assertThat(err.toString()).startsWith("[error] invalid log_level: \"loud\"");
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(run("check", dir.resolve("missing.conf").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("[error] no file at: ");
    }

    @Test
    void lifecycleCommandsOnAPrefixWithoutANodeFailInOneLine() throws IOException {
        Path prefix = Files.createDirectories(dir.resolve("idle"));
        String notRunning = "Error: Tollgate is not running at " + prefix.toAbsolutePath() + System.lineSeparator();
        for (String command : List.of("stop", "quit", "health")) {
            assertThat(run(command, "-p", prefix.toString())).as(command).isEqualTo(1);
            assertThat(err.toString()).as(command).endsWith(notRunning);
        }
        assertThat(err.toString().lines()).hasSize(3);
    }

    @Test
    void theVerbosityFlagsPrintTheStackTrace() {
        assertThat(run("health", "-p", dir.toString(), "--v")).isEqualTo(1);

        assertThat(err.toString())
                .contains("NodeControlException")
                .contains("\tat ")
                .endsWith("Error: Tollgate is not running at " + dir.toAbsolutePath() + System.lineSeparator());
    }

    @Test
    void quitRejectsANegativeTimeout() {
        assertThat(run("quit", "-p", dir.toString(), "--timeout", "-1")).isEqualTo(2);
        assertThat(err.toString()).startsWith("Error: --timeout must be a number of seconds");
    }

    @Test
    void restartWithNothingRunningStarts() {
        assertThat(run("restart", "-p", dir.toString(), "--no-migrations")).isZero();
        assertThat(node.calls).containsExactly("start migrations=false");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void everyCommandHasHelpWithItsExitCodes() {
        for (String command : List.of("start", "stop", "quit", "restart", "health", "check", "migrations")) {
            StringWriter help = new StringWriter();
            int code = new Cli(
                            new ConfigLoader(Map.of(), List.of(), w -> {}),
                            node,
                            "1.2.3",
                            new PrintWriter(help),
                            new PrintWriter(err))
                    .execute(command, "--help");
            assertThat(code).as(command).isZero();
            assertThat(help.toString())
                    .as(command)
                    .contains("Usage: tollgate " + command)
                    .contains("Exit codes:");
        }
    }

    private static final class RecordingNode extends UnsupportedNodeRunner {
        final List<String> calls = new ArrayList<>();
        TollgateConfig config = TollgateConfig.defaults();
        int exitCode;
        RuntimeException failure;

        @Override
        public int start(TollgateConfig config, boolean runMigrations) {
            return record(config, "start migrations=" + runMigrations);
        }

        @Override
        public int migrations(TollgateConfig config, MigrationsAction action, boolean quiet) {
            return record(config, "migrations " + action.command());
        }

        private int record(TollgateConfig config, String call) {
            if (failure != null) {
                throw failure;
            }
            this.config = config;
            calls.add(call);
            return exitCode;
        }
    }
}
