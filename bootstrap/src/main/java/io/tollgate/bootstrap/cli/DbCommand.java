package io.tollgate.bootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tollgate db <command>}: maintenance of the database's event log; without a command, a usage error. */
@Command(
        name = "db",
        mixinStandardHelpOptions = true,
        description = "Maintain the event log in the database (compact).")
final class DbCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing db command (compact)");
    }
}
