package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.Fixtures.entity;
import static io.tollgate.domain.testing.PemFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.admin.EntityAdministration;
import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.plugin.bundled.JacksonTestCodec;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.testing.RecordingPorts;
import io.tollgate.domain.certificate.CaCertificates;
import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.certificate.Snis;
import io.tollgate.domain.credential.PasswordHasher;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.shared.ForeignKeyViolation;
import io.tollgate.domain.shared.SchemaViolation;
import io.tollgate.domain.shared.UniqueViolation;
import io.tollgate.domain.upstream.Targets;
import io.tollgate.domain.upstream.Upstreams;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The V2 tables (upstreams, targets, certificates, SNIs, CA certificates) on a real PostgreSQL. */
class UpstreamsAndCertificatesStoreIT extends DatabaseIT {

    static Entity upstream(String name) {
        return entity(Upstreams.SCHEMA, Map.of("name", name));
    }

    static Entity target(Entity upstream, String target) {
        return entity(
                Targets.SCHEMA,
                Map.of(
                        "upstream",
                        Map.of("id", upstream.id().toString()),
                        "target",
                        target,
                        "created_at",
                        1700000000.5));
    }

    static Entity certificate() {
        return entity(Certificates.SCHEMA, Map.of("cert", pem("rsa.crt"), "key", pem("rsa.key")));
    }

    static Entity sni(String name, Entity certificate) {
        return entity(
                Snis.SCHEMA,
                Map.of(
                        "name",
                        name,
                        "certificate",
                        Map.of("id", certificate.id().toString())));
    }

    @Test
    void upstreams_and_targets_round_trip_with_kong_fields() {
        Entity u = upstream("backend.internal");
        writes.insert(u);
        Entity t = target(u, "10.0.0.1");
        writes.insert(t);
        assertThat(store.find(Upstreams.SCHEMA, u.id())).contains(u);
        assertThat(store.findBy(Upstreams.SCHEMA, "name", "backend.internal"))
                .map(Entity::id)
                .contains(u.id());
        Entity read = store.find(Targets.SCHEMA, t.id()).orElseThrow();
        assertThat(read.get("target")).isEqualTo("10.0.0.1:8000");
        assertThat(read.get("created_at")).isEqualTo(1700000000.5);
        assertThat(store.referencing(Targets.SCHEMA, "upstream", u.id()))
                .extracting(Entity::id)
                .containsExactly(t.id());
        assertThat(db.dsl.fetchValue("SELECT cache_key FROM targets WHERE id = ?", t.id()))
                .isEqualTo("targets:" + u.id() + ":10.0.0.1:8000::::" + db.workspace);
    }

    @Test
    void a_target_exists_once_per_upstream_and_the_name_of_an_upstream_once() {
        Entity a = upstream("a");
        Entity b = upstream("b");
        writes.insert(a);
        writes.insert(b);
        writes.insert(target(a, "h:1"));
        writes.insert(target(b, "h:1"));
        assertThatThrownBy(() -> writes.insert(target(a, "h:1")))
                .isInstanceOfSatisfying(
                        UniqueViolation.class,
                        e -> assertThat(e.fields())
                                .containsEntry("upstream", Map.of("id", a.id().toString()))
                                .containsEntry("target", "h:1"));
        assertThatThrownBy(() -> writes.insert(upstream("a")))
                .isInstanceOfSatisfying(
                        UniqueViolation.class, e -> assertThat(e.fields()).containsEntry("name", "a"));
    }

    @Test
    void an_upstream_with_targets_cannot_be_deleted_and_a_target_needs_an_upstream() {
        Entity u = upstream("u");
        writes.insert(u);
        Entity t = target(u, "h");
        writes.insert(t);
        assertThatThrownBy(() -> writes.delete(Upstreams.SCHEMA, u.id())).isInstanceOf(ForeignKeyViolation.class);
        writes.delete(Targets.SCHEMA, t.id());
        writes.delete(Upstreams.SCHEMA, u.id());
        assertThat(store.find(Upstreams.SCHEMA, u.id())).isEmpty();
        assertThatThrownBy(() -> writes.insert(target(u, "h")))
                .isInstanceOfSatisfying(
                        ForeignKeyViolation.class, e -> assertThat(e.fields()).containsKey("upstream"));
    }

    @Test
    void snis_are_unique_keep_their_certificate_and_need_one() {
        Entity cert = certificate();
        writes.insert(cert);
        Entity sni = sni("*.example.com", cert);
        writes.insert(sni);
        assertThat(store.findBy(Snis.SCHEMA, "name", "*.example.com"))
                .map(Entity::id)
                .contains(sni.id());
        assertThatThrownBy(() -> writes.insert(sni("*.example.com", cert)))
                .isInstanceOfSatisfying(
                        UniqueViolation.class, e -> assertThat(e.fields()).containsEntry("name", "*.example.com"));
        assertThatThrownBy(() -> writes.delete(Certificates.SCHEMA, cert.id())).isInstanceOf(ForeignKeyViolation.class);
        writes.delete(Snis.SCHEMA, sni.id());
        writes.delete(Certificates.SCHEMA, cert.id());
        assertThatThrownBy(() -> writes.insert(sni("x.example.com", cert))).isInstanceOf(ForeignKeyViolation.class);
    }

    @Test
    void a_certificate_used_by_a_service_or_an_upstream_cannot_be_deleted() {
        Entity cert = certificate();
        writes.insert(cert);
        Entity service = entity(
                Services.SCHEMA,
                Map.of(
                        "name",
                        "s",
                        "host",
                        "h",
                        "protocol",
                        "https",
                        "client_certificate",
                        Map.of("id", cert.id().toString())));
        writes.insert(service);
        assertThat(store.referencing(Services.SCHEMA, "client_certificate", cert.id()))
                .hasSize(1);
        assertThatThrownBy(() -> writes.delete(Certificates.SCHEMA, cert.id()))
                .isInstanceOfSatisfying(
                        ForeignKeyViolation.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("an existing 'services' entity references this 'certificates' entity"));
        writes.delete(Services.SCHEMA, service.id());
        Entity u = entity(
                Upstreams.SCHEMA,
                Map.of("name", "u", "client_certificate", Map.of("id", cert.id().toString())));
        writes.insert(u);
        assertThatThrownBy(() -> writes.delete(Certificates.SCHEMA, cert.id()))
                .isInstanceOfSatisfying(
                        ForeignKeyViolation.class,
                        e -> assertThat(e.getMessage())
                                .isEqualTo("an existing 'upstreams' entity references this 'certificates' entity"));
    }

    @Test
    void ca_certificates_are_unique_by_digest() {
        Entity ca = entity(CaCertificates.SCHEMA, Map.of("cert", pem("ca.crt")));
        writes.insert(ca);
        assertThat(store.findBy(CaCertificates.SCHEMA, "cert_digest", (String) ca.get("cert_digest")))
                .map(Entity::id)
                .contains(ca.id());
        assertThatThrownBy(() -> writes.insert(entity(CaCertificates.SCHEMA, Map.of("cert", pem("ca.crt")))))
                .isInstanceOfSatisfying(
                        UniqueViolation.class,
                        e -> assertThat(e.fields()).containsEntry("cert_digest", ca.get("cert_digest")));
    }

    @Test
    void a_certificate_and_its_snis_are_one_transaction_with_one_event_per_row() {
        EntityAdministration admin = new EntityAdministration(
                store,
                db.eventLog,
                db.transactions,
                new LocalInvalidation(new RecordingPorts().cache, List.of()),
                UUID.randomUUID(),
                db.workspace,
                Clock.systemUTC(),
                new PasswordHasher(1000),
                JacksonTestCodec.CODEC);
        Entity cert = admin.create(
                Certificates.SCHEMA,
                Map.of("cert", pem("rsa.crt"), "key", pem("rsa.key"), "snis", List.of("a.test", "b.test")));
        assertThat(cert.get("snis")).isEqualTo(List.of("a.test", "b.test"));
        assertThat(db.readAfter(LogPosition.START, 10))
                .extracting(e -> ((EntityEvent) e.event()).entity().schema().name())
                .containsExactly("certificates", "snis", "snis");
        assertThat(db.dsl.fetchValue("SELECT entity->'snis' FROM certificates").toString())
                .isEqualTo("null");

        assertThatThrownBy(() -> admin.create(
                        Certificates.SCHEMA,
                        Map.of("cert", pem("ec.crt"), "key", pem("ec.key"), "snis", List.of("c.test", "a.test"))))
                .isInstanceOf(SchemaViolation.class);
        assertThat(store.all(Certificates.SCHEMA)).hasSize(1);
        assertThat(store.all(Snis.SCHEMA)).hasSize(2);
        assertThat(db.readAfter(LogPosition.START, 10)).hasSize(3);

        admin.delete(Certificates.SCHEMA, cert.id().toString());
        assertThat(store.all(Snis.SCHEMA)).isEmpty();
        assertThat(db.readAfter(LogPosition.START, 10)).hasSize(6);
    }
}
