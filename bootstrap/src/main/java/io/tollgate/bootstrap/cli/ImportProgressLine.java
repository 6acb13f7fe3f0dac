package io.tollgate.bootstrap.cli;

import io.tollgate.application.port.DeclaredConfiguration;
import io.tollgate.application.port.DeclaredEntity;
import io.tollgate.application.port.ImportProgress;
import io.tollgate.application.port.ImportReport;
import io.tollgate.domain.catalog.EntityKind;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * {@code db_import}'s progress on a terminal, one line rewritten in place ({@code \r}) at most every
 * {@value #INTERVAL_MS} ms: {@code parsed N | validated <kind> done/total, … | written …}; the last one, with the
 * entities written per kind and the events appended, ends with a line break. Only for a file of more than
 * {@value #THRESHOLD} entities on a terminal: otherwise (a pipe, a test, a small file) nothing is printed at all.
 */
final class ImportProgressLine implements ImportProgress {

    /** Files with at most this many entities import without a progress line. */
    static final long THRESHOLD = 2_000;

    static final long INTERVAL_MS = 100;

    private final PrintWriter err;
    private final LongSupplier nanoTime;
    private final long parsed;
    private final boolean shown;
    private final Map<EntityKind, long[]> kinds = new EnumMap<>(EntityKind.class);
    private long shownAt;
    private int shownLength;

    private ImportProgressLine(
            PrintWriter err, boolean terminal, LongSupplier nanoTime, DeclaredConfiguration configuration) {
        this.err = err;
        this.nanoTime = nanoTime;
        this.parsed = configuration.entities().size();
        this.shown = terminal && parsed > THRESHOLD;
        for (DeclaredEntity entity : configuration.entities()) {
            kinds.computeIfAbsent(entity.kind(), k -> new long[2])[1]++;
        }
    }

    /**
     * The progress display for importing {@code configuration}: a line on {@code err} when {@code terminal} and the
     * file holds more than {@link #THRESHOLD} entities (shown at once with the parsed count), else a silent one.
     *
     * @param nanoTime the clock the {@value #INTERVAL_MS} ms between redraws is measured on (ns)
     */
    static ImportProgressLine on(
            PrintWriter err, boolean terminal, DeclaredConfiguration configuration, LongSupplier nanoTime) {
        ImportProgressLine line = new ImportProgressLine(err, terminal, nanoTime, configuration);
        if (line.shown) {
            line.shownAt = nanoTime.getAsLong();
            line.show(line.validated() + " | written 0", false);
        }
        return line;
    }

    @Override
    public void checked(EntityKind kind, long done, long total) {
        if (!shown) {
            return;
        }
        long[] count = kinds.computeIfAbsent(kind, k -> new long[] {0, total});
        count[0] = done;
        long now = nanoTime.getAsLong();
        if (now - shownAt >= INTERVAL_MS * 1_000_000) {
            shownAt = now;
            show(validated() + " | written 0", false);
        }
    }

    /** The final line, after the commit: what was written per kind and the events appended; ends the line. */
    void written(ImportReport report) {
        if (!shown) {
            return;
        }
        String written = report.counts().entrySet().stream()
                .filter(e -> e.getValue().created() + e.getValue().updated() > 0)
                .map(e -> e.getKey().kongName() + " "
                        + (e.getValue().created() + e.getValue().updated()))
                .collect(Collectors.joining(", "));
        show(
                validated() + " | written " + (written.isEmpty() ? "nothing" : written) + " (" + report.events()
                        + " events)",
                true);
    }

    /** Ends the line where the import stopped (it failed and wrote nothing), so the error starts a line of its own. */
    void failed() {
        if (shown) {
            err.println();
            err.flush();
        }
    }

    private String validated() {
        return kinds.entrySet().stream()
                .map(e -> e.getKey().kongName() + " " + e.getValue()[0] + "/" + e.getValue()[1])
                .collect(Collectors.joining(", ", "validated ", ""));
    }

    private void show(String progress, boolean last) {
        String line = "parsed " + parsed + " | " + progress;
        err.print("\r" + line + " ".repeat(Math.max(0, shownLength - line.length())) + (last ? "\n" : ""));
        err.flush();
        shownLength = line.length();
    }
}
