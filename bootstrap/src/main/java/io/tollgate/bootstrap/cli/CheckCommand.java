package io.tollgate.bootstrap.cli;

import io.tollgate.bootstrap.config.ConfigException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tollgate check [FILE]}: Kong's {@code kong check <conf>}. Loads the configuration as {@code start} would
 * (the file, else the default files, plus the environment) and validates every property. Exit 0 and
 * {@code configuration at <file> is valid} on standard output; else exit 1 and, on standard error, one
 * {@code [error] <problem>} line per invalid property (Kong's {@code [error]} lines), e.g.
 * {@code [error] invalid log_level: "loud" is not one of …}, or {@code [error] no file at: <file>}.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Validate a configuration file.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:valid", "1:invalid (one [error] line per problem)", "2:usage error"})
final class CheckCommand implements Callable<Integer> {
    private final Cli cli;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "FILE",
            description = "Configuration file (default: first of /etc/tollgate/tollgate.conf, /etc/kong/kong.conf).")
    @Nullable
    Path file;

    CheckCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        try {
            cli.loadConfig(file);
        } catch (ConfigException e) {
            e.problems().forEach(problem -> cli.err().println("[error] " + problem));
            return Cli.FAILURE;
        }
        cli.out()
                .println(
                        file == null
                                ? "configuration is valid (default files and environment)"
                                : "configuration at " + file + " is valid");
        return 0;
    }
}
