package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.Fixtures.consumer;
import static io.tollgate.adapter.postgres.Fixtures.entity;
import static io.tollgate.adapter.postgres.Fixtures.keyAuth;
import static io.tollgate.adapter.postgres.Fixtures.plugin;
import static io.tollgate.adapter.postgres.Fixtures.ref;
import static io.tollgate.adapter.postgres.Fixtures.route;
import static io.tollgate.adapter.postgres.Fixtures.service;
import static io.tollgate.adapter.postgres.Fixtures.with;
import static io.tollgate.adapter.postgres.UpstreamsAndCertificatesStoreIT.certificate;
import static io.tollgate.adapter.postgres.UpstreamsAndCertificatesStoreIT.sni;
import static io.tollgate.adapter.postgres.UpstreamsAndCertificatesStoreIT.target;
import static io.tollgate.adapter.postgres.UpstreamsAndCertificatesStoreIT.upstream;
import static io.tollgate.domain.testing.PemFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.out.LogPosition;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.certificate.CaCertificates;
import io.tollgate.domain.credential.Acls;
import io.tollgate.domain.credential.BasicAuthCredentials;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.event.TargetHealthForced;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.upstream.TargetId;
import io.tollgate.domain.upstream.UpstreamId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventLogReplayIT extends DatabaseIT {

    private final LogHistory history = new LogHistory(db.dsl);
    private int writesMade;

    @BeforeEach
    @AfterEach
    void forgetCompaction() {
        history.uncompact();
    }

    @Test
    void replaying_an_empty_log_gives_empty_identical_tables() {
        ReplayReport report = EventLogReplay.run(db.database, false);

        assertThat(report.identical()).isTrue();
        assertThat(report.failure()).isNull();
        assertThat(report.events()).isZero();
        assertThat(report.snapshotRows()).isZero();
        assertThat(report.tables())
                .extracting(ReplayReport.Table::name)
                .containsExactlyElementsOf(Arrays.stream(EntityKind.values())
                        .map(EntityKind::kongName)
                        .toList());
        assertThat(report.tables()).allSatisfy(t -> {
            assertThat(t.liveRows()).isZero();
            assertThat(t.replayedRows()).isZero();
        });
    }

    @Test
    void replaying_creates_updates_and_deletes_of_every_kind_gives_the_live_tables() {
        writeEveryKind();

        ReplayReport report = EventLogReplay.run(db.database, false);

        assertThat(report.failure()).isNull();
        assertThat(report.identical()).as("%s", report).isTrue();
        assertThat(report.events()).isEqualTo(writesMade);
        assertThat(report.skipped()).as("the forced target health").isEqualTo(1);
        assertThat(report.tables())
                .allSatisfy(t ->
                        assertThat(t.liveRows()).as("%s has rows", t.name()).isPositive());
        assertThat(table(report, "services").liveRows()).isEqualTo(1);
        assertThat(table(report, "consumers").liveRows()).isEqualTo(1);
    }

    @Test
    void a_row_changed_behind_the_logs_back_is_reported_with_its_id() {
        writeEveryKind();
        Entity tampered = store.all(Services.SCHEMA).get(0);
        db.dsl.execute(
                "UPDATE services SET entity = jsonb_set(entity, '{host}', '\"evil.example\"') WHERE id = ?",
                tampered.id());
        Entity vanished = store.all(Routes.SCHEMA).stream()
                .filter(r -> r.get("name").equals("r-lonely"))
                .findFirst()
                .orElseThrow();
        db.dsl.execute("DELETE FROM routes WHERE id = ?", vanished.id());

        ReplayReport report = EventLogReplay.run(db.database, false);

        assertThat(report.identical()).isFalse();
        assertThat(report.failure()).isNull();
        assertThat(table(report, "services").differing()).isEqualTo(1);
        assertThat(table(report, "services").differingIds()).containsExactly(tampered.id());
        assertThat(table(report, "services").liveRows())
                .isEqualTo(table(report, "services").replayedRows());
        assertThat(table(report, "routes").differingIds()).containsExactly(vanished.id());
        assertThat(table(report, "routes").replayedRows())
                .isEqualTo(table(report, "routes").liveRows() + 1);
        assertThat(report.tables())
                .filteredOn(t -> !List.of("services", "routes").contains(t.name()))
                .allMatch(ReplayReport.Table::identical);
    }

    @Test
    void events_replay_in_log_order_also_across_a_digit_boundary_of_the_transaction_ids() {
        Entity c = consumer("c", null);
        writes.insert(c);
        writes.insert(keyAuth("k", c));
        history.acrossADigitBoundary(1, 2);

        ReplayReport report = EventLogReplay.run(db.database, false);

        assertThat(report.failure()).isNull();
        assertThat(report.identical()).isTrue();
    }

    @Test
    void many_differing_rows_are_counted_and_the_first_ids_listed() {
        for (int i = 0; i < EventLogReplay.MAX_LISTED + 5; i++) {
            writes.insert(consumer("c" + i, null));
        }
        db.dsl.execute("UPDATE consumers SET created_at = created_at + 1");

        ReplayReport.Table consumers = table(EventLogReplay.run(db.database, false), "consumers");

        assertThat(consumers.differing()).isEqualTo(EventLogReplay.MAX_LISTED + 5);
        assertThat(consumers.differingIds())
                .hasSize(EventLogReplay.MAX_LISTED)
                .as("in PostgreSQL's order, the text's")
                .isSortedAccordingTo(Comparator.comparing(UUID::toString));
    }

    @Test
    void an_event_whose_projection_fails_is_reported_as_the_failure() {
        Entity s = service("svc");
        writes.insert(s);
        Entity ghost = service("ghost");
        appendWithoutProjection(new EntityUpdated(ghost, ghost));
        LogPosition ghostAt = history.last();
        writes.insert(consumer("after", null));

        ReplayReport report = EventLogReplay.run(db.database, false);

        assertThat(report.identical()).isFalse();
        assertThat(report.tables()).isEmpty();
        assertThat(report.events()).as("projected before the failure").isEqualTo(1);
        ReplayReport.Failure failure = report.failure();
        assertThat(failure).isNotNull();
        assertThat(failure.position()).isEqualTo(ghostAt);
        assertThat(failure.type()).isEqualTo("entity_updated");
        assertThat(failure.entityName()).isEqualTo("services");
        assertThat(failure.entityId()).isEqualTo(ghost.id());
        assertThat(failure.describe())
                .startsWith(
                        "event " + ghostAt + " (entity_updated services " + ghost.id() + ") could not be projected: ")
                .contains(ghost.id().toString());
        assertThat(schemaExists(report.schema())).isFalse();
    }

    @Test
    void a_constraint_failing_in_a_later_batch_is_pinned_to_its_event() {
        int before = ReplayBatch.SIZE + 50;
        db.transactions.inTransaction(() -> {
            for (int i = 0; i < before; i++) {
                db.eventLog.append(EventWrites.NODE, new EntityCreated(consumer("c" + i, null)));
            }
            return null;
        });
        Entity orphan = route("orphan", service("never-created"));
        appendWithoutProjection(new EntityCreated(orphan));
        LogPosition orphanAt = history.last();
        writes.insert(consumer("after", null));

        ReplayReport report = EventLogReplay.run(db.database, false);

        assertThat(report.events()).as("projected before the failure").isEqualTo(before);
        assertThat(report.failure()).isNotNull();
        assertThat(report.failure().position()).isEqualTo(orphanAt);
        assertThat(report.failure().entityId()).isEqualTo(orphan.id());
        assertThat(report.failure().reason())
                .as("the live write's words")
                .contains("does not reference an existing 'services' entity");
    }

    @Test
    void the_replay_schema_is_dropped_unless_kept() {
        writes.insert(service("svc"));

        ReplayReport dropped = EventLogReplay.run(db.database, false);
        ReplayReport kept = EventLogReplay.run(db.database, true);

        try {
            assertThat(dropped.kept()).isFalse();
            assertThat(schemaExists(dropped.schema())).isFalse();
            assertThat(kept.kept()).isTrue();
            assertThat(kept.schema()).isNotEqualTo(dropped.schema()).startsWith("tollgate_replay_");
            assertThat(schemaExists(kept.schema())).isTrue();
            assertThat(db.dsl.fetchValue("SELECT count(*) FROM \"" + kept.schema() + "\".services"))
                    .isEqualTo(1L);
        } finally {
            db.dsl.execute("DROP SCHEMA IF EXISTS \"" + kept.schema() + "\" CASCADE");
        }
    }

    @Test
    void a_compaction_snapshot_is_restored_before_the_events_after_it() {
        Entity a = service("a");
        Entity b = service("b");
        writes.insert(a);
        writes.insert(b);
        Entity c = consumer("c", null);
        writes.insert(c);
        writes.insert(keyAuth("k", c));
        history.compactUpTo(history.last());
        writes.update(with(a, Map.of("name", "a2")));
        writes.delete(Services.SCHEMA, b.id());
        writes.insert(route("r", a));

        ReplayReport report = EventLogReplay.run(db.database, false);

        assertThat(report.identical()).as("%s", report).isTrue();
        assertThat(report.snapshotRows()).isEqualTo(4);
        assertThat(report.events()).isEqualTo(3);
        assertThat(table(report, "services").liveRows()).isEqualTo(1);
        assertThat(table(report, "routes").liveRows()).isEqualTo(1);
    }

    /** Every kind, parents before children; some updated, some deleted (children first); {@link #writesMade}. */
    private void writeEveryKind() {
        Entity cert = certificate();
        Entity otherCert = certificate();
        insert(cert);
        insert(otherCert);
        insert(sni("a.example.com", cert));
        Entity doomedSni = sni("b.example.com", otherCert);
        insert(doomedSni);
        insert(entity(CaCertificates.SCHEMA, Map.of("cert", pem("ca.crt"), "tags", List.of("ca"))));
        Entity s = service("svc");
        Entity s2 = service("svc2");
        insert(s);
        insert(s2);
        update(with(s, Map.of("host", "changed.example.com", "tags", List.of("x"))));
        Entity r = route("r1", s);
        insert(r);
        insert(route("r-lonely", null));
        Entity doomedRoute = route("r2", s2);
        insert(doomedRoute);
        Entity consumer = consumer("alice", "a-1");
        Entity doomedConsumer = consumer("bob", null);
        insert(consumer);
        insert(doomedConsumer);
        update(with(consumer, Map.of("custom_id", "a-2")));
        insert(plugin("key-auth", r, null, null));
        Entity doomedPlugin = plugin("request-termination", doomedRoute, null, null);
        insert(doomedPlugin);
        insert(plugin("key-auth", null, s, null));
        insert(keyAuth("key-1", consumer));
        Entity doomedKey = keyAuth("key-2", doomedConsumer);
        insert(doomedKey);
        insert(entity(
                BasicAuthCredentials.SCHEMA,
                Map.of("username", "alice", "password", "$pbkdf2-sha256$i=1$AA$AA", "consumer", ref(consumer))));
        insert(entity(Acls.SCHEMA, Map.of("group", "admins", "consumer", ref(consumer))));
        insert(entity(
                io.tollgate.domain.credential.JwtSecrets.SCHEMA,
                Map.of("key", "jwt-1", "secret", "s", "consumer", ref(consumer))));
        insert(entity(
                io.tollgate.domain.credential.HmacAuthCredentials.SCHEMA,
                Map.of("username", "alice-h", "secret", "s", "consumer", ref(consumer))));
        Entity u = upstream("backend.internal");
        insert(u);
        Entity t = target(u, "10.0.0.1:80");
        insert(t);
        insert(target(u, "10.0.0.2:80"));
        update(with(t, Map.of("weight", 50L)));
        Entity keySet = entity(io.tollgate.domain.key.KeySets.SCHEMA, Map.of("name", "signing"));
        insert(keySet);
        insert(entity(
                io.tollgate.domain.key.Keys.SCHEMA,
                Map.of("name", "k1", "kid", "k1", "jwk", "{\"kty\":\"oct\"}", "set", ref(keySet))));
        insert(entity(io.tollgate.domain.vault.Vaults.SCHEMA, Map.of("prefix", "my-env", "name", "env")));
        db.transactions.inTransaction(() -> {
            db.eventLog.append(
                    EventWrites.NODE,
                    new TargetHealthForced(new UpstreamId(u.id()), new TargetId(t.id()), "10.0.0.1:80", null, false));
            return null;
        });
        delete(doomedSni);
        delete(doomedPlugin);
        delete(doomedRoute);
        delete(doomedKey);
        delete(doomedConsumer);
        delete(s2);
    }

    private void insert(Entity entity) {
        writes.insert(entity);
        writesMade++;
    }

    private void update(Entity entity) {
        writes.update(entity);
        writesMade++;
    }

    private void delete(Entity entity) {
        writes.delete(entity.schema(), entity.id());
        writesMade++;
    }

    /** An event no write made: appended as the log appends it, but not projected (nothing checked it either). */
    private void appendWithoutProjection(EntityEvent event) {
        EventCodec.Row row = EventCodec.encode(event);
        db.dsl.execute(
                "INSERT INTO event_log (node_id, event_type, entity_name, entity_id, payload) VALUES (?, ?, ?, ?, ?::jsonb)",
                EventWrites.NODE,
                row.type().stored(),
                row.entityName(),
                row.entityId(),
                row.payload().data());
    }

    private static boolean schemaExists(String schema) {
        return db.dsl
                .fetchValue("SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?", schema)
                .equals(1L);
    }

    private static ReplayReport.Table table(ReplayReport report, String name) {
        return report.tables().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
