package io.tollgate.bootstrap.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tollgate migrations up|status [-c FILE]}: Kong's {@code kong migrations up} and {@code status}. */
@Command(
        name = "migrations",
        mixinStandardHelpOptions = true,
        description = "Apply pending database migrations (up) or list applied and pending ones (status).")
final class MigrationsCommand implements Callable<Integer> {
    private static final List<String> ACTIONS = List.of("up", "status");

    private final Cli cli;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "up|status", description = "up: apply pending migrations; status: list them.")
    String action = "";

    @Option(
            names = {"-c", "--conf"},
            paramLabel = "FILE",
            description = "Configuration file (default: first of /etc/tollgate/tollgate.conf, /etc/kong/kong.conf).")
    @Nullable
    Path configFile;

    MigrationsCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        if (!ACTIONS.contains(action)) {
            throw new ParameterException(
                    spec.commandLine(), "unknown migrations action '" + action + "' (up or status)");
        }
        return cli.node().migrations(cli.loadConfig(configFile), action);
    }
}
