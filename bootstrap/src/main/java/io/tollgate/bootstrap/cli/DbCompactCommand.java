package io.tollgate.bootstrap.cli;

import io.tollgate.application.compaction.CompactionSchedule;
import io.tollgate.application.port.out.Compaction;
import io.tollgate.bootstrap.config.Property;
import io.tollgate.bootstrap.config.TollgateConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tollgate db compact [-c FILE] [--retention SECONDS]}: folds the event log's events older than the retention
 * into its snapshot now, against the configured database, and prints what it did in one line (as a node's schedule
 * does every {@code min(event_log_retention, 1 h)}). Exit 0 when it compacted, found nothing old enough, found another
 * node compacting, or the retention is 0 (then it compacts nothing); 1 when the database cannot be reached or is not
 * migrated; 2 for a bad {@code --retention} (the same one-line error as a bad {@code event_log_retention}).
 */
@Command(
        name = "compact",
        mixinStandardHelpOptions = true,
        description = "Fold the event log's old events into its snapshot now and print what was done.")
final class DbCompactCommand implements Callable<Integer> {
    private final Cli cli;

    @Mixin
    ConfigFileOption conf = new ConfigFileOption();

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
        TollgateConfig config = cli.loadConfig(conf.file, overrides);
        Duration keep = config.eventLogRetention();
        if (keep.isZero()) {
            cli.out()
                    .println("event_log_retention is 0 (keep every event): nothing compacted;"
                            + " give --retention SECONDS to compact anyway");
            return 0;
        }
        Compaction outcome = cli.node().compact(config, keep);
        cli.out().println(CompactionSchedule.describe(outcome, keep));
        return 0;
    }
}
