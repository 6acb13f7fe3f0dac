package io.tollgate.bootstrap.cli;

import io.tollgate.bootstrap.config.TollgateConfig;
import io.tollgate.bootstrap.lifecycle.NodeControl;
import io.tollgate.bootstrap.lifecycle.RuntimeFiles;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    ConfigFileOption conf = new ConfigFileOption();

    @Mixin
    PrefixOption prefix = new PrefixOption();

    @Option(names = "--no-migrations", description = "Do not apply pending database migrations before starting.")
    boolean noMigrations;

    RestartCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        TollgateConfig config = cli.loadConfig(conf.file, prefix.asOverride());
        NodeControl control = new NodeControl(RuntimeFiles.of(config.prefix()));
        if (control.isRunning()) {
            control.stop();
            cli.out().println("Tollgate stopped");
        }
        return cli.node().start(config, !noMigrations);
    }
}
