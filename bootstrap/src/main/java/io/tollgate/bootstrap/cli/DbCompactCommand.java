package io.tollgate.bootstrap.cli;

import io.tollgate.bootstrap.config.Property;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tollgate db compact [-c FILE] [--retention SECONDS]}: folds the event log's events older than the retention
 * into its snapshot now, against the configured database, and prints what it did (as a node's schedule does every
 * {@code min(event_log_retention, 1 h)}). Skips, exit code 0, when another node is compacting.
 */
@Command(
        name = "compact",
        mixinStandardHelpOptions = true,
        description = "Fold the event log's old events into its snapshot now and print what was done.")
final class DbCompactCommand implements Callable<Integer> {
    private final Cli cli;

    @Option(
            names = {"-c", "--conf"},
            paramLabel = "FILE",
            description = "Configuration file (default: first of /etc/tollgate/tollgate.conf, /etc/kong/kong.conf).")
    @Nullable
    Path configFile;

    @Option(
            names = "--retention",
            paramLabel = "SECONDS",
            description = "Fold events older than this (fractions allowed; default: event_log_retention).")
    @Nullable
    String retention;

    DbCompactCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        Map<String, String> overrides =
                retention == null ? Map.of() : Map.of(Property.EVENT_LOG_RETENTION.key(), retention);
        return cli.node().compact(cli.loadConfig(configFile, overrides));
    }
}
