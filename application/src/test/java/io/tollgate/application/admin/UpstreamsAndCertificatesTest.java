package io.tollgate.application.admin;

import static io.tollgate.domain.testing.PemFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.port.PageRequest;
import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.NodeCache;
import io.tollgate.application.port.out.Transactions;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.RecordingPorts;
import io.tollgate.domain.certificate.CaCertificates;
import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.certificate.Snis;
import io.tollgate.domain.credential.PasswordHasher;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.shared.InvalidRequest;
import io.tollgate.domain.shared.SchemaViolation;
import io.tollgate.domain.shared.WorkspaceId;
import io.tollgate.domain.upstream.Targets;
import io.tollgate.domain.upstream.Upstreams;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Upstreams, targets, certificates with their transient SNIs and CA certificates through {@link EntityAdministration}. */
class UpstreamsAndCertificatesTest {

    private final RecordingPorts ports = new RecordingPorts();
    private final InMemoryEntityStore store = ports.store;
    private final EventLog log = ports.log;
    private final Transactions transactions = ports.transactions;
    private final NodeCache cache = ports.cache;
    private final List<EntityEvent> appended = ports.appended;
    private final List<String> purged = ports.purged;
    private final WorkspaceId ws = new WorkspaceId(UUID.randomUUID());

    private final EntityAdministration admin = new EntityAdministration(
            store,
            log,
            transactions,
            new LocalInvalidation(cache, List.of()),
            UUID.randomUUID(),
            ws,
            Clock.fixed(Instant.ofEpochMilli(1700000000123L), ZoneOffset.UTC),
            new PasswordHasher(1000),
            io.tollgate.application.plugin.bundled.JacksonTestCodec.CODEC);

    private Map<String, Object> certificate(Object... more) {
        Map<String, Object> m = new HashMap<>();
        m.put("cert", pem("rsa.crt"));
        m.put("key", pem("rsa.key"));
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    private List<String> sniRows() {
        return store.rows(Snis.SCHEMA).stream()
                .map(e -> e.string("name"))
                .sorted()
                .toList();
    }

    private List<EntityEvent> events() {
        return List.copyOf(appended);
    }

    @Test
    void targets_get_millisecond_timestamps_and_are_found_by_target_below_their_upstream() {
        Entity a = admin.create(Upstreams.SCHEMA, Map.of("name", "a.internal"));
        Entity b = admin.create(Upstreams.SCHEMA, Map.of("name", "b.internal"));
        Entity ta = admin.create(Targets.SCHEMA, Map.of("upstream", Map.of("name", "a.internal"), "target", "h"));
        Entity tb = admin.create(Targets.SCHEMA, Map.of("upstream", Map.of("id", b.id().toString()), "target", "h"));
        assertThat(ta.get("created_at")).isEqualTo(1700000000.123);
        assertThat(ta.get("target")).isEqualTo("h:8000");
        assertThat(purged).contains("targets:" + a.id() + ":h:8000::::" + ws);

        assertThat(admin.getChild(Targets.SCHEMA, "upstream", b.id(), "h:8000"))
                .map(Entity::id)
                .contains(tb.id());
        assertThat(admin.getChild(Targets.SCHEMA, "upstream", a.id(), "h"))
                .map(Entity::id)
                .contains(ta.id());
        assertThat(admin.getChild(Targets.SCHEMA, "upstream", a.id(), tb.id().toString()))
                .isEmpty();
        assertThat(admin.get(Targets.SCHEMA, "h:8000")).isEmpty();

        assertThat(admin.delete(Upstreams.SCHEMA, "a.internal")).isTrue();
        assertThat(events())
                .filteredOn(EntityDeleted.class::isInstance)
                .extracting(e -> e.entity().schema().name())
                .containsExactly("targets", "upstreams");
        assertThat(store.rows(Targets.SCHEMA)).extracting(Entity::id).containsExactly(tb.id());
        assertThat(purged).contains("balancer:upstreams", "balancer:upstreams:" + a.id());
    }

    @Test
    void certificate_snis_are_rows_written_in_the_same_transaction_each_with_its_event() {
        Entity cert = admin.create(Certificates.SCHEMA, certificate("snis", List.of("b.test", "*.a.test")));
        assertThat(cert.get("snis")).isEqualTo(List.of("*.a.test", "b.test"));
        assertThat(sniRows()).containsExactly("*.a.test", "b.test");
        assertThat(store.rows(Certificates.SCHEMA))
                .singleElement()
                .satisfies(e -> assertThat(e.get("snis")).isNull());
        assertThat(events())
                .filteredOn(EntityCreated.class::isInstance)
                .extracting(e -> e.entity().schema().name())
                .containsExactly("certificates", "snis", "snis");
        assertThat(purged).contains("snis:b.test", "snis:*.a.test");

        Entity patched =
                admin.update(Certificates.SCHEMA, cert.id().toString(), Map.of("snis", List.of("b.test", "c.test")));
        assertThat(patched.get("snis")).isEqualTo(List.of("b.test", "c.test"));
        assertThat(sniRows()).containsExactly("b.test", "c.test");
        assertThat(purged).contains("snis:*.a.test", "snis:c.test");

        admin.update(Certificates.SCHEMA, cert.id().toString(), Map.of("tags", List.of("t")));
        assertThat(sniRows()).as("a write without snis leaves them").containsExactly("b.test", "c.test");
        assertThat(admin.get(Certificates.SCHEMA, cert.id().toString())
                        .orElseThrow()
                        .get("snis"))
                .isEqualTo(List.of("b.test", "c.test"));
        assertThat(admin.list(Certificates.SCHEMA, PageRequest.first(10)).data())
                .singleElement()
                .satisfies(e -> assertThat(e.get("snis")).isEqualTo(List.of("b.test", "c.test")));

        Map<String, Object> clear = new HashMap<>();
        clear.put("snis", null);
        assertThat(admin.update(Certificates.SCHEMA, cert.id().toString(), clear)
                        .get("snis"))
                .isEqualTo(List.of());
        assertThat(sniRows()).isEmpty();
    }

    @Test
    void a_put_without_snis_replaces_them_with_none_as_kong_upsert_does() {
        Entity cert = admin.create(Certificates.SCHEMA, certificate("snis", List.of("a.test", "b.test")));

        Entity put = admin.upsert(Certificates.SCHEMA, cert.id().toString(), certificate());
        assertThat(put.get("snis")).isEqualTo(List.of());
        assertThat(sniRows()).isEmpty();
    }

    @Test
    void a_name_of_another_certificate_is_refused_and_nothing_is_written() {
        Entity first = admin.create(Certificates.SCHEMA, certificate("snis", List.of("a.test")));
        int events = appended.size();
        assertThatThrownBy(() -> admin.create(Certificates.SCHEMA, certificate("snis", List.of("z.test", "a.test"))))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.fields())
                                .containsEntry(
                                        "snis",
                                        "a.test already associated with existing certificate '" + first.id() + "'"));
        assertThat(store.rows(Certificates.SCHEMA)).hasSize(1);
        assertThat(sniRows()).containsExactly("a.test");
        assertThat(appended).hasSize(events);
    }

    @Test
    void deleting_a_certificate_deletes_its_snis_with_their_events() {
        Entity cert = admin.create(Certificates.SCHEMA, certificate("snis", List.of("a.test", "b.test")));
        assertThat(admin.delete(Certificates.SCHEMA, cert.id().toString())).isTrue();
        assertThat(sniRows()).isEmpty();
        assertThat(events())
                .filteredOn(EntityDeleted.class::isInstance)
                .extracting(e -> e.entity().schema().name())
                .containsExactly("snis", "snis", "certificates");
        assertThat(purged).contains("snis:a.test", "snis:b.test", "certificates:" + cert.id() + ":::::" + ws);
    }

    @Test
    void a_certificate_is_addressed_by_sni_and_ca_certificates_refuse_a_non_uuid_with_invalid_primary_key() {
        assertThat(admin.get(Certificates.SCHEMA, "no-such-sni.example"))
                .as("Kong's /certificates/{sni}")
                .isEmpty();
        assertThatThrownBy(() -> admin.get(CaCertificates.SCHEMA, "not-a-uuid"))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> {
                    assertThat(e.code()).isEqualTo(1);
                    assertThat(e.getMessage()).isEqualTo("invalid primary key: '{id=\"expected a valid UUID\"}'");
                    assertThat(e.fields()).containsEntry("id", "expected a valid UUID");
                });
        assertThatThrownBy(() -> admin.delete(CaCertificates.SCHEMA, "x")).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void ca_certificates_get_their_digest_and_a_key_without_workspace() {
        Entity ca = admin.create(CaCertificates.SCHEMA, Map.of("cert", pem("ca.crt")));
        assertThat(ca.get("cert_digest")).isEqualTo("be657ad42eccc278525e9ef8758cf6a02d5714028dff64b0d5f9771a7638484e");
        assertThat(purged).contains("ca_certificates:" + ca.id() + ":::::");
    }
}
