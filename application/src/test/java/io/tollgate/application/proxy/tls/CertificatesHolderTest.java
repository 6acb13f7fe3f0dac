package io.tollgate.application.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.port.in.TlsCertificates;
import io.tollgate.application.proxy.Entities;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.InMemoryNodeCache;
import io.tollgate.application.testing.VersionBumps;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.certificate.Snis;
import io.tollgate.domain.entity.Entity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CertificatesHolderTest {

    private final InMemoryEntityStore store = new InMemoryEntityStore();
    private final CertificatesHolder holder = new CertificatesHolder(store);
    private final LocalInvalidation invalidation = new LocalInvalidation(new InMemoryNodeCache(), List.of(holder));

    private void sni(String name, Entity certificate) {
        store.add(Entities.of(
                Snis.SCHEMA,
                Map.of(
                        "name",
                        name,
                        "certificate",
                        Map.of("id", certificate.id().toString()))));
    }

    @Test
    void a_failed_rebuild_keeps_the_previous_certificates_and_the_next_poll_retries_it() {
        Entity certificate = Entities.of(
                Certificates.SCHEMA,
                Map.of(
                        "cert",
                        io.tollgate.domain.testing.PemFixtures.pem("rsa.crt"),
                        "key",
                        io.tollgate.domain.testing.PemFixtures.pem("rsa.key")));
        store.add(certificate);
        sni("a.example.com", certificate);
        VersionBumps.apply(invalidation, VersionKey.CERTIFICATES);
        TlsCertificates before = holder.current();
        assertThat(before.select("a.example.com")).isNotNull();

        sni("b.example.com", certificate);
        store.failingReads.set(1);
        VersionBumps.apply(invalidation, VersionKey.CERTIFICATES);
        assertThat(holder.current()).isSameAs(before);
        assertThat(holder.current().select("b.example.com")).isNull();

        invalidation.retryPending();
        assertThat(holder.current().select("b.example.com"))
                .isNotNull()
                .satisfies(c -> assertThat(c.id()).isEqualTo(certificate.id()));
        assertThat(holder.current().select("a.example.com")).isNotNull();
    }
}
