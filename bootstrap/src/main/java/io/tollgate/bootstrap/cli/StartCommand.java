package io.tollgate.bootstrap.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tollgate start [-c FILE] [--no-migrations]}: Kong's {@code kong start}. */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = "Start a node: database, migrations, proxy and Admin API listeners.")
final class StartCommand implements Callable<Integer> {
    private final Cli cli;

    @Option(
            names = {"-c", "--conf"},
            paramLabel = "FILE",
            description = "Configuration file (default: first of /etc/tollgate/tollgate.conf, /etc/kong/kong.conf).")
    @Nullable
    Path configFile;

    @Option(names = "--no-migrations", description = "Do not apply pending database migrations before starting.")
    boolean noMigrations;

    StartCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return cli.node().start(cli.loadConfig(configFile), !noMigrations);
    }
}
