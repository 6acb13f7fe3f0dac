package io.tollgate.application.proxy.tls;

import static io.tollgate.domain.testing.PemFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.port.in.UpstreamTls;
import io.tollgate.application.port.out.SecretVault;
import io.tollgate.application.proxy.Entities;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.InMemoryNodeCache;
import io.tollgate.application.vault.VaultSecrets;
import io.tollgate.domain.certificate.CaCertificates;
import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.certificate.Snis;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.service.Service;
import io.tollgate.domain.shared.WorkspaceId;
import io.tollgate.domain.vault.Vaults;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** {@link UpstreamTlsResolver} and {@link CertificatesHolder} over in-memory ports. */
class UpstreamTlsTest {

    private final InMemoryEntityStore store = new InMemoryEntityStore();
    private final InMemoryNodeCache cache = new InMemoryNodeCache();
    private final WorkspaceId ws = new WorkspaceId(UUID.randomUUID());
    private final UpstreamTlsResolver resolver = new UpstreamTlsResolver(store, cache, ws);

    private Entity certificate() {
        Entity cert = Entities.of(Certificates.SCHEMA, Map.of("cert", pem("rsa.crt"), "key", pem("rsa.key")));
        store.add(cert);
        return cert;
    }

    @Test
    void plain_https_services_get_the_default_settings_without_lookups() {
        Service service = Service.of(Entities.service("https://up.test", Map.of()));
        assertThat(resolver.resolve(service).join()).isSameAs(UpstreamTls.DEFAULT);
        assertThat(store.reads).hasValue(0);
    }

    @Test
    void ca_and_client_certificates_resolve_to_pem_through_the_cache() {
        Entity ca = Entities.of(CaCertificates.SCHEMA, Map.of("cert", pem("ca.crt")));
        store.add(ca);
        Entity client = certificate();
        Service service = Service.of(Entities.service(
                "https://up.test",
                Map.of(
                        "tls_verify",
                        true,
                        "tls_verify_depth",
                        2,
                        "ca_certificates",
                        List.of(ca.id().toString()),
                        "client_certificate",
                        Map.of("id", client.id().toString()))));

        UpstreamTls tls = resolver.resolve(service).join();
        int reads = store.reads.get();
        UpstreamTls again = resolver.resolve(service).join();

        assertThat(tls.verify()).isTrue();
        assertThat(tls.verifyDepth()).isEqualTo(2);
        assertThat(tls.caCertificatesPem()).containsExactly(pem("ca.crt"));
        assertThat(tls.clientCertificatePem()).isEqualTo(pem("rsa.crt"));
        assertThat(tls.clientKeyPem()).isEqualTo(pem("rsa.key"));
        assertThat(again.poolKey()).isEqualTo(tls.poolKey()).isNotEqualTo(UpstreamTls.DEFAULT.poolKey());
        assertThat(store.reads.get())
                .as("second resolution is served by the cache")
                .isEqualTo(reads);
    }

    @Test
    void a_client_certificate_given_by_vault_references_resolves_once_per_version_and_fails_when_missing() {
        Map<String, String> env =
                new ConcurrentHashMap<>(Map.of("CLIENT_CERT", pem("rsa.crt"), "CLIENT_KEY", pem("rsa.key")));
        AtomicInteger reads = new AtomicInteger();
        SecretVault vault = new SecretVault() {
            @Override
            public String name() {
                return "env";
            }

            @Override
            public Optional<String> secret(String resource, Map<String, @Nullable Object> config, Integer v) {
                reads.incrementAndGet();
                return Optional.ofNullable(env.get(Vaults.envVariable(null, resource, v)));
            }
        };
        UpstreamTlsResolver resolving = new UpstreamTlsResolver(
                store, cache, ws, new VaultSecrets(store, List.of(vault), t -> null, System::nanoTime));
        Entity client = Entities.of(
                Certificates.SCHEMA, Map.of("cert", "{vault://env/client-cert}", "key", "{vault://env/client-key}"));
        store.add(client);
        Service service = Service.of(Entities.service(
                "https://up.test",
                Map.of("client_certificate", Map.of("id", client.id().toString()))));

        UpstreamTls tls = resolving.resolve(service).join();
        assertThat(tls.clientCertificatePem()).isEqualTo(pem("rsa.crt"));
        assertThat(tls.clientKeyPem()).isEqualTo(pem("rsa.key"));
        resolving.resolve(service).join();
        assertThat(reads.get())
                .as("resolved once for this version of the certificate")
                .isEqualTo(2);

        Entity missing = Entities.of(
                Certificates.SCHEMA, Map.of("cert", "{vault://env/client-cert}", "key", "{vault://env/absent}"));
        store.add(missing);
        Service broken = Service.of(Entities.service(
                "https://up.test",
                Map.of("client_certificate", Map.of("id", missing.id().toString()))));
        assertThatThrownBy(() -> resolving.resolve(broken).join())
                .isInstanceOf(CompletionException.class)
                .hasRootCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void verify_flag_changes_the_pool_key_and_a_missing_reference_fails() {
        Service verifying = Service.of(Entities.service("https://up.test", Map.of("tls_verify", true)));
        Service lax = Service.of(Entities.service("https://up.test", Map.of("tls_verify", false)));
        assertThat(resolver.resolve(verifying).join().poolKey())
                .isNotEqualTo(resolver.resolve(lax).join().poolKey());

        Service dangling = Service.of(Entities.service(
                "https://up.test",
                Map.of("client_certificate", Map.of("id", UUID.randomUUID().toString()))));
        assertThatThrownBy(() -> resolver.resolve(dangling).join())
                .isInstanceOf(CompletionException.class)
                .hasRootCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_holder_maps_every_sni_to_its_certificate() {
        Entity cert = certificate();
        store.add(Entities.of(
                Snis.SCHEMA,
                Map.of(
                        "name",
                        "*.Example.com",
                        "certificate",
                        Map.of("id", cert.id().toString()))));
        CertificatesHolder holder = new CertificatesHolder(store);
        assertThat(holder.current().byName()).isEmpty();

        holder.rebuild();

        assertThat(holder.current().select("api.example.com"))
                .isNotNull()
                .satisfies(c -> assertThat(c.id()).isEqualTo(cert.id()))
                .satisfies(c -> assertThat(c.certPem()).isEqualTo(pem("rsa.crt")));
        assertThat(holder.current().select("example.com")).isNull();
    }
}
