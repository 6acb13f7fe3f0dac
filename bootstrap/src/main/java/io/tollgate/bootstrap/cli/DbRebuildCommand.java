package io.tollgate.bootstrap.cli;

import io.tollgate.adapter.postgres.ReplayReport;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tollgate db rebuild [-c FILE] [--keep]}: replays the event log into a fresh schema of the configured
 * database through the same projections as live writes, compares every entity table with the live one and prints the
 * rows per table and a verdict ({@link ReplayReportText}). Exit 0 when every table is identical, 1 when one differs
 * or an event could not be projected. Reads the live schema only; the replay schema is dropped unless {@code --keep}.
 */
@Command(
        name = "rebuild",
        mixinStandardHelpOptions = true,
        description = {
            "Replay the event log into a fresh schema and compare every entity table with the live one.",
            "Exit 0 when identical, 1 when a table differs or an event cannot be projected."
        })
final class DbRebuildCommand implements Callable<Integer> {
    private final Cli cli;

    @Mixin
    ConfigFileOption conf = new ConfigFileOption();

    @Option(names = "--keep", description = "Keep the replay schema (tollgate_replay_…) for inspection.")
    boolean keep;

    DbRebuildCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        ReplayReport report = cli.node().rebuild(cli.loadConfig(conf.file), keep);
        ReplayReportText.print(report, cli.out());
        return report.identical() ? 0 : Cli.FAILURE;
    }
}
