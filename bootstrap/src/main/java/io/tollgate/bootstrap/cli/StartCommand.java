package io.tollgate.bootstrap.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    ConfigFileOption conf = new ConfigFileOption();

    @Mixin
    PrefixOption prefix = new PrefixOption();

    @Option(names = "--no-migrations", description = "Do not apply pending database migrations before starting.")
    boolean noMigrations;

    StartCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        Map<String, String> overrides = prefix.asOverride();
        return cli.node()
                .start(
                        cli.loadConfig(conf.file, overrides),
                        !noMigrations,
                        file -> cli.readConfig(file.orElse(conf.file), overrides));
    }
}
