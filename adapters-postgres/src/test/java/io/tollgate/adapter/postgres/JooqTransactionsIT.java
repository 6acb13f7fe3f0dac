package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.Fixtures.route;
import static io.tollgate.adapter.postgres.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.DatabaseUnavailable;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.shared.UniqueViolation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

class JooqTransactionsIT extends DatabaseIT {

    private static void writeServiceRouteAndEvent(Entity s, Entity r) {
        db.eventLog.append(UUID.randomUUID(), new EntityCreated(s));
        db.eventLog.append(UUID.randomUUID(), new EntityCreated(r));
    }

    @Test
    void work_commits_when_it_returns() {
        Entity s = service("svc");
        Entity r = route("r", s);
        String result = db.transactions.inTransaction(() -> {
            writeServiceRouteAndEvent(s, r);
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(db.store.find(Services.SCHEMA, s.id())).isPresent();
        assertThat(db.store.find(Routes.SCHEMA, r.id())).isPresent();
        assertThat(db.readAfter(LogPosition.START, 10)).hasSize(2);
    }

    @Test
    void a_write_that_appended_gets_the_log_head_read_with_its_commit_as_its_position() {
        CommitPositions positions = new CommitPositions();
        positions.clear();
        db.transactions.inTransaction(() -> {
            db.writes.insert(service("first"));
            return null;
        });
        long first = positions.last().orElseThrow();
        Entity s = service("svc");
        db.transactions.inTransaction(() -> {
            writeServiceRouteAndEvent(s, route("r", s));
            return null;
        });
        long second = positions.last().orElseThrow();

        assertThat(second).isEqualTo(first + 1).isEqualTo(PostgresAdapterModule.logHead(db.dsl));
        assertThat(db.readAfter(LogPosition.START, 10))
                .extracting(e -> e.position().commit())
                .containsExactly(first, second, second);
    }

    @Test
    void nothing_is_written_when_work_throws_and_the_exception_passes_unchanged() {
        Entity s = service("svc");
        Entity r = route("r", s);
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> db.transactions.inTransaction(() -> {
                    writeServiceRouteAndEvent(s, r);
                    throw boom;
                }))
                .isSameAs(boom);
        assertThat(db.store.find(Services.SCHEMA, s.id())).isEmpty();
        assertThat(db.store.find(Routes.SCHEMA, r.id())).isEmpty();
        assertThat(db.readAfter(LogPosition.START, 10)).isEmpty();
    }

    @Test
    void a_rejection_rolls_back_the_earlier_writes_and_passes_through() {
        db.writes.insert(service("taken"));
        Entity fresh = service("fresh");
        assertThatThrownBy(() -> db.transactions.inTransaction(() -> {
                    db.writes.insert(fresh);
                    db.writes.insert(service("taken"));
                    return null;
                }))
                .isInstanceOf(UniqueViolation.class)
                .hasMessage("UNIQUE violation detected on '{name=\"taken\"}'");
        assertThat(db.store.find(Services.SCHEMA, fresh.id())).isEmpty();
        assertThat(db.store.all(Services.SCHEMA)).hasSize(1);
    }

    @Test
    void nested_calls_join_the_outer_transaction() {
        Entity outer = service("outer");
        Entity inner = service("inner");
        assertThatThrownBy(() -> db.transactions.inTransaction(() -> {
                    db.writes.insert(outer);
                    db.transactions.inTransaction(() -> {
                        db.writes.insert(inner);
                        return null;
                    });
                    // same connection: the inner write is visible before commit
                    assertThat(db.store.find(Services.SCHEMA, inner.id())).isPresent();
                    throw new IllegalStateException("after the inner call returned");
                }))
                .hasMessage("after the inner call returned");
        assertThat(db.store.all(Services.SCHEMA)).isEmpty(); // the inner write went with the outer rollback

        db.transactions.inTransaction(() -> db.transactions.inTransaction(() -> {
            db.writes.insert(inner);
            return null;
        }));
        assertThat(db.store.find(Services.SCHEMA, inner.id())).isPresent();
    }

    /**
     * Group commit ({@link CommitGroups}): while one write runs, the writes that arrive wait and then run together in
     * one transaction, each in its own savepoint, so they share one commit number; one that throws, or whose statement
     * fails, is rolled back alone and its caller gets its own failure.
     */
    @Test
    void writes_that_wait_commit_together_and_a_failing_one_fails_alone() throws Exception {
        db.writes.insert(service("taken"));
        long before = PostgresAdapterModule.logHead(db.dsl);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            Future<?> first = pool.submit(() -> db.transactions.inTransaction(() -> {
                db.writes.insert(service("first"));
                inside.countDown();
                Latches.await(release, 30, "never released");
                return null;
            }));
            assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
            List<Thread> waiting = new CopyOnWriteArrayList<>();
            IllegalStateException boom = new IllegalStateException("boom");
            List<Future<String>> group = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                group.add(pool.submit(() -> {
                    waiting.add(Thread.currentThread());
                    return db.transactions.inTransaction(() -> {
                        db.writes.insert(service("svc-" + n));
                        if (n == 3) {
                            throw boom;
                        }
                        if (n == 5) {
                            db.writes.insert(service("taken"));
                        }
                        return "done-" + n;
                    });
                }));
            }
            await().until(() ->
                    waiting.size() == 8 && waiting.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
            release.countDown();
            first.get(30, TimeUnit.SECONDS);

            for (int i = 0; i < 8; i++) {
                Future<String> write = group.get(i);
                if (i == 3) {
                    assertThatThrownBy(() -> write.get(30, TimeUnit.SECONDS)).hasCause(boom);
                } else if (i == 5) {
                    assertThatThrownBy(() -> write.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(UniqueViolation.class);
                } else {
                    assertThat(write.get(30, TimeUnit.SECONDS)).isEqualTo("done-" + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> names = db.store.all(Services.SCHEMA).stream()
                .map(s -> s.string("name"))
                .toList();
        assertThat(names)
                .containsExactlyInAnyOrder("taken", "first", "svc-0", "svc-1", "svc-2", "svc-4", "svc-6", "svc-7");
        // the first write committed alone; the six others that succeeded share the next commit number
        assertThat(db.readAfter(LogPosition.START, 20))
                .extracting(e -> e.position().commit())
                .containsExactly(
                        before, before + 1, before + 2, before + 2, before + 2, before + 2, before + 2, before + 2);
    }

    @Test
    void uncommitted_writes_are_invisible_to_other_connections() {
        Entity s = service("private");
        db.transactions.inTransaction(() -> {
            db.writes.insert(s);
            assertThat(countOnAnotherConnection(s.id())).isZero();
            return null;
        });
        assertThat(countOnAnotherConnection(s.id())).isEqualTo(1);
    }

    private static int countOnAnotherConnection(UUID serviceId) {
        try (Connection c = db.database.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement("SELECT count(*) FROM services WHERE id = ?")) {
            q.setObject(1, serviceId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void an_unreachable_database_is_database_unavailable() {
        db.dsl.execute("CREATE ROLE flaky LOGIN PASSWORD 'flaky-password'");
        PostgresSettings settings =
                new PostgresSettings("127.0.0.1", db.server.port(), "flaky", "flaky-password", "tollgate", null, 500);
        try (PostgresDatabase flaky = PostgresDatabase.connect(settings)) {
            DSLContext dsl = PostgresAdapterModule.dslContext(flaky, new DatabaseOutages());
            JooqTransactions transactions = new JooqTransactions(dsl);
            JooqEntityStore store = new JooqEntityStore(dsl);
            assertThat(flaky.ping()).isTrue();

            // The server now refuses the role, and its pooled connections are gone.
            db.dsl.execute("ALTER ROLE flaky NOLOGIN");
            db.dsl.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'flaky'");

            assertThatThrownBy(() -> transactions.inTransaction(() -> store.all(Services.SCHEMA)))
                    .isInstanceOf(DatabaseUnavailable.class)
                    .hasMessageStartingWith("database unavailable: ");
            assertThatThrownBy(() -> store.find(Services.SCHEMA, UUID.randomUUID()))
                    .isInstanceOf(DatabaseUnavailable.class);
            assertThat(flaky.ping()).isFalse();
        } finally {
            db.dsl.execute("DROP ROLE flaky");
        }
    }

    @Test
    void connecting_to_a_closed_port_is_database_unavailable_with_where() {
        PostgresSettings nowhere = new PostgresSettings("127.0.0.1", 1, "postgres", null, "tollgate", null, 500);
        assertThatThrownBy(() -> PostgresDatabase.connect(nowhere))
                .isInstanceOf(DatabaseUnavailable.class)
                .hasMessageContaining("127.0.0.1:1/tollgate");
    }
}
