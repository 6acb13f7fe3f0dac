package io.tollgate.application.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.in.TlsCertificates;
import io.tollgate.application.proxy.Entities;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.RandomWriteBatches;
import io.tollgate.domain.cache.ChangedEntity;
import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.certificate.Snis;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.testing.PemFixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Property-style test of {@link CertificatesHolder}'s patches: over random sequences (fixed seeds) of writes to
 * certificates (create, new key pair, delete with its SNIs) and SNIs (create, rename, re-point, delete), applied in
 * random batches, the patched snapshot indexes the same names to the same certificates as a full rebuild, and selects
 * alike for exact and wildcard server names.
 */
class CertificatePatchTest {

    private static final List<List<String>> PAIRS = List.of(
            List.of("rsa.crt", "rsa.key"),
            List.of("rsa.crt", "rsa-pkcs1.key"),
            List.of("ec.crt", "ec.key"),
            List.of("ec.crt", "ec-sec1.key"));
    private static final List<String> PROBES = List.of(
            "a0.example.com", "a1.example.com", "a2.example.com", "x.example.org", "example.net", "b.example.net");

    private final InMemoryEntityStore store = new InMemoryEntityStore();
    private final List<Entity> certificates = new ArrayList<>();
    private final List<Entity> snis = new ArrayList<>();

    @Test
    void aPatchedSnapshotEqualsAFullRebuildOverRandomWrites() {
        for (long seed = 1; seed <= 5; seed++) {
            runSeed(seed);
        }
    }

    @Test
    void aCertificateWriteReindexesItsSnisOnly() {
        Entity first = certificate(UUID.randomUUID(), PAIRS.get(0));
        Entity second = certificate(UUID.randomUUID(), PAIRS.get(2));
        sni(UUID.randomUUID(), "a.example.com", first);
        sni(UUID.randomUUID(), "b.example.com", second);
        CertificatesHolder holder = new CertificatesHolder(store);
        holder.rebuild();
        var untouched = holder.current().select("b.example.com");

        Entity renewed = certificate(first.id(), PAIRS.get(1));
        holder.apply(Set.of(changed(renewed)));

        assertThat(holder.patchCount()).isEqualTo(1);
        assertThat(holder.current().select("a.example.com").keyPem()).isEqualTo(renewed.string("key"));
        assertThat(holder.current().select("b.example.com")).isSameAs(untouched);
    }

    @Test
    void theConsistencyCheckReplacesAPatchedSnapshotThatMissedAChange() {
        Entity certificate = certificate(UUID.randomUUID(), PAIRS.get(0));
        CertificatesHolder holder = new CertificatesHolder(store);
        holder.rebuild();
        Entity announced = sni(UUID.randomUUID(), "a.example.com", certificate);
        holder.apply(Set.of(changed(announced)));
        sni(UUID.randomUUID(), "missed.example.com", certificate); // committed, its change never reaches the holder
        assertThat(holder.current().select("missed.example.com")).isNull();

        holder.verify();

        assertThat(holder.current().select("missed.example.com")).isNotNull();
        assertThat(holder.current().select("a.example.com")).isNotNull();
    }

    private void runSeed(long seed) {
        certificates.clear();
        snis.clear();
        store.restore(Map.of());
        Random random = new Random(seed);
        CertificatesHolder holder = new CertificatesHolder(store);
        holder.rebuild();
        RandomWriteBatches.run(seed, random, 150, 3, this::write, (batch, as) -> {
            holder.apply(batch);
            TlsCertificates patched = holder.current();
            CertificatesHolder fresh = new CertificatesHolder(store);
            fresh.rebuild();
            TlsCertificates full = fresh.current();
            assertThat(patched.byName()).as(as).isEqualTo(full.byName());
            for (String probe : PROBES) {
                assertThat(patched.select(probe)).as(as + " " + probe).isEqualTo(full.select(probe));
            }
        });
        assertThat(holder.patchCount()).isGreaterThan(100);
    }

    /** One random write; returns the entities it changed. */
    private List<ChangedEntity> write(Random random) {
        int op = random.nextInt(10);
        if (op == 0 || certificates.isEmpty()) {
            return List.of(changed(certificate(UUID.randomUUID(), PAIRS.get(random.nextInt(PAIRS.size())))));
        }
        Entity certificate = certificates.get(random.nextInt(certificates.size()));
        if (op == 1) { // a new key pair
            return List.of(changed(certificate(certificate.id(), PAIRS.get(random.nextInt(PAIRS.size())))));
        }
        if (op == 2) { // delete with its SNIs; the cascade names each SNI, or (sometimes) only the certificate
            boolean nameTheSnis = random.nextBoolean();
            certificates.remove(certificate);
            List<ChangedEntity> changes = new ArrayList<>();
            for (Entity sni : List.copyOf(snis)) {
                if (sni.foreignId("certificate").equals(Optional.of(certificate.id()))) {
                    snis.remove(sni);
                    store.project(new EntityDeleted(sni));
                    if (nameTheSnis) {
                        changes.add(changed(sni));
                    }
                }
            }
            store.project(new EntityDeleted(certificate));
            changes.add(changed(certificate));
            return changes;
        }
        if (op <= 4 && !snis.isEmpty()) {
            Entity gone = snis.remove(random.nextInt(snis.size()));
            store.project(new EntityDeleted(gone));
            return List.of(changed(gone));
        }
        String name = switch (random.nextInt(4)) {
            case 0 -> "*.example.org";
            case 1 -> "example.*";
            default -> "a" + random.nextInt(4) + ".example.com";
        };
        Optional<Entity> taken =
                snis.stream().filter(s -> s.string("name").equals(name)).findFirst();
        if (op <= 6 && !snis.isEmpty()) { // rename and re-point an SNI
            Entity old = snis.get(random.nextInt(snis.size()));
            if (taken.isPresent() && taken.get() != old) {
                return List.of();
            }
            snis.remove(old);
            return List.of(changed(sni(old.id(), name, certificate)));
        }
        return taken.isPresent() ? List.of() : List.of(changed(sni(UUID.randomUUID(), name, certificate)));
    }

    private Entity certificate(UUID id, List<String> pair) {
        Entity certificate = Entities.of(
                Certificates.SCHEMA,
                Map.of("id", id.toString(), "cert", PemFixtures.pem(pair.get(0)), "key", PemFixtures.pem(pair.get(1))));
        certificates.removeIf(c -> c.id().equals(id));
        certificates.add(certificate);
        store.insert(certificate);
        return certificate;
    }

    private Entity sni(UUID id, String name, Entity certificate) {
        Entity sni = Entities.of(
                Snis.SCHEMA,
                Map.of(
                        "id",
                        id.toString(),
                        "name",
                        name,
                        "certificate",
                        Map.of("id", certificate.id().toString())));
        snis.add(sni);
        store.insert(sni);
        return sni;
    }

    private static ChangedEntity changed(Entity entity) {
        return new ChangedEntity(entity.schema().kind(), entity.id());
    }
}
