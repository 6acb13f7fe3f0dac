package io.tollgate.adapter.postgres;

import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.service.Services;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How long {@code tollgate db rebuild} takes for a large configuration: writes N routes (on N / 100 services) and N
 * consumers (default N = 10,000: 20,100 entity events) through the event log (500 events a transaction, not the Admin
 * API, which rebuilds the router per route write), then runs {@link EventLogReplay} a few
 * times and prints each run and the median, and the time a schema migration alone takes. Not a test: run it with
 * {@code bench/replay-bench [N] [runs]}.
 */
public final class ReplayBenchmark {

    private ReplayBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path directory = Files.createTempDirectory("tollgate-replay-bench");
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory.resolve("data"), 0, "bench");
                PostgresDatabase database = PostgresDatabase.connect(server.settings())) {
            database.migrate();
            long written = write(database, count);
            System.out.printf(
                    "wrote %,d routes (on %,d services) and %,d consumers (%,d entity events) in %.1f s%n",
                    count, (count + 99) / 100, count, 2L * count + (count + 99) / 100, written / 1e9);
            List<Long> took = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                ReplayReport report = EventLogReplay.run(database, false);
                if (!report.identical()) {
                    throw new IllegalStateException("replay differs: " + report);
                }
                took.add(report.took().toMillis());
                System.out.printf(
                        "replay %d: %,d events, %d tables identical, %.2f s (%.0f events/s)%n",
                        run,
                        report.events(),
                        report.tables().size(),
                        report.took().toMillis() / 1e3,
                        report.events() / (report.took().toMillis() / 1e3));
            }
            took.sort(Long::compare);
            System.out.printf("replay median: %.2f s%n", took.get(took.size() / 2) / 1e3);
            long migrate = System.nanoTime();
            try (PostgresDatabase scratch =
                    PostgresDatabase.connect(server.settings().withSchema("bench_migrate_only"))) {
                scratch.migrate();
            }
            System.out.printf("of which migrating a fresh schema: about %.2f s%n", (System.nanoTime() - migrate) / 1e9);
        } finally {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Writes {@code count} routes (spread over {@code count / 100} services) and {@code count} consumers through the
     * event log, 500 events a transaction; returns the nanoseconds it took.
     */
    private static long write(PostgresDatabase database, int count) {
        var dsl = PostgresAdapterModule.dslContext(database, new DatabaseOutages());
        var log = new JooqEventLog(dsl, database.workspaceId());
        var transactions = new JooqTransactions(dsl);
        UUID node = UUID.randomUUID();
        long started = System.nanoTime();
        List<Entity> batch = new ArrayList<>();
        Entity service = null;
        for (int i = 0; i < count; i++) {
            if (i % 100 == 0) {
                service = entity(Services.SCHEMA, Map.of("name", "s" + i, "host", "s" + i + ".internal"));
                batch.add(service);
            }
            batch.add(entity(
                    Routes.SCHEMA,
                    Map.of(
                            "name",
                            "r" + i,
                            "paths",
                            List.of("/r" + i),
                            "service",
                            Map.of("id", service.id().toString()))));
            batch.add(entity(Consumers.SCHEMA, Map.of("username", "c" + i)));
            if (batch.size() >= 500 || i == count - 1) {
                List<Entity> events = List.copyOf(batch);
                transactions.inTransaction(() -> {
                    events.forEach(e -> log.append(node, new EntityCreated(e)));
                    return null;
                });
                batch.clear();
            }
        }
        return System.nanoTime() - started;
    }

    private static Entity entity(io.tollgate.domain.schema.EntitySchema schema, Map<String, @Nullable Object> input) {
        Map<String, @Nullable Object> fields = new HashMap<>(input);
        fields.put("id", UUID.randomUUID().toString());
        long now = System.currentTimeMillis() / 1000;
        schema.field("created_at").ifPresent(f -> fields.put("created_at", now));
        schema.field("updated_at").ifPresent(f -> fields.put("updated_at", now));
        return new Entity(schema, schema.validate(fields));
    }
}
