package io.tollgate.bootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code tollgate}: the top-level command; without a subcommand it is a usage error. */
@Command(
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:runtime failure", "2:usage or configuration error"},
        name = "tollgate",
        mixinStandardHelpOptions = true,
        description = "An API gateway that speaks Kong's Admin API dialect, clustered over PostgreSQL.")
final class TollgateCommand implements Callable<Integer> {
    private final Cli cli;

    @Spec
    CommandSpec spec;

    TollgateCommand(Cli cli) {
        this.cli = cli;
    }

    /** Kong's {@code --v}: verbose (log at info, print a failure's stack trace). */
    @Option(
            names = "--v",
            scope = ScopeType.INHERIT,
            description = "Verbose: log at info and print a failure's stack trace.")
    void verbose(boolean on) {
        if (on) {
            cli.verbosity(1);
        }
    }

    /** Kong's {@code --vv}: debug (log at debug, print a failure's stack trace). */
    @Option(
            names = "--vv",
            scope = ScopeType.INHERIT,
            description = "Debug: log at debug and print a failure's stack trace.")
    void debug(boolean on) {
        if (on) {
            cli.verbosity(2);
        }
    }

    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(),
                "missing command (start, stop, quit, restart, health, check, migrations, db, config, cluster, admins,"
                        + " prepare, drain, unready, vault or version)");
    }
}
