package io.tollgate.application.admin;

import static io.tollgate.domain.testing.PemFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.Transactions;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.InMemoryNodeCache;
import io.tollgate.application.testing.RecordingPorts;
import io.tollgate.domain.certificate.CaCertificates;
import io.tollgate.domain.credential.PasswordHasher;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.shared.InvalidRequest;
import io.tollgate.domain.shared.WorkspaceId;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Kong's {@code ca_certificates} DAO: a CA certificate that a service trusts cannot be deleted (code 19). */
class CaCertificateDeleteTest {

    private final RecordingPorts ports = new RecordingPorts();
    private final InMemoryEntityStore store = ports.store;
    private final EventLog log = ports.log;
    private final Transactions transactions = ports.transactions;
    private final List<EntityEvent> appended = ports.appended;

    private final EntityAdministration admin = new EntityAdministration(
            store,
            log,
            transactions,
            new LocalInvalidation(new InMemoryNodeCache(), List.of()),
            UUID.randomUUID(),
            new WorkspaceId(UUID.randomUUID()),
            Clock.systemUTC(),
            new PasswordHasher(1000),
            io.tollgate.application.plugin.bundled.JacksonTestCodec.CODEC);

    @Test
    void a_ca_certificate_a_service_trusts_is_refused_until_the_service_lets_go() throws Exception {
        Entity ca = admin.create(CaCertificates.SCHEMA, Map.of("cert", pem("ca.crt")));
        Entity service = admin.create(
                Services.SCHEMA,
                Map.of(
                        "url",
                        "https://upstream.test",
                        "ca_certificates",
                        List.of(ca.id().toString().toUpperCase())));
        int events = appended.size();

        assertThatThrownBy(() -> admin.delete(CaCertificates.SCHEMA, ca.id().toString()))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> {
                    assertThat(e.code()).isEqualTo(19);
                    assertThat(e.codeName()).isEqualTo("referenced by others");
                    assertThat(e.getMessage())
                            .isEqualTo("ca certificate " + ca.id() + " is still referenced by services (id = "
                                    + service.id() + ")");
                    assertThat(e.fields()).isEmpty();
                });
        assertThat(store.rows(CaCertificates.SCHEMA)).hasSize(1);
        assertThat(appended).hasSize(events);

        Map<String, Object> untrust = new HashMap<>();
        untrust.put("ca_certificates", null);
        admin.update(Services.SCHEMA, service.id().toString(), untrust);
        assertThat(admin.delete(CaCertificates.SCHEMA, ca.id().toString())).isTrue();
        assertThat(store.rows(CaCertificates.SCHEMA)).isEmpty();
    }
}
