package io.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.plugin.spi.Metrics;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LogRead;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.shared.WorkspaceId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import org.awaitility.Awaitility;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code pg_ro_*} against a real streaming replica that applies each commit 2 s after the primary: node B's
 * proxy-path reads ({@link ProxyReads}) never return what the replica has not replayed of the log B has read, and a
 * stopped replica sends them to the primary without a failed read.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadReplicaIT {

    private static final Duration LAG = Duration.ofSeconds(2);

    @TempDir
    static Path directory;

    private static EmbeddedPostgresServer primary;
    private static StreamingReplica replica;
    /** Node A: writes on the primary. */
    private static PostgresDatabase nodeA;
    /** Node B: the primary and the replica, as a node with {@code pg_ro_host} has them. */
    private static PostgresDatabase nodeB;
    /** A plain view of the replica, to show its lag. */
    private static PostgresDatabase replicaView;

    private static EventWrites writesA;
    private static JooqEventLog logB;
    private static EntityStore proxyReadsB;
    private static final CountingMetrics metrics = new CountingMetrics();

    @BeforeAll
    static void start() {
        Path data = directory.resolve("primary");
        primary = EmbeddedPostgresServer.start(data, 0, "tollgate");
        nodeA = PostgresDatabase.connect(primary.settings());
        nodeA.migrate();
        replica = StreamingReplica.of(primary, data, directory.resolve("replica"), LAG);
        nodeB = PostgresDatabase.connect(primary.settings(), replica.settings());
        replicaView = PostgresDatabase.connect(replica.settings());
        WorkspaceId workspace = nodeA.workspaceId();
        writesA = new EventWrites(PostgresAdapterModule.dslContext(nodeA, new DatabaseOutages()), workspace);
        DSLContext dslB = PostgresAdapterModule.dslContext(nodeB, new DatabaseOutages());
        ReplicaFreshness freshnessB = new ReplicaFreshness(nodeB);
        logB = new JooqEventLog(dslB, workspace, freshnessB);
        proxyReadsB = PostgresAdapterModule.proxyReads(
                nodeB, new JooqEntityStore(dslB), freshnessB, metrics, new DatabaseOutages());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {replicaView, nodeB, nodeA, replica, primary}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the others
            }
        }
    }

    @Test
    @Order(1)
    void aReadAfterTheNodeSawAnEventWaitsForTheReplicaToReplayIt() {
        Entity v1 = Fixtures.service("lagging");
        writesA.insert(v1);
        assertThat(host(proxyReadsB, v1)).contains("lagging.example.com"); // B's first read waits for the replica
        LogPosition position = logB.head();

        Entity v2 = Fixtures.with(v1, Map.of("host", "v2.example.com"));
        writesA.update(v2);
        // The replica really is behind: read directly, it still has the old host.
        assertThat(host(new JooqEntityStore(PostgresAdapterModule.dslContext(replicaView, new DatabaseOutages())), v1))
                .contains("lagging.example.com");

        LogRead read = logB.readAfter(position, 100); // node B learns of the change (as its follower does)
        assertThat(((LogRead.Events) read).events()).hasSize(1);
        double servedBefore = metrics.value("tollgate_replica_reads_total");
        double fallbacksBefore = metrics.value("tollgate_replica_fallbacks_total");
        long started = System.nanoTime();
        assertThat(host(proxyReadsB, v1)).contains("v2.example.com");
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        for (int i = 0; i < 20; i++) {
            assertThat(host(proxyReadsB, v1)).contains("v2.example.com");
        }
        assertThat(waited).as("waited for the replica's replay").isGreaterThan(Duration.ofMillis(500));
        assertThat(metrics.value("tollgate_replica_reads_total") - servedBefore).isEqualTo(21);
        assertThat(metrics.value("tollgate_replica_fallbacks_total")).isEqualTo(fallbacksBefore);
    }

    @Test
    @Order(2)
    void aReplicaStillBehindAfterPgRoTimeoutIsSkippedUntilItCatchesUp() {
        PostgresSettings impatient = new PostgresSettings(
                "127.0.0.1",
                replica.settings().port(),
                replica.settings().user(),
                replica.settings().password(),
                replica.settings().database(),
                null,
                300); // pg_ro_timeout far below the replica's 2 s lag
        CountingMetrics counts = new CountingMetrics();
        try (PostgresDatabase nodeC = PostgresDatabase.connect(primary.settings(), impatient)) {
            DSLContext dslC = PostgresAdapterModule.dslContext(nodeC, new DatabaseOutages());
            ReplicaFreshness freshnessC = new ReplicaFreshness(nodeC);
            JooqEventLog logC = new JooqEventLog(dslC, nodeC.workspaceId(), freshnessC);
            EntityStore readsC = PostgresAdapterModule.proxyReads(
                    nodeC, new JooqEntityStore(dslC), freshnessC, counts, new DatabaseOutages());
            Entity service = Fixtures.service("impatient");
            writesA.insert(service);
            logC.head(); // node C has seen the insert; the replica applies it 2 s later

            assertThat(host(readsC, service)).contains("impatient.example.com"); // from the primary
            assertThat(counts.value("tollgate_replica_fallbacks_total")).isEqualTo(1);
            assertThat(counts.value("tollgate_replica_reads_total")).isZero();

            Awaitility.await("the replica catches up and serves again")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        assertThat(host(readsC, service)).contains("impatient.example.com");
                        return counts.value("tollgate_replica_reads_total") > 0;
                    });
        }
    }

    @Test
    @Order(3)
    void aStoppedReplicaSendsReadsToThePrimaryWithoutAFailureAndIsUsedAgainOnceBack() {
        Entity service = Fixtures.service("fallback");
        writesA.insert(service);
        LogPosition position = logB.head();
        replica.stop();
        double fallbacksBefore = metrics.value("tollgate_replica_fallbacks_total");
        for (int i = 0; i < 30; i++) {
            String host = "h" + i + ".example.com";
            writesA.update(Fixtures.with(service, Map.of("host", host)));
            position = readAll(position);
            assertThat(host(proxyReadsB, service)).contains(host); // never throws, never stale
        }
        assertThat(metrics.value("tollgate_replica_fallbacks_total") - fallbacksBefore)
                .isGreaterThanOrEqualTo(30);

        replica.start();
        double served = metrics.value("tollgate_replica_reads_total");
        Awaitility.await("reads go to the replica again")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    assertThat(host(proxyReadsB, service)).contains("h29.example.com");
                    return metrics.value("tollgate_replica_reads_total") > served;
                });
    }

    private static LogPosition readAll(LogPosition from) {
        LogPosition position = from;
        while (logB.readAfter(position, 100) instanceof LogRead.Events events
                && !events.events().isEmpty()) {
            position = events.events().getLast().position();
        }
        return position;
    }

    private static Optional<String> host(EntityStore store, Entity service) {
        return store.findBy(Services.SCHEMA, "name", (String) service.fields().get("name"))
                .map(e -> (String) e.fields().get("host"));
    }

    /** A registry that keeps counter totals by family name. */
    private static final class CountingMetrics implements Metrics {
        private final Map<String, DoubleAdder> totals = new ConcurrentHashMap<>();

        @Override
        public Counter counter(String name, String help, List<String> labelNames) {
            DoubleAdder total = totals.computeIfAbsent(name, n -> new DoubleAdder());
            return values -> total::add;
        }

        @Override
        public Histogram histogram(String name, String help, List<String> labelNames, List<Double> upperBounds) {
            return values -> value -> {};
        }

        double value(String name) {
            DoubleAdder total = totals.get(name);
            return total == null ? 0 : total.sum();
        }
    }
}
