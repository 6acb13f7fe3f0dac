package io.tollgate.bootstrap.cli;

import io.tollgate.adapter.postgres.EventLogReplay;
import io.tollgate.adapter.postgres.ReplayReport;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code tollgate db rebuild}'s output: what was replayed, one line per entity table (live rows, replayed rows,
 * differing rows and the first differing ids) and a one-line verdict starting with {@code identical},
 * {@code DIFFERENT} or {@code FAILED}.
 */
final class ReplayReportText {

    private ReplayReportText() {}

    static void print(ReplayReport report, PrintWriter out) {
        out.printf(
                Locale.ROOT,
                "Replayed the event log into schema %s (%s): %d snapshot row(s), %d entity event(s), %d other"
                        + " event(s) passed over, in %.3f s%n",
                report.schema(),
                report.kept() ? "kept" : "dropped",
                report.snapshotRows(),
                report.events(),
                report.skipped(),
                report.took().toNanos() / 1e9);
        ReplayReport.Failure failure = report.failure();
        if (failure != null) {
            out.println("Verdict: FAILED: " + failure.describe());
            return;
        }
        out.printf(
                Locale.ROOT, "%-22s %10s %10s %10s  %s%n", "table", "live", "replayed", "differing", "first differing");
        long differingTables = 0;
        for (ReplayReport.Table table : report.tables()) {
            if (!table.identical()) {
                differingTables++;
            }
            String ids = table.differingIds().stream().map(UUID::toString).collect(Collectors.joining(" "));
            if (table.differing() > table.differingIds().size()) {
                ids += " …";
            }
            out.printf(
                    Locale.ROOT,
                    "%-22s %10d %10d %10d  %s%n",
                    table.name(),
                    table.liveRows(),
                    table.replayedRows(),
                    table.differing(),
                    ids);
        }
        out.println(
                report.identical()
                        ? "Verdict: identical: every entity table is the projection of the event log"
                        : "Verdict: DIFFERENT: " + differingTables + " table(s) differ from the event log's projection"
                                + " (up to " + EventLogReplay.MAX_LISTED + " ids listed per table)");
    }
}
