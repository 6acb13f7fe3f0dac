package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.Fixtures.consumer;
import static io.tollgate.adapter.postgres.Fixtures.entity;
import static io.tollgate.adapter.postgres.Fixtures.keyAuth;
import static io.tollgate.adapter.postgres.Fixtures.ref;
import static io.tollgate.adapter.postgres.Fixtures.route;
import static io.tollgate.adapter.postgres.Fixtures.service;
import static io.tollgate.adapter.postgres.Fixtures.with;
import static io.tollgate.adapter.postgres.schema.Tables.EVENT_LOG;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.HistoryFilter;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.ClusterEvent;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.event.TargetHealthForced;
import io.tollgate.domain.upstream.TargetId;
import io.tollgate.domain.upstream.Targets;
import io.tollgate.domain.upstream.UpstreamId;
import io.tollgate.domain.upstream.Upstreams;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link JooqEventHistory} against the real PostgreSQL: order, pages, every filter, lookups by entity fields. */
class JooqEventHistoryIT extends DatabaseIT {

    private static final UUID NODE_A = UUID.randomUUID();
    private static final UUID NODE_B = UUID.randomUUID();

    private final JooqEventHistory history = new JooqEventHistory(db.dsl);

    private static void append(UUID node, ClusterEvent... events) {
        db.transactions.inTransaction(() -> {
            for (ClusterEvent event : events) {
                db.eventLog.append(node, event);
            }
            return null;
        });
    }

    private List<ClusterEvent> events(HistoryFilter filter) {
        return history.newestFirst(filter, null, 1000).stream()
                .map(LoggedEvent::event)
                .toList();
    }

    private static HistoryFilter filter(
            EntityKind kind, UUID entityId, String tag, UUID nodeId, Instant since, Instant until) {
        return new HistoryFilter(kind, entityId, tag, nodeId, since, until);
    }

    @Test
    void entity_events_come_newest_first_in_log_order_without_forced_healths() {
        Entity s = service("svc");
        Entity r = route("r", s);
        TargetHealthForced health = new TargetHealthForced(
                new UpstreamId(UUID.randomUUID()), new TargetId(UUID.randomUUID()), "h:8000", null, false);
        append(NODE_A, new EntityCreated(s), new EntityCreated(r));
        append(NODE_B, health);
        append(NODE_B, new EntityUpdated(with(s, Map.of("path", "/v2")), s), new EntityDeleted(r));

        List<LoggedEvent> newest = history.newestFirst(HistoryFilter.ALL, null, 10);

        assertThat(newest)
                .extracting(LoggedEvent::event)
                .containsExactly(
                        new EntityDeleted(r),
                        new EntityUpdated(with(s, Map.of("path", "/v2")), s),
                        new EntityCreated(r),
                        new EntityCreated(s));
        List<LoggedEvent> forward = new ArrayList<>(db.readAfter(LogPosition.START, 10));
        forward.removeIf(e -> e.event().equals(health));
        Collections.reverse(forward);
        assertThat(newest).as("the log's own positions, times and nodes").isEqualTo(forward);
        assertThat(newest.get(0).nodeId()).isEqualTo(NODE_B);
        assertThat(history.newestFirst(HistoryFilter.ALL, null, 2)).hasSize(2);
    }

    @Test
    void the_order_is_numeric_across_a_digit_boundary_of_transaction_ids() {
        Entity older = service("older");
        Entity newer = service("newer");
        append(NODE_A, new EntityCreated(older));
        append(NODE_A, new EntityCreated(newer));
        db.dsl.execute("UPDATE event_log SET commit_seq = 99 WHERE entity_id = ?", older.id());
        db.dsl.execute("UPDATE event_log SET commit_seq = 100 WHERE entity_id = ?", newer.id());

        List<LoggedEvent> newest = history.newestFirst(HistoryFilter.ALL, null, 1);
        assertThat(newest).extracting(LoggedEvent::position).containsExactly(new LogPosition(100, 2));
        assertThat(history.newestFirst(HistoryFilter.ALL, newest.get(0).position(), 10))
                .extracting(LoggedEvent::event)
                .containsExactly(new EntityCreated(older));
    }

    @Test
    void pages_continue_strictly_before_the_given_position() {
        List<Entity> services = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            services.add(service("s" + i));
        }
        append(NODE_A, services.subList(0, 3).stream().map(EntityCreated::new).toArray(ClusterEvent[]::new));
        for (Entity s : services.subList(3, 7)) {
            append(NODE_A, new EntityCreated(s));
        }

        List<UUID> walked = new ArrayList<>();
        LogPosition before = null;
        int pages = 0;
        do {
            List<LoggedEvent> page = history.newestFirst(HistoryFilter.ALL, before, 3);
            page.forEach(e -> walked.add(((EntityCreated) e.event()).entity().id()));
            before = page.size() == 3 ? page.get(2).position() : null;
            pages++;
        } while (before != null);

        List<UUID> expected = new ArrayList<>(services.stream().map(Entity::id).toList());
        Collections.reverse(expected);
        assertThat(walked).isEqualTo(expected);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void kind_entity_and_node_filters_narrow_the_history() {
        Entity s1 = service("s1");
        Entity s2 = service("s2");
        Entity r = route("r", s1);
        append(NODE_A, new EntityCreated(s1), new EntityCreated(s2));
        append(NODE_B, new EntityCreated(r), new EntityUpdated(with(s2, Map.of("path", "/b")), s2));

        assertThat(events(filter(EntityKind.SERVICES, null, null, null, null, null)))
                .containsExactly(
                        new EntityUpdated(with(s2, Map.of("path", "/b")), s2),
                        new EntityCreated(s2),
                        new EntityCreated(s1));
        assertThat(events(filter(null, s2.id(), null, null, null, null))).hasSize(2);
        assertThat(events(filter(EntityKind.ROUTES, s2.id(), null, null, null, null)))
                .as("an id of another kind")
                .isEmpty();
        assertThat(events(filter(null, null, null, NODE_B, null, null)))
                .containsExactly(new EntityUpdated(with(s2, Map.of("path", "/b")), s2), new EntityCreated(r));
        assertThat(events(filter(EntityKind.SERVICES, null, null, NODE_B, null, null)))
                .containsExactly(new EntityUpdated(with(s2, Map.of("path", "/b")), s2));
    }

    @Test
    void the_tag_filter_matches_the_entity_before_or_after_the_change() {
        Entity tagged = service("tagged"); // tags a, b
        Entity untagged = with(tagged, Map.of("tags", List.of("c")));
        Entity plain = with(service("plain"), Map.of("tags", List.of("x")));
        Entity consumer = consumer("alice", null);
        append(NODE_A, new EntityCreated(tagged), new EntityCreated(plain), new EntityCreated(consumer));
        append(NODE_A, new EntityUpdated(untagged, tagged));
        append(NODE_A, new EntityDeleted(untagged));
        Entity retagged = with(plain, Map.of("tags", List.of("x", "a")));
        append(NODE_A, new EntityUpdated(retagged, plain));

        assertThat(events(filter(null, null, "a", null, null, null)))
                .as("added, removed (before only) and created with the tag; not the delete of a state without it")
                .containsExactly(
                        new EntityUpdated(retagged, plain),
                        new EntityUpdated(untagged, tagged),
                        new EntityCreated(tagged));
        assertThat(events(filter(null, null, "c", null, null, null)))
                .containsExactly(new EntityDeleted(untagged), new EntityUpdated(untagged, tagged));
        assertThat(events(filter(EntityKind.SERVICES, plain.id(), "x", null, null, null)))
                .hasSize(2);
        assertThat(events(filter(null, null, "nope", null, null, null))).isEmpty();
        assertThat(events(filter(null, null, "a\"]", null, null, null)))
                .as("a tag is a value, never JSON")
                .isEmpty();
    }

    @Test
    void since_is_inclusive_and_until_exclusive_on_the_time_an_event_was_appended() {
        Entity s1 = service("s1");
        Entity s2 = service("s2");
        Entity s3 = service("s3");
        append(NODE_A, new EntityCreated(s1));
        append(NODE_A, new EntityCreated(s2));
        append(NODE_A, new EntityCreated(s3));
        Instant t1 = Instant.parse("2026-03-01T10:00:00.000Z");
        Instant t2 = Instant.parse("2026-03-01T10:00:01.250Z");
        Instant t3 = Instant.parse("2026-03-01T10:00:02.500Z");
        setOccurredAt(s1, t1);
        setOccurredAt(s2, t2);
        setOccurredAt(s3, t3);

        assertThat(events(filter(null, null, null, null, t2, null)))
                .containsExactly(new EntityCreated(s3), new EntityCreated(s2));
        assertThat(events(filter(null, null, null, null, null, t2))).containsExactly(new EntityCreated(s1));
        assertThat(events(filter(null, null, null, null, t1.plusMillis(1), t3.plusNanos(1000))))
                .containsExactly(new EntityCreated(s3), new EntityCreated(s2));
        assertThat(events(filter(null, null, null, null, t3, t3))).isEmpty();
        assertThat(history.newestFirst(filter(null, s2.id(), null, null, null, null), null, 1)
                        .get(0)
                        .occurredAt())
                .isEqualTo(t2);
    }

    @Test
    void an_older_open_transaction_holds_nothing_back_and_its_late_commit_lands_on_top_so_pages_never_skip_it()
            throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        CountDownLatch olderAppended = new CountDownLatch(1);
        CountDownLatch olderMayCommit = new CountDownLatch(1);
        try {
            append(NODE_A, new EntityCreated(service("first")));
            // a writer of its own (as another node's): the younger write must not join its group (CommitGroups)
            JooqTransactions otherWriter = new JooqTransactions(db.dsl);
            Future<?> older = writer.submit(() -> otherWriter.inTransaction(() -> {
                db.eventLog.append(NODE_A, new EntityCreated(service("older")));
                olderAppended.countDown();
                await(olderMayCommit);
                return null;
            }));
            await(olderAppended);
            append(NODE_A, new EntityCreated(service("younger")));

            List<LoggedEvent> firstPage = history.newestFirst(HistoryFilter.ALL, null, 1);
            assertThat(firstPage)
                    .as("the younger event is not held back by the older transaction")
                    .extracting(
                            e -> ((EntityCreated) e.event()).entity().fields().get("name"))
                    .containsExactly("younger");

            olderMayCommit.countDown();
            older.get(10, TimeUnit.SECONDS);
            assertThat(history.newestFirst(HistoryFilter.ALL, firstPage.get(0).position(), 10))
                    .as("the next page goes on below the first one")
                    .extracting(
                            e -> ((EntityCreated) e.event()).entity().fields().get("name"))
                    .containsExactly("first");
            assertThat(history.newestFirst(HistoryFilter.ALL, null, 10))
                    .as("the late commit is the newest")
                    .extracting(
                            e -> ((EntityCreated) e.event()).entity().fields().get("name"))
                    .containsExactly("older", "younger", "first");
        } finally {
            olderMayCommit.countDown();
            writer.shutdownNow();
        }
    }

    @Test
    void the_last_entity_with_fields_is_found_by_json_containment_of_its_state() {
        Entity up = entity(Upstreams.SCHEMA, Map.of("name", "up"));
        Entity other = entity(Upstreams.SCHEMA, Map.of("name", "other"));
        Entity target = entity(Targets.SCHEMA, Map.of("target", "h.test", "upstream", ref(up)));
        Entity otherTarget = entity(Targets.SCHEMA, Map.of("target", "h.test", "upstream", ref(other)));
        Entity s = service("gone");
        append(NODE_A, new EntityCreated(up), new EntityCreated(other));
        append(NODE_A, new EntityCreated(target), new EntityCreated(otherTarget));
        append(NODE_A, new EntityCreated(s));
        append(NODE_A, new EntityUpdated(with(s, Map.of("name", "renamed")), s));
        append(NODE_A, new EntityDeleted(with(s, Map.of("name", "renamed"))));
        Entity reused = service("gone");
        append(NODE_A, new EntityCreated(reused));

        assertThat(history.lastEntityWith(EntityKind.SERVICES, Map.of("name", "gone")))
                .contains(reused.id());
        assertThat(history.lastEntityWith(EntityKind.SERVICES, Map.of("name", "renamed")))
                .contains(s.id());
        assertThat(history.lastEntityWith(EntityKind.SERVICES, Map.of("id", s.id().toString())))
                .contains(s.id());
        assertThat(history.lastEntityWith(
                        EntityKind.TARGETS,
                        Map.of(
                                "target",
                                "h.test:8000",
                                "upstream",
                                Map.of("id", up.id().toString()))))
                .contains(target.id());
        assertThat(history.lastEntityWith(
                        EntityKind.TARGETS,
                        Map.of(
                                "id",
                                target.id().toString(),
                                "upstream",
                                Map.of("id", other.id().toString()))))
                .isEmpty();
        assertThat(history.lastEntityWith(EntityKind.ROUTES, Map.of("name", "gone")))
                .isEmpty();
        assertThat(history.lastEntityWith(EntityKind.SERVICES, Map.of("id", "not-a-uuid")))
                .isEmpty();
        assertThat(history.lastEntityWith(EntityKind.SERVICES, Map.of("name", "nope")))
                .isEmpty();
    }

    @Test
    void credentials_read_back_with_their_secrets_as_stored_redaction_is_the_applications() {
        Entity alice = consumer("alice", null);
        Entity key = keyAuth("k-1", alice);
        append(NODE_A, new EntityCreated(alice), new EntityCreated(key));

        assertThat(events(filter(EntityKind.KEYAUTH_CREDENTIALS, null, null, null, null, null)))
                .containsExactly(new EntityCreated(key));
    }

    private static void setOccurredAt(Entity entity, Instant at) {
        db.dsl
                .update(EVENT_LOG)
                .set(EVENT_LOG.OCCURRED_AT, at.atOffset(ZoneOffset.UTC))
                .where(EVENT_LOG.ENTITY_ID.eq(entity.id()))
                .execute();
    }

    private static void await(CountDownLatch latch) {
        Latches.await(latch, 10, "timed out waiting for the other writer");
    }
}
