package io.tollgate.application.proxy.tls;

import io.tollgate.application.invalidation.SnapshotHolder;
import io.tollgate.application.port.in.ServerCertificate;
import io.tollgate.application.port.in.ServerCertificates;
import io.tollgate.application.port.in.TlsCertificates;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.vault.SecretRotation;
import io.tollgate.application.vault.SecretUse;
import io.tollgate.application.vault.VaultSecrets;
import io.tollgate.domain.cache.ChangedEntity;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.certificate.Snis;
import io.tollgate.domain.entity.Entity;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * This node's {@link TlsCertificates} snapshot, behind {@code certificates:version}: starts
 * {@link TlsCertificates#EMPTY}; a full rebuild reads every certificate and SNI and indexes the certificates by
 * lower-cased SNI name (an SNI whose certificate is missing is skipped); a write's change re-reads only the changed
 * SNIs and certificates (with the SNIs of a changed certificate, and the certificate of a changed SNI) and patches the
 * current snapshot ({@link #patch}). The TLS listeners read {@link #current()} without locking. Rebuilds, patches,
 * coalescing and failures follow {@link SnapshotHolder}'s policy.
 *
 * <p>Vault references ({@code {vault://env/CERT}}) in {@code cert}, {@code key}, {@code cert_alt} and
 * {@code key_alt} are resolved here ({@link VaultSecrets}), so the snapshot holds PEM text and the handshake reads
 * no vault. As in Kong, a reference that does not resolve is a warning naming the reference and the field is unset:
 * a certificate without its {@code cert} or {@code key} is left out of the index (its SNIs get the default
 * certificate), one without {@code cert_alt} or {@code key_alt} serves its first pair only. The earliest refresh
 * time of the references read (the vaults' {@code ttl}/{@code neg_ttl}) is kept, and {@link #rotateIfDue()} rebuilds
 * the snapshot once it has passed (rotation).
 */
public final class CertificatesHolder extends SnapshotHolder<TlsCertificates>
        implements ServerCertificates, SecretRotation.Rotating {

    private final EntityStore store;
    private final SecretUse secrets;
    /**
     * The SNI rows the last built snapshot was made from, by SNI id (a renamed or deleted SNI's old name is no longer
     * in the database); used by {@link #patch} only while that snapshot is the one in use. Written by {@link #compile}
     * and {@link #patch}, which run under the rebuild lock.
     */
    private @Nullable SniRows rows;

    /** A holder that resolves no vault reference (a certificate with one is left out). */
    public CertificatesHolder(EntityStore store) {
        this(store, VaultSecrets.none(store), System::nanoTime);
    }

    /**
     * @param store reads certificates and SNIs
     * @param secrets resolves vault references in the PEM fields
     * @param nanoClock {@link System#nanoTime()} or a test clock, compared with the references' refresh times
     */
    public CertificatesHolder(EntityStore store, VaultSecrets secrets, LongSupplier nanoClock) {
        super(VersionKey.CERTIFICATES, TlsCertificates.EMPTY);
        this.store = Objects.requireNonNull(store, "store");
        this.secrets = new SecretUse(secrets, nanoClock);
    }

    /**
     * Rebuilds the snapshot when a vault reference it was built from is due for resolving again (Kong's vault
     * {@code ttl}, or {@code neg_ttl} after a failure); does nothing otherwise. Called periodically by the node, off
     * the request path.
     *
     * @return whether it rebuilt
     */
    @Override
    public boolean rotateIfDue() {
        return secrets.rebuildIfDue(this::rebuild);
    }

    @Override
    protected TlsCertificates compile(TlsCertificates previous) {
        secrets.reset();
        Map<UUID, ServerCertificate> certificates = new HashMap<>();
        for (Entity entity : store.all(Certificates.SCHEMA)) {
            certificate(entity).ifPresent(c -> certificates.put(entity.id(), c));
        }
        Map<String, ServerCertificate> byName = new HashMap<>();
        Map<UUID, Sni> snis = new HashMap<>();
        for (Entity entity : store.all(Snis.SCHEMA)) {
            Sni sni = Sni.of(entity);
            snis.put(entity.id(), sni);
            ServerCertificate certificate = sni.certificate() == null ? null : certificates.get(sni.certificate());
            if (certificate != null) {
                byName.put(sni.name(), certificate);
            }
        }
        TlsCertificates built = new TlsCertificates(byName);
        rows = new SniRows(built, HashTreePMap.from(snis));
        return built;
    }

    /**
     * Re-reads the changed SNIs (by id) and certificates (by id, with their SNIs by foreign key), and the certificate
     * of every SNI it re-indexes, then replaces those names' entries. {@code null} (a full rebuild) for another kind,
     * or when the snapshot in use is not the one the SNI rows were recorded for.
     */
    @Override
    protected @Nullable TlsCertificates patch(TlsCertificates current, Set<ChangedEntity> changes) {
        SniRows known = rows;
        if (known == null || known.snapshot() != current) {
            return null;
        }
        Map<UUID, Optional<ServerCertificate>> certificates = new HashMap<>();
        Map<UUID, Optional<Sni>> snis = new HashMap<>();
        for (ChangedEntity change : changes) {
            switch (change.kind()) {
                case SNIS ->
                    snis.put(change.id(), store.find(Snis.SCHEMA, change.id()).map(Sni::of));
                case CERTIFICATES -> {
                    certificates.put(change.id(), readCertificate(change.id()));
                    known.snis().forEach((id, sni) -> {
                        if (change.id().equals(sni.certificate()) && !snis.containsKey(id)) {
                            snis.put(id, Optional.of(sni)); // re-pointed or deleted SNIs are changes of their own
                        }
                    });
                    for (Entity entity : store.referencing(Snis.SCHEMA, "certificate", change.id())) {
                        snis.put(entity.id(), Optional.of(Sni.of(entity)));
                    }
                }
                default -> {
                    return null;
                }
            }
        }
        Map<String, ServerCertificate> byName = new HashMap<>(current.byName());
        PMap<UUID, Sni> next = known.snis();
        for (UUID id : snis.keySet()) { // every old name goes first: a batch may pass a name between SNIs
            Sni old = known.snis().get(id);
            if (old != null) {
                byName.remove(old.name());
                next = next.minus(id);
            }
        }
        for (Map.Entry<UUID, Optional<Sni>> entry : snis.entrySet()) {
            if (entry.getValue().isPresent()) {
                Sni sni = entry.getValue().get();
                next = next.plus(entry.getKey(), sni);
                UUID certificate = sni.certificate();
                if (certificate != null) {
                    certificates
                            .computeIfAbsent(certificate, this::readCertificate)
                            .ifPresent(c -> byName.put(sni.name(), c));
                }
            }
        }
        TlsCertificates patched = new TlsCertificates(byName);
        rows = new SniRows(patched, next);
        return patched;
    }

    /**
     * The certificates of the SNI names indexed differently (in one snapshot only, or to another certificate), as
     * changed certificates, for the consistency check.
     */
    @Override
    protected Set<ChangedEntity> differences(TlsCertificates patched, TlsCertificates rebuilt) {
        Set<ChangedEntity> differ = new LinkedHashSet<>();
        patched.byName().forEach((name, certificate) -> {
            if (!certificate.equals(rebuilt.byName().get(name))) {
                differ.add(new ChangedEntity(EntityKind.CERTIFICATES, certificate.id()));
            }
        });
        rebuilt.byName().forEach((name, certificate) -> {
            if (!patched.byName().containsKey(name)) {
                differ.add(new ChangedEntity(EntityKind.CERTIFICATES, certificate.id()));
            }
        });
        return differ;
    }

    private Optional<ServerCertificate> readCertificate(UUID id) {
        return store.find(Certificates.SCHEMA, id).flatMap(this::certificate);
    }

    /** The certificate with its references resolved; empty when {@code cert} or {@code key} does not resolve. */
    private Optional<ServerCertificate> certificate(Entity entity) {
        String cert = resolved(entity, "cert");
        String key = resolved(entity, "key");
        if (cert == null || key == null) {
            return Optional.empty();
        }
        String certAlt = resolved(entity, "cert_alt");
        String keyAlt = resolved(entity, "key_alt");
        boolean alt = certAlt != null && keyAlt != null;
        return Optional.of(new ServerCertificate(entity.id(), cert, key, alt ? certAlt : null, alt ? keyAlt : null));
    }

    private @Nullable String resolved(Entity entity, String field) {
        String value = entity.stringOrNull(field);
        if (value == null) {
            return null;
        }
        return secrets.resolve("certificate " + entity.id() + " field " + field, value);
    }

    /** An SNI row as indexed: its lower-cased name and its certificate's id ({@code null} if it names none). */
    private record Sni(String name, @Nullable UUID certificate) {
        static Sni of(Entity entity) {
            return new Sni(
                    entity.string("name").toLowerCase(Locale.ROOT),
                    entity.foreignId("certificate").orElse(null));
        }
    }

    /** The SNI rows {@code snapshot} was built from. */
    private record SniRows(TlsCertificates snapshot, PMap<UUID, Sni> snis) {}
}
