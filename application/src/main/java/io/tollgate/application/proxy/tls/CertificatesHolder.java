package io.tollgate.application.proxy.tls;

import io.tollgate.application.invalidation.SnapshotHolder;
import io.tollgate.application.port.in.ServerCertificate;
import io.tollgate.application.port.in.ServerCertificates;
import io.tollgate.application.port.in.TlsCertificates;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.certificate.Snis;
import io.tollgate.domain.entity.Entity;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * This node's {@link TlsCertificates} snapshot, behind {@code certificates:version}: starts
 * {@link TlsCertificates#EMPTY}; each rebuild reads every certificate and SNI and indexes the certificates by
 * lower-cased SNI name (an SNI whose certificate is missing is skipped). The TLS listeners read {@link #current()}
 * without locking. Rebuilds, coalescing and failures follow {@link SnapshotHolder}'s policy.
 */
public final class CertificatesHolder extends SnapshotHolder<TlsCertificates> implements ServerCertificates {

    private final EntityStore store;

    public CertificatesHolder(EntityStore store) {
        super(VersionKey.CERTIFICATES, TlsCertificates.EMPTY);
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    protected TlsCertificates compile(TlsCertificates previous) {
        Map<UUID, ServerCertificate> certificates = new HashMap<>();
        for (Entity entity : store.all(Certificates.SCHEMA)) {
            certificates.put(
                    entity.id(),
                    new ServerCertificate(
                            entity.id(),
                            entity.string("cert"),
                            entity.string("key"),
                            entity.stringOrNull("cert_alt"),
                            entity.stringOrNull("key_alt")));
        }
        Map<String, ServerCertificate> byName = new HashMap<>();
        for (Entity sni : store.all(Snis.SCHEMA)) {
            ServerCertificate certificate =
                    sni.foreignId("certificate").map(certificates::get).orElse(null);
            if (certificate != null) {
                byName.put(sni.string("name").toLowerCase(Locale.ROOT), certificate);
            }
        }
        return new TlsCertificates(byName);
    }
}
