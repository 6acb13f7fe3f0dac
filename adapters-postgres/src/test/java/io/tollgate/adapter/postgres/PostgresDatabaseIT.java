package io.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LogRead;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.TargetHealthForced;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.shared.WorkspaceId;
import io.tollgate.domain.upstream.TargetId;
import io.tollgate.domain.upstream.UpstreamId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Migrations, status, workspace, ping and schema selection, each on a fresh database of one server. */
class PostgresDatabaseIT {

    @TempDir
    static Path directory;

    private static EmbeddedPostgresServer server;
    private static PostgresDatabase admin;

    @BeforeAll
    static void startServer() {
        server = EmbeddedPostgresServer.start(directory.resolve("data"), 0, "postgres");
        admin = PostgresDatabase.connect(server.settings());
    }

    @AfterAll
    static void stopServer() {
        admin.close();
        server.close();
    }

    private static PostgresSettings freshDatabase() {
        String name = "db_" + UUID.randomUUID().toString().replace("-", "");
        PostgresAdapterModule.dslContext(admin, new DatabaseOutages()).execute("CREATE DATABASE " + name);
        return server.settings().withDatabase(name);
    }

    @Test
    void migrate_runs_once_then_reports_up_to_date() {
        try (PostgresDatabase db = PostgresDatabase.connect(freshDatabase())) {
            MigrationStatus before = db.status();
            assertThat(before.applied()).isEmpty();
            assertThat(before.pending())
                    .extracting(MigrationStatus.Migration::version)
                    .contains("1", "2", "3", "4");
            assertThat(before.isUpToDate()).isFalse();

            assertThat(db.migrate()).isEqualTo(before.pending().size());
            assertThat(db.migrate()).isZero();

            MigrationStatus after = db.status();
            assertThat(after.pending()).isEmpty();
            assertThat(after.isUpToDate()).isTrue();
            assertThat(after.applied()).hasSameSizeAs(before.pending()).first().satisfies(m -> {
                assertThat(m.version()).isEqualTo("1");
                assertThat(m.description()).isEqualTo("entities and event log");
                assertThat(m.state()).isEqualTo("Success");
            });
            assertThat(after.applied())
                    .extracting(MigrationStatus.Migration::state)
                    .containsOnly("Success");
        }
    }

    @Test
    void the_default_workspace_gets_a_random_id_at_migration() {
        WorkspaceId first;
        try (PostgresDatabase db = PostgresDatabase.connect(freshDatabase())) {
            db.migrate();
            first = db.workspaceId();
            assertThat(db.workspaceId()).isSameAs(first);
            DSLContext dsl = PostgresAdapterModule.dslContext(db, new DatabaseOutages());
            assertThat(dsl.fetchValue("SELECT count(*) FROM workspaces")).isEqualTo(1L);
            assertThat(dsl.fetchValue("SELECT id FROM workspaces WHERE name = 'default'"))
                    .isEqualTo(first.value());
        }
        try (PostgresDatabase other = PostgresDatabase.connect(freshDatabase())) {
            other.migrate();
            assertThat(other.workspaceId()).isNotEqualTo(first);
        }
    }

    @Test
    void two_nodes_migrating_an_empty_database_at_once_both_succeed_and_migrate_once() throws Exception {
        for (int round = 0; round < 3; round++) {
            PostgresSettings settings = freshDatabase();
            ExecutorService nodes = Executors.newFixedThreadPool(2);
            CyclicBarrier together = new CyclicBarrier(2);
            List<PostgresDatabase> databases = new ArrayList<>();
            try {
                databases.add(PostgresDatabase.connect(settings));
                databases.add(PostgresDatabase.connect(settings));
                List<Future<Integer>> runs = new ArrayList<>();
                for (PostgresDatabase db : databases) {
                    runs.add(nodes.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return db.migrate();
                    }));
                }
                int executed = 0;
                for (Future<Integer> run : runs) {
                    executed += run.get(60, TimeUnit.SECONDS); // fails the test if either migrate threw
                }
                int migrations = databases.get(1).status().applied().size();
                assertThat(executed)
                        .as("migrations run in total, round " + round)
                        .isEqualTo(migrations);
                DSLContext dsl = PostgresAdapterModule.dslContext(databases.get(0), new DatabaseOutages());
                assertThat(dsl.fetchValue("SELECT count(*) FROM workspaces")).isEqualTo(1L);
                assertThat(dsl.fetchValue("SELECT count(*) FROM flyway_schema_history WHERE success"))
                        .isEqualTo((long) migrations);
                assertThat(databases.get(1).status().isUpToDate()).isTrue();
            } finally {
                nodes.shutdownNow();
                databases.forEach(PostgresDatabase::close);
            }
        }
    }

    @Test
    void pg_schema_holds_the_tables_and_is_created_by_the_migration() {
        PostgresSettings settings = freshDatabase().withSchema("tollgate");
        try (PostgresDatabase db = PostgresDatabase.connect(settings)) {
            db.migrate();
            DSLContext dsl = PostgresAdapterModule.dslContext(db, new DatabaseOutages());
            JooqEntityStore store = new JooqEntityStore(dsl);
            new EventWrites(dsl, db.workspaceId()).insert(Fixtures.service("in-schema"));
            assertThat(dsl.fetchValue("SELECT count(*) FROM tollgate.services")).isEqualTo(1L);
            assertThat(dsl.fetchValue("SELECT count(*) FROM information_schema.tables "
                            + "WHERE table_schema = 'public' AND table_name = 'services'"))
                    .isEqualTo(0L);
            assertThat(store.findBy(Services.SCHEMA, "name", "in-schema")).isPresent();
        }
    }

    @Test
    void ping_answers_while_open_and_not_after_close() {
        PostgresDatabase db = PostgresDatabase.connect(freshDatabase());
        assertThat(db.ping()).isTrue();
        db.close();
        assertThat(db.ping()).isFalse();
    }

    /** A database written by a node before V6 keeps its log: old rows read back as typed events, cascades are gone. */
    @Test
    void the_v6_migration_converts_the_log_of_an_older_database() {
        try (PostgresDatabase db = PostgresDatabase.connect(freshDatabase())) {
            Flyway.configure()
                    .dataSource(db.dataSource())
                    .locations("classpath:db/migration")
                    .target("5")
                    .load()
                    .migrate();
            DSLContext dsl = PostgresAdapterModule.dslContext(db, new DatabaseOutages());
            Entity service = Fixtures.service("old");
            UUID node = UUID.randomUUID();
            UUID target = UUID.randomUUID();
            UUID upstream = UUID.randomUUID();
            dsl.execute(
                    "INSERT INTO services (id, entity, created_at, name) VALUES (?, ?::jsonb, 1, 'old')",
                    service.id(),
                    JsonCodec.write(service.fields()).data());
            dsl.execute(
                    "INSERT INTO entity_event (node_id, schema_name, entity_id, operation, payload, cache_keys, bumps)"
                            + " VALUES (?, 'services', ?, 'create', ?::jsonb, ARRAY['services:x'], ARRAY[]::varchar[])",
                    node,
                    service.id(),
                    "{\"entity\": " + JsonCodec.write(service.fields()).data() + "}");
            dsl.execute(
                    "INSERT INTO entity_event (node_id, schema_name, entity_id, operation, payload, cache_keys, bumps)"
                            + " VALUES (?, 'targets', ?, 'health', ?::jsonb, ARRAY[]::varchar[], ARRAY[]::varchar[])",
                    node,
                    target,
                    "{\"upstream\": \"" + upstream + "\", \"target\": \"a:80\", \"address\": null,"
                            + " \"healthy\": false}");

            assertThat(db.migrate()).isPositive();

            LogRead read = new JooqEventLog(dsl, db.workspaceId()).readAfter(LogPosition.START, 10);
            assertThat(read).isInstanceOf(LogRead.Events.class);
            List<LoggedEvent> events = ((LogRead.Events) read).events();
            assertThat(events)
                    .extracting(LoggedEvent::event)
                    .containsExactly(
                            new EntityCreated(service),
                            new TargetHealthForced(
                                    new UpstreamId(upstream), new TargetId(target), "a:80", null, false));
            assertThat(events).allSatisfy(e -> assertThat(e.nodeId()).isEqualTo(node));
            assertThat(dsl.fetchValue("SELECT confdeltype FROM pg_constraint WHERE conname = 'plugins_service_id_fkey'")
                            .toString())
                    .as("no foreign key cascades any more (a = no action)")
                    .isEqualTo("a");
        }
    }
}
