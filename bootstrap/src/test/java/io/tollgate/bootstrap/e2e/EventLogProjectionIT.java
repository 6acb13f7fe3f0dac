package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapter.postgres.EventLogReplay;
import io.tollgate.adapter.postgres.PostgresDatabase;
import io.tollgate.adapter.postgres.PostgresSettings;
import io.tollgate.adapter.postgres.ReplayReport;
import io.tollgate.domain.catalog.EntityKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof that the entity tables are the projection of the event log: a real node takes a seeded random sequence of
 * Admin API writes over every entity kind ({@link ProjectionWorkload}: creates, updates, upserts by id and by endpoint
 * key, deletes with their cascades, tags), then the log is replayed into a fresh schema ({@link EventLogReplay}, in
 * process, and {@code tollgate db rebuild} as an operator runs it) and every table must hold exactly the live rows, and
 * the log exactly as many entity events as the writes made entity changes.
 *
 * <p>Replay a failure with {@code -Dreplay.seed=<seed printed on stdout>}; size with {@code -Dreplay.writes=N}
 * (default 2,000 random writes, besides four deliberate cascades).
 */
class EventLogProjectionIT {

    private static final long SEED = Long.getLong("replay.seed", new Random().nextLong());
    private static final int WRITES = Integer.getInteger("replay.writes", 2_000);

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static NodeProcess node;

    @BeforeAll
    static void startNode() throws Exception {
        cluster = TestCluster.startFast(dir);
        node = cluster.node("replay", cluster.settings());
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
            Files.writeString(Path.of("target", "EventLogProjectionIT-node.log"), node.log()); // for a post-mortem
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void replaying_the_log_of_random_admin_writes_gives_every_table_back() throws Exception {
        System.out.println("EventLogProjectionIT seed " + SEED + " (replay with -Dreplay.seed=" + SEED + "), " + WRITES
                + " random writes");
        long started = System.nanoTime();
        ProjectionWorkload workload = new ProjectionWorkload(node.admin(), SEED);
        workload.run(WRITES);
        workload.cascades();
        System.out.println("EventLogProjectionIT: writes took "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms; answers: " + workload.tally);
        System.out.println("EventLogProjectionIT: ms waited by request: " + workload.waited);
        System.out.println("EventLogProjectionIT: cascades " + workload.cascades + "; expected entity events "
                + workload.expectedEvents);

        ReplayReport report;
        try (PostgresDatabase database = PostgresDatabase.connect(
                new PostgresSettings("127.0.0.1", cluster.port(), "postgres", null, "postgres", null, 5000))) {
            report = EventLogReplay.run(database, false);
        }
        System.out.println("EventLogProjectionIT: replay " + report);

        assertThat(report.failure()).as("seed %d", SEED).isNull();
        assertThat(report.tables()).hasSize(EntityKind.values().length);
        for (ReplayReport.Table table : report.tables()) {
            assertThat(table.identical())
                    .as("seed %d: %s replayed identically: %s", SEED, table.name(), table)
                    .isTrue();
            assertThat(table.liveRows() > 0 || workload.hadRows.contains(table.name()))
                    .as("seed %d: %s held rows during the run", SEED, table.name())
                    .isTrue();
        }
        assertThat(report.events())
                .as("seed %d: entity events in the log = entity changes the writes made", SEED)
                .isEqualTo(workload.expectedEvents);
        assertCoverage(workload);

        CliProcess.Result cli = CliProcess.run(
                dir, "db", "rebuild", "-c", dir.resolve("replay.conf").toString());
        System.out.println("EventLogProjectionIT: tollgate db rebuild said:\n" + cli.out());
        assertThat(cli.exitCode()).as("db rebuild: %s %s", cli.out(), cli.err()).isZero();
        assertThat(cli.out()).contains(report.events() + " entity event(s)").contains("Verdict: identical");
    }

    /**
     * Every kind created, updated and deleted; every kind of request accepted; the four cascades made. (A much smaller
     * {@code -Dreplay.writes} may miss some.)
     */
    private static void assertCoverage(ProjectionWorkload workload) {
        for (EntityKind kind : EntityKind.values()) {
            String name = kind.kongName();
            assertThat(accepted(workload, "POST", name))
                    .as("seed %d: %s created", SEED, name)
                    .isPositive();
            assertThat(accepted(workload, "PATCH", name) + accepted(workload, "PUT", name))
                    .as("seed %d: %s updated", SEED, name)
                    .isPositive();
            assertThat(workload.deletedRows
                            .getOrDefault(name, new AtomicInteger())
                            .get())
                    .as("seed %d: %s deleted (by its own DELETE or a cascade)", SEED, name)
                    .isPositive();
        }
        for (String request :
                new String[] {"POST ", "POST nested ", "PATCH ", "PUT by-id ", "PUT by-key ", "DELETE "}) {
            assertThat(workload.tally.entrySet().stream()
                            .filter(e ->
                                    e.getKey().startsWith(request) && e.getKey().matches(".* 2\\d\\d"))
                            .mapToInt(e -> e.getValue().get())
                            .sum())
                    .as("seed %d: '%s' requests accepted", SEED, request.strip())
                    .isPositive();
        }
        assertThat(workload.cascades).hasSize(4);
    }

    /** 2xx answers to {@code method} requests on {@code schema} (any form: top-level, nested, by id, by key). */
    private static int accepted(ProjectionWorkload workload, String method, String schema) {
        return workload.tally.entrySet().stream()
                .filter(e -> e.getKey().startsWith(method + " ")
                        && e.getKey().matches(".* " + schema + " 2\\d\\d")
                        && !e.getKey().startsWith("DELETE missing"))
                .map(Map.Entry::getValue)
                .mapToInt(AtomicInteger::get)
                .sum();
    }
}
