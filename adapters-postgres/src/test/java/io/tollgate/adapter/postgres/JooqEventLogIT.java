package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.Fixtures.route;
import static io.tollgate.adapter.postgres.Fixtures.service;
import static io.tollgate.adapter.postgres.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.ClusterEvent;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.event.LogLevelChanged;
import io.tollgate.domain.event.ProxyCachePurged;
import io.tollgate.domain.event.TargetHealthForced;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.shared.ForeignKeyViolation;
import io.tollgate.domain.shared.UniqueViolation;
import io.tollgate.domain.upstream.TargetId;
import io.tollgate.domain.upstream.UpstreamId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JooqEventLogIT extends DatabaseIT {

    private static final UUID NODE = UUID.randomUUID();

    private static void appendInTransaction(ClusterEvent... events) {
        db.transactions.inTransaction(() -> {
            for (ClusterEvent event : events) {
                db.eventLog.append(NODE, event);
            }
            return null;
        });
    }

    @Test
    void forced_target_healths_read_back_between_entity_events() {
        Entity s = service("svc");
        appendInTransaction(new EntityCreated(s));
        TargetHealthForced down = new TargetHealthForced(
                new UpstreamId(UUID.randomUUID()), new TargetId(UUID.randomUUID()), "[::1]:8000", null, false);
        TargetHealthForced up = new TargetHealthForced(down.upstream(), down.target(), "[::1]:8000", "::1", true);
        appendInTransaction(down, up);
        appendInTransaction(new EntityDeleted(s));

        List<LoggedEvent> events = db.readAfter(LogPosition.START, 10);
        assertThat(events)
                .extracting(LoggedEvent::event)
                .containsExactly(new EntityCreated(s), down, up, new EntityDeleted(s));
        assertThat(db.eventLog.head()).isEqualTo(events.get(3).position());
    }

    @Test
    void proxy_cache_purges_read_back_with_their_instance_and_key() {
        UUID plugin = UUID.randomUUID();
        ProxyCachePurged one = new ProxyCachePurged(plugin, "a".repeat(64));
        ProxyCachePurged instance = new ProxyCachePurged(plugin, null);
        ProxyCachePurged all = new ProxyCachePurged(null, null);
        appendInTransaction(one, instance, all);

        assertThat(db.readAfter(LogPosition.START, 10))
                .extracting(LoggedEvent::event)
                .containsExactly(one, instance, all);
    }

    @Test
    void cluster_log_levels_read_back_with_their_level_and_timeout() {
        LogLevelChanged emerg = new LogLevelChanged("emerg", 60);
        LogLevelChanged back = new LogLevelChanged("debug", 0);
        appendInTransaction(emerg, back);

        assertThat(db.readAfter(LogPosition.START, 10))
                .extracting(LoggedEvent::event)
                .containsExactly(emerg, back);
    }

    @Test
    void an_empty_log_has_nothing_to_read_and_its_head_is_the_start() {
        assertThat(db.eventLog.head()).isEqualTo(LogPosition.START);
        assertThat(db.readAfter(LogPosition.START, 10)).isEmpty();
    }

    @Test
    void appended_events_read_back_in_order_and_are_projected_onto_the_tables() throws Exception {
        Entity s = service("svc");
        Entity renamed = with(s, Map.of("name", "svc2"));
        Entity r = route("r", s);
        appendInTransaction(new EntityCreated(s), new EntityUpdated(renamed, s), new EntityCreated(r));
        appendInTransaction(new EntityDeleted(r));

        List<LoggedEvent> events = db.readAfter(LogPosition.START, 10);
        assertThat(events).hasSize(4);
        assertThat(events).extracting(LoggedEvent::nodeId).containsOnly(NODE);
        assertThat(events).extracting(LoggedEvent::position).isSorted().doesNotHaveDuplicates();
        assertThat(events.get(0).position().commit())
                .isEqualTo(events.get(2).position().commit())
                .isLessThan(events.get(3).position().commit());

        assertThat(events)
                .extracting(LoggedEvent::event)
                .containsExactly(
                        new EntityCreated(s),
                        new EntityUpdated(renamed, s),
                        new EntityCreated(r),
                        new EntityDeleted(r));
        assertThat(events).extracting(LoggedEvent::occurredAt).isSorted().doesNotContainNull();
        assertThat(store.find(Services.SCHEMA, s.id())).contains(renamed);
        assertThat(store.find(Routes.SCHEMA, r.id())).isEmpty();

        assertThat(db.eventLog.head()).isEqualTo(events.get(3).position());
        assertThat(db.readAfter(events.get(3).position(), 10)).isEmpty();
        assertThat(db.readAfter(LogPosition.START, 2)).containsExactlyElementsOf(events.subList(0, 2));
        assertThat(db.readAfter(events.get(1).position(), 10)).containsExactlyElementsOf(events.subList(2, 4));

        // The durable record: type, entity, and the previous state of an update.
        var row = db.dsl.fetchOne(
                "SELECT entity_name, entity_id, event_type, payload::text, occurred_at "
                        + "FROM event_log WHERE id = ?",
                events.get(1).position().eventId());
        assertThat(row.get(0)).isEqualTo("services");
        assertThat(row.get(1)).isEqualTo(s.id());
        assertThat(row.get(2)).isEqualTo("entity_updated");
        assertThat(row.get(4)).isNotNull();
        JsonNode payload = new ObjectMapper().readTree((String) row.get(3));
        assertThat(payload.at("/entity/name").asText()).isEqualTo("svc2");
        assertThat(payload.at("/previous/name").asText()).isEqualTo("svc");
    }

    @Test
    void events_of_a_rolled_back_transaction_are_never_read_nor_projected() {
        Entity lost = service("lost");
        try {
            db.transactions.inTransaction(() -> {
                db.eventLog.append(NODE, new EntityCreated(lost));
                assertThat(store.find(Services.SCHEMA, lost.id())).isPresent();
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(db.readAfter(LogPosition.START, 10)).isEmpty();
        assertThat(store.find(Services.SCHEMA, lost.id())).isEmpty();
    }

    @Test
    void an_event_whose_projection_breaks_a_constraint_is_not_appended() {
        appendInTransaction(new EntityCreated(service("taken")));
        assertThatThrownBy(() -> appendInTransaction(new EntityCreated(service("taken"))))
                .isInstanceOf(UniqueViolation.class);
        assertThatThrownBy(() -> appendInTransaction(new EntityCreated(route("orphan", service("missing")))))
                .isInstanceOf(ForeignKeyViolation.class);
        assertThat(db.readAfter(LogPosition.START, 10)).hasSize(1);
    }

    /**
     * The ordering proof. Writer B takes its transaction id first, writer A then appends (and gets the LOWER event
     * id), B appends and commits, A commits last. A follower polling by {@code id > last_seen} between the two
     * commits sees B's event, moves past A's id, and never sees A's event. {@code readAfter} returns B's event
     * (committed first, so first in commit order), then A's event on the next read.
     */
    @Test
    void a_lower_id_committed_later_is_never_skipped() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(2);
        CountDownLatch bHasTxId = new CountDownLatch(1);
        CountDownLatch aAppended = new CountDownLatch(1);
        CountDownLatch bMayAppend = new CountDownLatch(1);
        CountDownLatch aMayCommit = new CountDownLatch(1);
        Entity first = service("a-event");
        Entity second = service("b-event");
        try {
            Future<?> writerB = writers.submit(() -> db.transactions.inTransaction(() -> {
                db.dsl.fetchValue("SELECT pg_current_xact_id()::text"); // B's transaction id is now the older one
                bHasTxId.countDown();
                await(bMayAppend);
                db.eventLog.append(NODE, new EntityCreated(second));
                return null;
            }));
            await(bHasTxId);
            // a writer of its own (as another node's): not grouped with B's open transaction (CommitGroups)
            JooqTransactions otherWriter = new JooqTransactions(db.dsl);
            Future<?> writerA = writers.submit(() -> otherWriter.inTransaction(() -> {
                db.eventLog.append(NODE, new EntityCreated(first));
                aAppended.countDown();
                await(aMayCommit);
                return null;
            }));
            await(aAppended);
            bMayAppend.countDown();
            writerB.get(10, TimeUnit.SECONDS); // B committed; A (lower id) still open

            // Naive follower: ids only.
            List<Long> naiveFirstPoll = naivePoll(0);
            assertThat(naiveFirstPoll).containsExactly(2L); // A's id 1 is not visible yet
            long lastSeen = naiveFirstPoll.get(naiveFirstPoll.size() - 1);

            // readAfter: B's event is readable, its position is behind every running transaction.
            List<LoggedEvent> firstRead = db.readAfter(LogPosition.START, 10);
            assertThat(firstRead).extracting(e -> e.position().eventId()).containsExactly(2L);
            LogPosition position = firstRead.get(0).position();

            aMayCommit.countDown();
            writerA.get(10, TimeUnit.SECONDS); // A committed after B

            assertThat(naivePoll(lastSeen))
                    .as("the naive id poll lost A's event")
                    .isEmpty();
            assertThat(naivePoll(0)).containsExactly(1L, 2L); // it was there all along

            List<LoggedEvent> nextRead = db.readAfter(position, 10);
            assertThat(nextRead).extracting(e -> e.position().eventId()).containsExactly(1L);
            assertThat(nextRead.get(0).event()).isEqualTo(new EntityCreated(first));
            assertThat(nextRead.get(0).position()).isGreaterThan(position);
            assertThat(db.eventLog.head()).isEqualTo(nextRead.get(0).position());
        } finally {
            bMayAppend.countDown();
            aMayCommit.countDown();
            writers.shutdownNow();
        }
    }

    /**
     * An older transaction still open holds nobody back: a younger one's events are readable once it commits, and the
     * older one's events take their position when it commits, after everything read so far, so nothing is passed over.
     */
    @Test
    void an_older_open_transaction_holds_no_reader_back_and_its_events_come_after_when_it_commits() throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        CountDownLatch aAppended = new CountDownLatch(1);
        CountDownLatch aMayCommit = new CountDownLatch(1);
        try {
            // a writer of its own (as another node's): the younger write must not join its group (CommitGroups)
            JooqTransactions otherWriter = new JooqTransactions(db.dsl);
            Future<?> writerA = writer.submit(() -> otherWriter.inTransaction(() -> {
                db.eventLog.append(NODE, new EntityCreated(service("older")));
                aAppended.countDown();
                await(aMayCommit);
                return null;
            }));
            await(aAppended);
            appendInTransaction(new EntityCreated(service("younger"))); // commits first, higher id and tx id

            List<LoggedEvent> first = db.readAfter(LogPosition.START, 10);
            assertThat(first).extracting(e -> e.position().eventId()).containsExactly(2L);
            LogPosition position = first.get(0).position();
            assertThat(db.eventLog.head()).isEqualTo(position);

            aMayCommit.countDown();
            writerA.get(10, TimeUnit.SECONDS);
            assertThat(naivePoll(2))
                    .as("the naive id poll lost the older transaction's event")
                    .isEmpty();
            List<LoggedEvent> next = db.readAfter(position, 10);
            assertThat(next).extracting(e -> e.position().eventId()).containsExactly(1L);
            assertThat(next.get(0).position()).isGreaterThan(position);
            assertThat(db.readAfter(LogPosition.START, 10))
                    .as("commit order")
                    .extracting(e -> e.position().eventId())
                    .containsExactly(2L, 1L);
        } finally {
            aMayCommit.countDown();
            writer.shutdownNow();
        }
    }

    /**
     * Nothing outside the log holds readers back: a transaction that wrote to another table and stays open (an
     * unrelated application on the same server) delays no event.
     */
    @Test
    void an_unrelated_open_write_transaction_delays_no_event() throws Exception {
        db.dsl.execute("CREATE TABLE IF NOT EXISTS unrelated_scratch (n int)");
        try (Connection other = db.database.dataSource().getConnection()) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                s.execute("INSERT INTO unrelated_scratch VALUES (1)");
            }
            appendInTransaction(new EntityCreated(service("while-open")));
            assertThat(db.readAfter(LogPosition.START, 10))
                    .extracting(e -> ((EntityCreated) e.event()).entity().id())
                    .hasSize(1);
            assertThat(db.eventLog.head()).isNotEqualTo(LogPosition.START);
            other.rollback();
        }
    }

    /**
     * The read after a position (migration V15's function) runs on a plan kept for the session, not a plan made again
     * for each position: with parameters, PostgreSQL's plan cache judged the generic plan costlier and planned every
     * read anew, which cost several times the read itself. auto_explain shows the function's inner plan: a kept
     * generic plan compares with the parameters ({@code $1, $2}), a plan made for the call with the values.
     */
    @Test
    void the_read_after_a_position_keeps_its_plan_across_calls() throws Exception {
        appendInTransaction(new EntityCreated(service("planned")));
        var settings = db.server.settings();
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password())) {
            try (Statement s = c.createStatement()) {
                s.execute("LOAD 'auto_explain'");
                s.execute("SET auto_explain.log_min_duration = 0");
                s.execute("SET auto_explain.log_nested_statements = on");
                s.execute("SET auto_explain.log_level = notice");
            }
            try (PreparedStatement read = c.prepareStatement("SELECT * FROM event_log_read_after(?, ?, ?)")) {
                for (int call = 1; call <= 8; call++) {
                    read.clearWarnings();
                    read.setLong(1, 0);
                    read.setLong(2, call);
                    read.setInt(3, 10);
                    read.executeQuery().close();
                    assertThat(notices(read))
                            .as("call %d's inner plan", call)
                            .contains("event_log")
                            .contains("ROW($1, $2)");
                }
            }
        }
    }

    private static String notices(Statement statement) throws Exception {
        StringBuilder all = new StringBuilder();
        for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
            all.append(w.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static List<Long> naivePoll(long lastSeenId) {
        return db.dsl
                .fetch("SELECT id FROM event_log WHERE id > ? ORDER BY id", lastSeenId)
                .getValues(0, Long.class);
    }

    private static void await(CountDownLatch latch) {
        Latches.await(latch, 10, "timed out waiting for the other writer");
    }
}
