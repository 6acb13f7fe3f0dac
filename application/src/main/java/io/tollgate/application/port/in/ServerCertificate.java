package io.tollgate.application.port.in;

import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One server certificate the TLS listeners may present (Kong's {@code certificates} entity), as PEM text: the adapter
 * turns it into key material.
 *
 * @param id the {@code certificates} id
 * @param certPem {@code cert}: the certificate chain, leaf first
 * @param keyPem {@code key}: the leaf's private key
 * @param certAltPem {@code cert_alt}: a second chain with another key type (RSA and ECDSA), or {@code null}
 * @param keyAltPem {@code key_alt}, or {@code null}
 */
public record ServerCertificate(
        UUID id,
        String certPem,
        String keyPem,
        @Nullable String certAltPem,
        @Nullable String keyAltPem) {

    public ServerCertificate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(certPem, "certPem");
        Objects.requireNonNull(keyPem, "keyPem");
    }
}
