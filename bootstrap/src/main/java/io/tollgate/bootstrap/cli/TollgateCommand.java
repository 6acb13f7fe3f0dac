package io.tollgate.bootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tollgate}: the top-level command; without a subcommand it is a usage error. */
@Command(
        name = "tollgate",
        mixinStandardHelpOptions = true,
        description = "An API gateway that speaks Kong's Admin API dialect, clustered over PostgreSQL.")
final class TollgateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command (start, migrations, db, config or version)");
    }
}
