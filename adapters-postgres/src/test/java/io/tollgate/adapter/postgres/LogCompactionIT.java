package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.Fixtures.consumer;
import static io.tollgate.adapter.postgres.Fixtures.keyAuth;
import static io.tollgate.adapter.postgres.Fixtures.plugin;
import static io.tollgate.adapter.postgres.Fixtures.route;
import static io.tollgate.adapter.postgres.Fixtures.service;
import static io.tollgate.adapter.postgres.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.port.out.Compaction;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LogRead;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.TargetHealthForced;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.upstream.TargetId;
import io.tollgate.domain.upstream.UpstreamId;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Compaction on a real PostgreSQL: what it folds, what it deletes, and that the log still replays to the live tables
 * afterwards. "Older than the retention" needs no waiting: the compaction's clock is set a day ahead.
 */
class LogCompactionIT extends DatabaseIT {

    private static final Duration RETENTION = Duration.ofHours(1);

    /**
     * A compaction whose "now" is a day ahead (every event written so far is older than {@link #RETENTION}), folding
     * and deleting {@code batch} events per transaction.
     */
    private static JooqLogCompaction dayAhead(int batch) {
        InstantSource clock = () -> Instant.now().plus(Duration.ofDays(1));
        return new JooqLogCompaction(db.dsl, clock, batch, batch);
    }

    private static Compaction.Folded folded(Compaction outcome) {
        assertThat(outcome).isInstanceOf(Compaction.Folded.class);
        return (Compaction.Folded) outcome;
    }

    private static long count(String sql, Object... bindings) {
        return Objects.requireNonNull(db.dsl.resultQuery(sql, bindings).fetchOne(0, Long.class));
    }

    private static LogPosition snapshotPosition() {
        return new LogState(db.dsl).snapshotPosition();
    }

    private static void forcedHealth() {
        db.transactions.inTransaction(() -> {
            db.eventLog.append(
                    EventWrites.NODE,
                    new TargetHealthForced(
                            new UpstreamId(UUID.randomUUID()),
                            new TargetId(UUID.randomUUID()),
                            "10.0.0.1:80",
                            null,
                            false));
            return null;
        });
    }

    /** The state the log gives at its head equals the live tables, kind by kind. */
    private static void assertLogStateIsTheLiveTables() {
        Map<EntityKind, List<Entity>> state = new LogState(db.dsl).at(db.eventLog.head());
        for (EntityKind kind : EntityKind.values()) {
            assertThat(state.get(kind))
                    .as(kind.kongName())
                    .extracting(Entity::fields)
                    .containsExactlyElementsOf(db.store.all(Schemas.of(kind)).stream()
                            .map(Entity::fields)
                            .toList());
        }
    }

    @Test
    void the_compacted_log_still_gives_the_live_tables_and_holds_no_deleted_entity() {
        Entity s1 = service("s1");
        Entity s2 = service("s2");
        writes.insert(s1);
        writes.insert(s2);
        Entity r1 = route("r1", s1);
        Entity r2 = route("r2", s2);
        writes.insert(r1);
        writes.insert(r2);
        writes.update(with(r1, Map.of("paths", List.of("/r1-v2"))));
        Entity alice = consumer("alice", null);
        Entity doomed = consumer("doomed", null);
        writes.insert(alice);
        writes.insert(doomed);
        Entity doomedKey = keyAuth("doomed-secret", doomed);
        writes.insert(keyAuth("alice-secret", alice));
        writes.insert(doomedKey);
        writes.insert(plugin("key-auth", null, s1, null));
        forcedHealth();
        writes.delete(KeyAuthCredentials.SCHEMA, doomedKey.id());
        writes.delete(Consumers.SCHEMA, doomed.id());
        long written = count("SELECT count(*) FROM event_log");
        LogPosition last = db.eventLog.head();

        Compaction.Folded first =
                folded(dayAhead(JooqLogCompaction.DELETE_BATCH).compact(RETENTION));

        assertThat(first.from()).isEqualTo(LogPosition.START);
        assertThat(first.to()).isEqualTo(last);
        assertThat(first.events()).isEqualTo(written);
        assertThat(first.deleted()).isEqualTo(written);
        assertThat(first.snapshotRows()).isEqualTo(7); // 2 services, 2 routes, 1 consumer, 1 key, 1 plugin
        assertThat(snapshotPosition()).isEqualTo(last);
        assertThat(count("SELECT count(*) FROM event_log")).isZero();
        assertThat(db.eventLog.head()).as("never before the snapshot").isEqualTo(last);
        assertThat(db.eventLog.readAfter(LogPosition.START, 10))
                .isEqualTo(new LogRead.BehindSnapshot(LogPosition.START, last));
        assertThat(db.readAfter(last, 10)).isEmpty();
        assertThat(count("SELECT folded FROM event_log_compaction")).isEqualTo(written);
        assertLogStateIsTheLiveTables();

        // more writes after the snapshot: to folded entities (update, delete) and new ones
        writes.update(with(s2, Map.of("path", "/v2")));
        writes.delete(Routes.SCHEMA, r1.id());
        Entity s3 = service("s3");
        writes.insert(s3);
        writes.insert(route("r3", s3));
        forcedHealth();
        List<LoggedEvent> after = db.readAfter(last, 10);
        assertThat(after).hasSize(5);

        assertLogStateIsTheLiveTables();
        ReplayReport replay = EventLogReplay.run(db.database, false);
        assertThat(replay.identical()).as("%s", replay).isTrue();
        assertThat(replay.snapshotRows()).isEqualTo(7);
        assertThat(replay.events()).as("entity events after the snapshot").isEqualTo(4);
        assertThat(replay.skipped()).as("the forced target health").isEqualTo(1);

        // nothing of the deleted consumer and its key is left, neither in the snapshot nor in the log
        for (String table : List.of("event_log_snapshot", "event_log")) {
            String text = table.equals("event_log") ? "payload::text" : "entity::text";
            assertThat(count("SELECT count(*) FROM " + table + " WHERE " + text + " LIKE '%doomed%'"))
                    .as(table)
                    .isZero();
        }
        assertThat(count(
                        "SELECT count(*) FROM event_log_snapshot WHERE entity_id IN (?, ?)",
                        doomed.id(),
                        doomedKey.id()))
                .isZero();

        // the second compaction folds the update and the delete into the snapshot, 2 events per transaction
        LogPosition head = db.eventLog.head();
        Compaction.Folded second = folded(dayAhead(2).compact(RETENTION));
        assertThat(second.from()).isEqualTo(last);
        assertThat(second.to()).isEqualTo(head);
        assertThat(second.events()).isEqualTo(5);
        assertThat(second.deleted()).isEqualTo(5);
        assertThat(second.snapshotRows()).isEqualTo(8); // r1 gone, s3 and r3 new
        assertThat(count(
                        "SELECT count(*) FROM event_log WHERE (commit_seq, id) <= (?::bigint, ?)",
                        Long.toUnsignedString(head.commit()),
                        head.eventId()))
                .isZero();
        assertThat(count("SELECT count(*) FROM event_log_snapshot WHERE entity_id = ?", r1.id()))
                .isZero();
        assertThat(count("SELECT folded FROM event_log_compaction")).isEqualTo(written + 5);
        assertLogStateIsTheLiveTables();
        assertThat(EventLogReplay.run(db.database, false).identical()).isTrue();
    }

    @Test
    void the_replay_of_a_compacted_log_notices_a_table_changed_behind_the_logs_back() {
        Entity folded = service("folded");
        writes.insert(folded);
        folded(dayAhead(10).compact(RETENTION));
        writes.insert(service("after"));
        assertThat(EventLogReplay.run(db.database, false).identical()).isTrue();

        db.dsl.execute(
                "UPDATE services SET entity = jsonb_set(entity, ARRAY['host'], to_jsonb('elsewhere.example.com'::text))"
                        + " WHERE id = ?",
                folded.id());

        ReplayReport report = EventLogReplay.run(db.database, false);
        assertThat(report.identical()).isFalse();
        assertThat(report.tables())
                .filteredOn(table -> !table.identical())
                .singleElement()
                .satisfies(table -> {
                    assertThat(table.name()).isEqualTo("services");
                    assertThat(table.differingIds()).containsExactly(folded.id());
                });
    }

    @Test
    void the_log_order_is_numeric_across_a_digit_boundary_of_transaction_ids() {
        Entity older = service("older");
        Entity newer = service("newer");
        writes.insert(older);
        writes.insert(newer);
        db.dsl.execute("UPDATE event_log SET commit_seq = 99 WHERE entity_id = ?", older.id());
        db.dsl.execute("UPDATE event_log SET commit_seq = 100 WHERE entity_id = ?", newer.id());
        List<LoggedEvent> events = db.readAfter(LogPosition.START, 10);
        assertThat(events)
                .extracting(LoggedEvent::position)
                .extracting(LogPosition::commit)
                .containsExactly(99L, 100L);
        LogPosition last = events.get(1).position();
        assertThat(db.eventLog.head()).isEqualTo(last);
        assertThat(new LogState(db.dsl).positionAt(Instant.now().plusSeconds(60).getEpochSecond()))
                .contains(last);

        Compaction.Folded folded = folded(dayAhead(10).compact(RETENTION));

        assertThat(folded.to()).isEqualTo(last);
        assertThat(folded.events()).isEqualTo(2);
        assertThat(db.eventLog.head()).isEqualTo(last);
    }

    @Test
    void only_events_older_than_the_retention_by_the_databases_clock_are_folded() {
        Entity old1 = service("old-1");
        Entity old2 = service("old-2");
        writes.insert(old1);
        writes.insert(old2);
        writes.insert(service("recent"));
        db.dsl.execute(
                "UPDATE event_log SET occurred_at = occurred_at - interval '2 hours' WHERE entity_id IN (?, ?)",
                old1.id(),
                old2.id());
        List<LoggedEvent> events = db.readAfter(LogPosition.START, 10);

        Compaction.Folded outcome = folded(db.database.logCompaction().compact(RETENTION));

        assertThat(outcome.to()).isEqualTo(events.get(1).position());
        assertThat(outcome.events()).isEqualTo(2);
        assertThat(db.readAfter(outcome.to(), 10)).containsExactly(events.get(2));
        assertThat(db.database.logCompaction().compact(RETENTION))
                .isEqualTo(new Compaction.UpToDate(events.get(1).position()));
        assertLogStateIsTheLiveTables();
    }

    @Test
    void an_empty_or_young_log_is_up_to_date() {
        assertThat(dayAhead(10).compact(RETENTION)).isEqualTo(new Compaction.UpToDate(LogPosition.START));
        writes.insert(service("young"));
        assertThat(db.database.logCompaction().compact(Duration.ofDays(1)))
                .isEqualTo(new Compaction.UpToDate(LogPosition.START));
        assertThatThrownBy(() -> dayAhead(10).compact(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_compaction_skips_while_another_one_holds_the_lock() throws Exception {
        writes.insert(service("s"));
        try (Connection other = db.database.dataSource().getConnection()) {
            other.setAutoCommit(false);
            DSLContext running = DSL.using(other, SQLDialect.POSTGRES);
            assertThat(running.resultQuery("SELECT pg_try_advisory_xact_lock(?)", JooqLogCompaction.LOCK_KEY)
                            .fetchOne(0, Boolean.class))
                    .isTrue();

            assertThat(dayAhead(10).compact(RETENTION)).isEqualTo(new Compaction.Busy());
            assertThat(count("SELECT count(*) FROM event_log")).isEqualTo(1);
            assertThat(snapshotPosition()).isEqualTo(LogPosition.START);

            other.rollback(); // the lock ends with its transaction
        }
        assertThat(dayAhead(10).compact(RETENTION)).isInstanceOf(Compaction.Folded.class);
    }

    @Test
    void a_write_still_open_holds_no_compaction_back_and_commits_after_the_snapshot() throws Exception {
        writes.insert(service("before"));
        try (Connection other = db.database.dataSource().getConnection()) {
            other.setAutoCommit(false);
            JooqEventLog openLog = new JooqEventLog(DSL.using(other, SQLDialect.POSTGRES), db.workspace);
            openLog.append(EventWrites.NODE, new EntityCreated(service("open")));
            // committed after the open write began: readable and foldable at once
            writes.insert(service("after-1"));
            writes.insert(service("after-2"));
            LogPosition committed = db.eventLog.head();

            Compaction.Folded first = folded(dayAhead(10).compact(RETENTION));
            assertThat(first.to()).isEqualTo(committed);
            assertThat(first.events()).isEqualTo(3);
            assertThat(count("SELECT count(*) FROM event_log"))
                    .as("every committed event folded and deleted (the open write's row is not visible yet)")
                    .isZero();

            other.commit();
        }
        List<LoggedEvent> rest = db.readAfter(snapshotPosition(), 10);
        assertThat(rest)
                .as("the late commit comes after the snapshot: never folded away unread")
                .extracting(e -> ((EntityCreated) e.event()).entity().fields().get("name"))
                .containsExactly("open");
        Compaction.Folded second = folded(dayAhead(10).compact(RETENTION));
        assertThat(second.to()).isEqualTo(rest.get(0).position());
        assertThat(second.events()).isEqualTo(1);
        assertThat(second.snapshotRows()).isEqualTo(4);
        assertLogStateIsTheLiveTables();
        assertThat(EventLogReplay.run(db.database, false).identical()).isTrue();
    }
}
