package io.tollgate.application.proxy.tls;

import static io.tollgate.domain.testing.PemFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.proxy.Entities;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.vault.EnvVault;
import io.tollgate.application.vault.VaultSecrets;
import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.certificate.Snis;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.vault.Vaults;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Certificates whose PEM fields are vault references: resolved into the snapshot, left out when not, rotated. */
class CertificateVaultReferencesTest {

    private final InMemoryEntityStore store = new InMemoryEntityStore();
    private final AtomicLong now = new AtomicLong();
    private final Map<String, String> vars = new ConcurrentHashMap<>();
    private final EnvVault env = new EnvVault(vars::get);
    private final CertificatesHolder holder =
            new CertificatesHolder(store, new VaultSecrets(store, List.of(env), text -> null, now::get), now::get);

    private Entity certificate(String cert, String key) {
        Entity certificate = Entities.of(Certificates.SCHEMA, Map.of("cert", cert, "key", key));
        store.add(certificate);
        store.add(Entities.of(
                Snis.SCHEMA,
                Map.of(
                        "name",
                        "vault.test",
                        "certificate",
                        Map.of("id", certificate.id().toString()))));
        return certificate;
    }

    @Test
    void references_are_resolved_into_the_snapshot_and_the_entity_keeps_them() {
        vars.put("CERT", pem("rsa.crt"));
        vars.put("KEY", pem("rsa.key"));
        Entity certificate = certificate("{vault://env/cert}", "{vault://env/key}");
        holder.rebuild();
        assertThat(holder.current().select("vault.test")).satisfies(c -> {
            assertThat(c.id()).isEqualTo(certificate.id());
            assertThat(c.certPem()).isEqualTo(pem("rsa.crt"));
            assertThat(c.keyPem()).isEqualTo(pem("rsa.key"));
        });
        assertThat(store.find(Certificates.SCHEMA, certificate.id())
                        .orElseThrow()
                        .string("key"))
                .isEqualTo("{vault://env/key}");
        assertThat(holder.rotateIfDue()).isFalse(); // env without ttl: never rotated
    }

    @Test
    void a_certificate_whose_key_does_not_resolve_is_left_out_and_its_sni_gets_the_default() {
        vars.put("CERT", pem("rsa.crt"));
        certificate("{vault://env/cert}", "{vault://env/missing-key}");
        holder.rebuild();
        assertThat(holder.current().select("vault.test")).isNull();
    }

    @Test
    void a_vault_ttl_rotates_the_secret_after_it_passes() {
        store.add(Entities.of(
                Vaults.SCHEMA,
                Map.of(
                        "prefix",
                        "rotating",
                        "name",
                        "env",
                        "config",
                        Map.of("ttl", 60, "neg_ttl", 1, "resurrect_ttl", 30))));
        vars.put("CERT", pem("rsa.crt"));
        vars.put("KEY", pem("rsa.key"));
        certificate("{vault://rotating/cert}", "{vault://rotating/key}");
        holder.rebuild();
        assertThat(holder.current().select("vault.test").certPem()).isEqualTo(pem("rsa.crt"));

        vars.put("CERT", pem("ec.crt"));
        vars.put("KEY", pem("ec.key"));
        now.addAndGet(59_000_000_000L);
        assertThat(holder.rotateIfDue()).isFalse();
        assertThat(holder.current().select("vault.test").certPem()).isEqualTo(pem("rsa.crt"));
        now.addAndGet(1_000_000_000L);
        assertThat(holder.rotateIfDue()).isTrue();
        assertThat(holder.current().select("vault.test").certPem()).isEqualTo(pem("ec.crt"));

        // a failed refresh keeps the key read before (at 60 s) until ttl + resurrect_ttl after that read, as Kong's,
        // and is retried after neg_ttl
        vars.remove("KEY");
        now.addAndGet(60_000_000_000L); // 120 s
        assertThat(holder.rotateIfDue()).isTrue();
        assertThat(holder.current().select("vault.test").certPem()).isEqualTo(pem("ec.crt"));
        now.addAndGet(31_000_000_000L); // 151 s: past 60 + 60 + 30
        assertThat(holder.rotateIfDue()).isTrue();
        assertThat(holder.current().select("vault.test")).isNull();
        vars.put("KEY", pem("ec.key"));
        now.addAndGet(1_000_000_000L);
        assertThat(holder.rotateIfDue()).isTrue();
        assertThat(holder.current().select("vault.test")).isNotNull();
    }
}
