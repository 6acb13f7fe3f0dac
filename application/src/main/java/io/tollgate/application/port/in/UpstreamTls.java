package io.tollgate.application.port.in;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How to speak TLS to an {@code https} service (Kong's service fields {@code tls_verify}, {@code tls_verify_depth},
 * {@code ca_certificates}, {@code client_certificate}), already resolved to PEM text so the adapter needs no lookup.
 *
 * @param verify whether to verify the upstream's certificate chain and host name ({@code tls_verify}; Kong's
 *        default when unset is the node's {@code nginx_proxy_proxy_ssl_verify}, off)
 * @param verifyDepth the maximum chain depth ({@code tls_verify_depth}), or {@code null} for the default
 * @param caCertificatesPem the trusted CA certificates ({@code ca_certificates} resolved), PEM; empty means the
 *        JDK's default trust store
 * @param clientCertificatePem the client certificate chain for mTLS ({@code client_certificate} resolved), PEM, or
 *        {@code null}
 * @param clientKeyPem the client certificate's private key, PEM, or {@code null}
 * @param poolKey identifies these settings in the upstream keep-alive pool key (Kong:
 *        {@code ip|port|sni|tls_verify|depth|cas|client_cert}); equal settings give equal keys
 */
public record UpstreamTls(
        boolean verify,
        @Nullable Integer verifyDepth,
        List<String> caCertificatesPem,
        @Nullable String clientCertificatePem,
        @Nullable String clientKeyPem,
        String poolKey) {

    /** No verification, default trust, no client certificate (Kong's default for {@code https} services). */
    public static final UpstreamTls DEFAULT = new UpstreamTls(false, null, List.of(), null, null, "default");

    public UpstreamTls {
        caCertificatesPem = List.copyOf(caCertificatesPem);
        Objects.requireNonNull(poolKey, "poolKey");
    }
}
