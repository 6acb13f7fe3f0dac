package io.tollgate.application.proxy.tls;

import io.tollgate.application.invalidation.VersionedStructure;
import io.tollgate.application.port.in.ServerCertificate;
import io.tollgate.application.port.in.ServerCertificates;
import io.tollgate.application.port.in.TlsCertificates;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.certificate.Snis;
import io.tollgate.domain.entity.Entity;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This node's {@link TlsCertificates} snapshot, behind {@code certificates:version}: {@link #rebuild()} reads every
 * certificate and SNI and swaps the new snapshot in; the TLS listeners read {@link #current()} without locking.
 */
public final class CertificatesHolder implements VersionedStructure, ServerCertificates {

    private static final System.Logger LOG = System.getLogger(CertificatesHolder.class.getName());

    private final EntityStore store;
    private final AtomicReference<TlsCertificates> current = new AtomicReference<>(TlsCertificates.EMPTY);
    private final ReentrantLock rebuilding = new ReentrantLock();

    public CertificatesHolder(EntityStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public TlsCertificates current() {
        return current.get();
    }

    @Override
    public VersionKey versionKey() {
        return VersionKey.CERTIFICATES;
    }

    /**
     * Reads every certificate and SNI (blocking; never on an I/O thread) and swaps the snapshot in. Calls are
     * serialised.
     *
     * @throws RuntimeException when the database cannot be read; the current snapshot stays in use and
     *         {@code LocalInvalidation} retries later
     */
    @Override
    public void rebuild() {
        rebuilding.lock();
        try {
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
            current.set(new TlsCertificates(byName));
            LOG.log(
                    Level.DEBUG,
                    "TLS certificates rebuilt: {0} SNIs over {1} certificates",
                    byName.size(),
                    certificates.size());
        } finally {
            rebuilding.unlock();
        }
    }
}
