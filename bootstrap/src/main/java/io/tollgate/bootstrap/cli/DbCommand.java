package io.tollgate.bootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tollgate db <command>}: tools for the database; without a command it is a usage error. */
@Command(
        name = "db",
        mixinStandardHelpOptions = true,
        description = "Database tools: rebuild (replay the event log into a fresh schema and compare the tables),"
                + " compact (fold the event log's old events into its snapshot now).")
final class DbCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing db command (rebuild or compact)");
    }
}
