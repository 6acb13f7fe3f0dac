package io.tollgate.application.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.port.EntityAddress;
import io.tollgate.application.port.HistoryEntry;
import io.tollgate.application.port.HistoryEntry.Operation;
import io.tollgate.application.port.HistoryFilter;
import io.tollgate.application.port.HistoryPage;
import io.tollgate.application.port.HistoryQuery;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.InMemoryEventHistory;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.event.TargetHealthForced;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.shared.InvalidRequest;
import io.tollgate.domain.upstream.TargetId;
import io.tollgate.domain.upstream.Targets;
import io.tollgate.domain.upstream.UpstreamId;
import io.tollgate.domain.upstream.Upstreams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HistoryBrowsingTest {

    private static final UUID NODE_A = UUID.randomUUID();
    private static final UUID NODE_B = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final InMemoryEntityStore store = new InMemoryEntityStore();
    private final InMemoryEventHistory log = new InMemoryEventHistory();
    private final HistoryBrowsing history = new HistoryBrowsing(log, store);
    private int clock;

    private static Entity entity(EntitySchema schema, Map<String, Object> fields) {
        Map<String, Object> input = new HashMap<>(fields);
        input.putIfAbsent("id", UUID.randomUUID().toString());
        return new Entity(schema, schema.validate(input));
    }

    private static Entity with(Entity entity, Map<String, Object> changes) {
        Map<String, Object> fields = new HashMap<>(entity.fields());
        fields.putAll(changes);
        return new Entity(entity.schema(), entity.schema().validate(fields));
    }

    /** Appends the event (one second after the previous one) and projects it onto the store. */
    private void write(UUID node, EntityEvent event) {
        log.add(node, T0.plusSeconds(clock++), event);
        store.project(event);
    }

    private void write(EntityEvent event) {
        write(NODE_A, event);
    }

    private static HistoryQuery all(int size) {
        return HistoryQuery.first(size, HistoryFilter.ALL);
    }

    private HistoryPage of(EntityKind kind, String idOrKey) {
        return history.history(EntityAddress.of(kind, idOrKey), all(100)).orElseThrow();
    }

    @Test
    void changes_come_newest_first_with_before_and_after_and_pages_continue_where_the_last_ended() {
        Entity svc = entity(Services.SCHEMA, Map.of("name", "svc", "host", "a.test"));
        Entity moved = with(svc, Map.of("host", "b.test"));
        write(new EntityCreated(svc));
        write(new EntityUpdated(moved, svc));
        write(new EntityDeleted(moved));

        HistoryPage first = history.history(all(2));
        assertThat(first.data())
                .extracting(HistoryEntry::operation)
                .containsExactly(Operation.DELETE, Operation.UPDATE);
        HistoryEntry update = first.data().get(1);
        assertThat(update.before()).containsEntry("host", "a.test");
        assertThat(update.after()).containsEntry("host", "b.test");
        assertThat(update.kind()).isEqualTo(EntityKind.SERVICES);
        assertThat(update.entityId()).isEqualTo(svc.id());
        assertThat(update.nodeId()).isEqualTo(NODE_A);
        assertThat(update.occurredAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(first.data().get(0).after()).isNull();
        assertThat(first.data().get(0).before()).containsEntry("host", "b.test");
        assertThat(first.next()).isEqualTo(update.position());

        HistoryPage second = history.history(new HistoryQuery(2, first.next(), HistoryFilter.ALL));
        assertThat(second.data()).singleElement().satisfies(created -> {
            assertThat(created.operation()).isEqualTo(Operation.CREATE);
            assertThat(created.before()).isNull();
            assertThat(created.after()).isEqualTo(svc.fields());
        });
        assertThat(second.next()).isNull();
        assertThat(history.history(all(3)).next())
                .as("an exactly full page is the last")
                .isNull();
    }

    @Test
    void secrets_are_redacted_before_and_after_and_nothing_else_is() throws Exception {
        Entity consumer = entity(Consumers.SCHEMA, Map.of("username", "alice"));
        Entity key = entity(
                KeyAuthCredentials.SCHEMA,
                Map.of("key", "k-1", "consumer", Map.of("id", consumer.id().toString())));
        write(new EntityCreated(consumer));
        write(new EntityCreated(key));
        write(new EntityUpdated(with(key, Map.of("key", "k-2", "tags", List.of("rotated"))), key));
        Entity cert = entity(
                Certificates.SCHEMA,
                Map.of(
                        "cert",
                        io.tollgate.domain.testing.PemFixtures.pem("rsa.crt"),
                        "key",
                        io.tollgate.domain.testing.PemFixtures.pem("rsa.key")));
        write(new EntityCreated(cert));

        HistoryPage keys = of(EntityKind.KEYAUTH_CREDENTIALS, key.id().toString());
        assertThat(keys.data()).hasSize(2);
        HistoryEntry rotated = keys.data().get(0);
        assertThat(rotated.before()).containsEntry("key", "******").containsEntry("tags", null);
        assertThat(rotated.after()).containsEntry("key", "******").containsEntry("tags", List.of("rotated"));
        assertThat(rotated.after().get("consumer"))
                .isEqualTo(Map.of("id", consumer.id().toString()));
        assertThat(keys.data().get(1).after()).containsEntry("key", "******");

        HistoryEntry certificate =
                of(EntityKind.CERTIFICATES, cert.id().toString()).data().get(0);
        assertThat(certificate.after())
                .containsEntry("key", "******")
                .containsEntry("key_alt", null)
                .containsEntry("cert", cert.get("cert"));
        assertThat(history.history(all(100)).data().toString()).doesNotContain("k-1", "k-2", "PRIVATE KEY");
    }

    @Test
    void an_entity_is_found_by_id_or_by_key_now_and_after_it_was_renamed_or_deleted() {
        Entity svc = entity(Services.SCHEMA, Map.of("name", "old-name", "host", "a.test"));
        Entity renamed = with(svc, Map.of("name", "new-name"));
        Entity other = entity(Services.SCHEMA, Map.of("name", "other", "host", "o.test"));
        write(new EntityCreated(svc));
        write(new EntityCreated(other));
        write(new EntityUpdated(renamed, svc));

        assertThat(of(EntityKind.SERVICES, "new-name").data())
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.entityId()).isEqualTo(svc.id()));
        assertThat(of(EntityKind.SERVICES, "old-name").data())
                .as("the last entity the log saw with the name")
                .hasSize(2);

        write(new EntityDeleted(renamed));
        assertThat(of(EntityKind.SERVICES, svc.id().toString()).data())
                .extracting(HistoryEntry::operation)
                .containsExactly(Operation.DELETE, Operation.UPDATE, Operation.CREATE);
        assertThat(of(EntityKind.SERVICES, "new-name").data()).hasSize(3);

        Entity reused = entity(Services.SCHEMA, Map.of("name", "new-name", "host", "r.test"));
        write(new EntityCreated(reused));
        assertThat(of(EntityKind.SERVICES, "new-name").data())
                .as("a key names the entity that has it now")
                .singleElement()
                .satisfies(e -> assertThat(e.entityId()).isEqualTo(reused.id()));
    }

    @Test
    void an_address_the_log_does_not_know_is_not_found_and_a_bad_primary_key_is_kongs_error() {
        write(new EntityCreated(entity(Services.SCHEMA, Map.of("name", "svc", "host", "a.test"))));

        assertThat(history.history(
                        EntityAddress.of(EntityKind.SERVICES, UUID.randomUUID().toString()), all(10)))
                .isEmpty();
        assertThat(history.history(EntityAddress.of(EntityKind.SERVICES, "nope"), all(10)))
                .isEmpty();
        assertThat(history.history(EntityAddress.of(EntityKind.ROUTES, "svc"), all(10)))
                .as("a key of another kind")
                .isEmpty();
        assertThatThrownBy(() -> history.history(EntityAddress.of(EntityKind.CERTIFICATES, "not-a-uuid"), all(10)))
                .isInstanceOfSatisfying(
                        InvalidRequest.class, e -> assertThat(e.code()).isEqualTo(1));
    }

    @Test
    void a_target_is_found_below_its_upstream_by_id_or_by_its_normalised_target_even_once_deleted() {
        Entity upstream = entity(Upstreams.SCHEMA, Map.of("name", "up"));
        Entity otherUpstream = entity(Upstreams.SCHEMA, Map.of("name", "other-up"));
        Map<String, Object> ref = Map.of("id", upstream.id().toString());
        Entity target = entity(Targets.SCHEMA, Map.of("target", "h.test", "upstream", ref));
        write(new EntityCreated(upstream));
        write(new EntityCreated(otherUpstream));
        write(new EntityCreated(target));
        write(NODE_B, new EntityUpdated(with(target, Map.of("weight", 5L)), target));

        EntityAddress byKey = EntityAddress.below(EntityKind.UPSTREAMS, "up", "upstream", EntityKind.TARGETS, "h.test");
        assertThat(history.history(byKey, all(10)).orElseThrow().data()).hasSize(2);
        write(new EntityDeleted(with(target, Map.of("weight", 5L))));
        write(new EntityDeleted(upstream));

        assertThat(history.history(byKey, all(10)).orElseThrow().data())
                .extracting(HistoryEntry::operation)
                .containsExactly(Operation.DELETE, Operation.UPDATE, Operation.CREATE);
        EntityAddress byId = EntityAddress.below(
                EntityKind.UPSTREAMS,
                upstream.id().toString(),
                "upstream",
                EntityKind.TARGETS,
                target.id().toString());
        assertThat(history.history(byId, all(10)).orElseThrow().data()).hasSize(3);
        assertThat(history.history(
                        EntityAddress.below(
                                EntityKind.UPSTREAMS,
                                "other-up",
                                "upstream",
                                EntityKind.TARGETS,
                                target.id().toString()),
                        all(10)))
                .as("a target of another upstream")
                .isEmpty();
        assertThat(history.history(
                        EntityAddress.below(EntityKind.UPSTREAMS, "up", "upstream", EntityKind.TARGETS, "h.test:9"),
                        all(10)))
                .isEmpty();
        assertThat(history.history(EntityAddress.of(EntityKind.TARGETS, "h.test:8000"), all(10)))
                .as("a target key is unique per upstream only")
                .isEmpty();
    }

    @Test
    void an_entitys_history_keeps_the_querys_other_filters_and_replaces_its_entity() {
        Entity a = entity(Services.SCHEMA, Map.of("name", "a", "host", "a.test"));
        Entity b = entity(Services.SCHEMA, Map.of("name", "b", "host", "b.test"));
        write(NODE_A, new EntityCreated(a));
        write(NODE_B, new EntityCreated(b));
        write(NODE_B, new EntityUpdated(with(a, Map.of("host", "x.test")), a));

        HistoryFilter fromB = new HistoryFilter(EntityKind.ROUTES, b.id(), null, NODE_B, null, null);
        HistoryPage page = history.history(EntityAddress.of(EntityKind.SERVICES, "a"), HistoryQuery.first(10, fromB))
                .orElseThrow();
        assertThat(page.data()).singleElement().satisfies(e -> {
            assertThat(e.entityId()).isEqualTo(a.id());
            assertThat(e.operation()).isEqualTo(Operation.UPDATE);
        });
    }

    @Test
    void forced_target_healths_are_not_configuration_and_never_show() {
        Entity svc = entity(Services.SCHEMA, Map.of("name", "svc", "host", "a.test"));
        write(new EntityCreated(svc));
        log.add(
                NODE_A,
                T0,
                new TargetHealthForced(
                        new UpstreamId(UUID.randomUUID()), new TargetId(UUID.randomUUID()), "h:8000", null, false));

        List<HistoryEntry> entries = new ArrayList<>(history.history(all(10)).data());
        assertThat(entries).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo(EntityKind.SERVICES));
        assertThat(Optional.ofNullable(history.history(all(1)).next())).isEmpty();
    }
}
