package io.tollgate.bootstrap.cli;

import io.tollgate.bootstrap.config.TollgateConfig;
import io.tollgate.bootstrap.lifecycle.NodeControl;
import io.tollgate.bootstrap.lifecycle.RuntimeFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tollgate restart [-c FILE] [-p PREFIX] [--no-migrations]}: Kong's {@code kong restart}, i.e.
 * {@code tollgate stop} (when a node runs under the prefix) then {@code tollgate start} in the foreground. Exit codes
 * as {@code start}.
 */
@Command(
        name = "restart",
        mixinStandardHelpOptions = true,
        description = "Stop the node under the prefix if one runs, then start one (in the foreground).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the node ran and shut down cleanly", "1:runtime failure", "2:usage or configuration error"})
final class RestartCommand implements Callable<Integer> {
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
            description = "Prefix to run at (default: the configured prefix).")
    @Nullable
    Path prefix;

    @Option(names = "--no-migrations", description = "Do not apply pending database migrations before starting.")
    boolean noMigrations;

    RestartCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        TollgateConfig config = cli.loadConfig(configFile, StartCommand.prefixOverride(prefix));
        NodeControl control = new NodeControl(RuntimeFiles.of(config.prefix()));
        if (control.isRunning()) {
            control.stop();
            cli.out().println("Tollgate stopped");
        }
        return cli.node().start(config, !noMigrations);
    }
}
