package io.tollgate.bootstrap.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tollgate migrations bootstrap|up|finish|list|reset [-y] [-q] [-c FILE]}: Kong's {@code kong migrations}, on the
 * Flyway migrations (whose advisory lock keeps nodes that migrate at the same time safe). {@code reset} asks
 * {@code Are you sure?} unless {@code --yes}; with no terminal and no {@code --yes} it refuses (exit 1), as Kong does.
 * {@code -q} prints nothing on standard output, as Kong's. {@code status} is kept as another name for {@code list}.
 */
@Command(
        name = "migrations",
        mixinStandardHelpOptions = true,
        description = {
            "Manage the database schema migrations:",
            "  bootstrap  bootstrap the database and run all migrations",
            "  up         run any new migrations",
            "  finish     finish running any pending migrations after 'up' (Tollgate has none)",
            "  list       list executed and new migrations",
            "  reset      reset the database (drops every object of the schema)"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:runtime failure (database unreachable, not bootstrapped for up/finish, reset refused)",
            "2:usage or configuration error",
            "3:list: the database needs bootstrapping",
            "5:list: new migrations are pending"
        })
final class MigrationsCommand implements Callable<Integer> {
    private final Cli cli;

    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "COMMAND",
            description = "bootstrap, up, finish, list or reset (status: another name for list).")
    String action = "";

    @Option(
            names = {"-y", "--yes"},
            description = "Assume \"yes\" to prompts and run non-interactively.")
    boolean yes;

    @Option(
            names = {"-q", "--quiet"},
            description = "Suppress all output.")
    boolean quiet;

    @Mixin
    ConfigFileOption conf = new ConfigFileOption();

    MigrationsCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        MigrationsAction chosen = MigrationsAction.of(action)
                .orElseThrow(() -> new ParameterException(
                        spec.commandLine(),
                        "unknown migrations command '" + action + "' (bootstrap, up, finish, list or reset)"));
        var config = cli.loadConfig(conf.file);
        if (chosen == MigrationsAction.RESET && !yes) {
            Optional<Boolean> answer = cli.terminal().confirm("Are you sure? This operation is irreversible.");
            if (answer.isEmpty()) {
                throw new IllegalStateException("not a tty: invoke 'reset' non-interactively with the --yes flag");
            }
            if (!answer.get()) {
                cli.out().println("cancelled");
                return 0;
            }
        }
        return cli.node().migrations(config, chosen, quiet);
    }
}
