package io.tollgate.bootstrap.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tollgate config <command>}: the gateway's configuration; without a command it is a usage error. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = {
            "The gateway's configuration (entities): export (Tollgate's JSON, now or at a past moment); db_export,"
                    + " db_import and parse (Kong's declarative format, decK's nesting); init"
                    + " (an example file to start from)."
        })
final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(
                spec.commandLine(), "missing config command (export, db_export, db_import, parse, init)");
    }
}
