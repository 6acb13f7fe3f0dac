package io.tollgate.bootstrap.cli;

import io.tollgate.bootstrap.config.Property;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tollgate start [-c FILE] [-p PREFIX] [--no-migrations]}: Kong's {@code kong start}, in the foreground. The
 * node writes {@code <prefix>/pids/tollgate.pid} and removes it when it exits; {@code tollgate stop|quit|health}
 * find it there.
 */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = "Start a node in the foreground: database, migrations, proxy and Admin API listeners.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the node ran and shut down cleanly",
            "1:runtime failure (e.g. already running, database unreachable, port taken)",
            "2:usage or configuration error"
        })
final class StartCommand implements Callable<Integer> {
    private final Cli cli;

    @Option(
            names = {"-c", "--conf"},
            paramLabel = "FILE",
            description = "Configuration file (default: first of /etc/tollgate/tollgate.conf, /etc/kong/kong.conf).")
    @Nullable
    Path configFile;

    @Option(
            names = {"-p", "--prefix"},
            paramLabel = "PREFIX",
            description = "Prefix directory (pid file, embedded database, logs); overrides the prefix property.")
    @Nullable
    Path prefix;

    @Option(names = "--no-migrations", description = "Do not apply pending database migrations before starting.")
    boolean noMigrations;

    StartCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        return cli.node().start(cli.loadConfig(configFile, prefixOverride(prefix)), !noMigrations);
    }

    /** {@code -p PREFIX} as a configuration override (none when not given). */
    static Map<String, String> prefixOverride(@Nullable Path prefix) {
        return prefix == null ? Map.of() : Map.of(Property.PREFIX.key(), prefix.toString());
    }
}
