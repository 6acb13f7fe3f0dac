package io.tollgate.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.DeclaredConfiguration;
import io.tollgate.application.port.DeclaredEntity;
import io.tollgate.application.port.ImportReport;
import io.tollgate.domain.catalog.EntityKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@code db_import}'s progress line: rewritten in place on a terminal for a big file, silent otherwise. */
class ImportProgressLineTest {

    private final StringWriter written = new StringWriter();
    private final PrintWriter err = new PrintWriter(written);
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void a_big_file_on_a_terminal_shows_parsed_validated_and_written_counts_on_one_rewritten_line() {
        DeclaredConfiguration file = services(3_000);
        ImportProgressLine line = ImportProgressLine.on(err, true, file, nanos::get);
        assertThat(written.toString()).isEqualTo("\rparsed 3000 | validated services 0/3000 | written 0");

        line.checked(EntityKind.SERVICES, 1, 3_000);
        assertThat(written.toString()).doesNotContain("1/3000"); // not yet 100 ms since the last redraw
        nanos.addAndGet(100_000_000);
        line.checked(EntityKind.SERVICES, 2, 3_000);
        assertThat(written.toString()).endsWith("\rparsed 3000 | validated services 2/3000 | written 0");
        for (int i = 3; i <= 3_000; i++) {
            line.checked(EntityKind.SERVICES, i, 3_000);
        }
        line.written(new ImportReport(Map.of(EntityKind.SERVICES, new ImportReport.Counts(2_990, 0, 10)), 2_990));

        String out = written.toString();
        assertThat(out)
                .endsWith("\rparsed 3000 | validated services 3000/3000 | written services 2990 (2990 events)\n");
        assertThat(out.chars().filter(c -> c == '\n').count()).isEqualTo(1);
        assertThat(out.chars().filter(c -> c == '\r').count()).isEqualTo(3);
    }

    @Test
    void nothing_is_printed_when_standard_error_is_not_a_terminal() {
        ImportProgressLine line = ImportProgressLine.on(err, false, services(3_000), nanos::get);
        nanos.addAndGet(1_000_000_000);
        line.checked(EntityKind.SERVICES, 1, 3_000);
        line.failed();
        line.written(new ImportReport(Map.of(), 0));
        assertThat(written.toString()).isEmpty();
    }

    @Test
    void nothing_is_printed_for_a_small_file_even_on_a_terminal() {
        ImportProgressLine line = ImportProgressLine.on(err, true, services(2_000), nanos::get);
        nanos.addAndGet(1_000_000_000);
        line.checked(EntityKind.SERVICES, 1, 2_000);
        line.written(new ImportReport(Map.of(), 0));
        assertThat(written.toString()).isEmpty();
    }

    @Test
    void a_failed_import_ends_the_line_so_the_error_starts_its_own() {
        ImportProgressLine line = ImportProgressLine.on(err, true, services(2_500), nanos::get);
        line.failed();
        assertThat(written.toString()).endsWith(" | written 0\n");
    }

    private static DeclaredConfiguration services(int count) {
        List<DeclaredEntity> entities = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entities.add(new DeclaredEntity(
                    "services[" + i + "]", EntityKind.SERVICES, Map.of("name", "s" + i, "host", "h"), null));
        }
        return new DeclaredConfiguration(entities, true);
    }
}
