package io.tollgate.adapter.http.proxy;

import io.tollgate.adapter.http.tls.TrustAnyCertificate;
import io.tollgate.application.port.in.UpstreamTls;
import io.tollgate.domain.certificate.Pem;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathChecker;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.xnio.OptionMap;
import org.xnio.Xnio;

/**
 * The TLS client side of {@code https} services (Kong's {@code proxy_ssl_*} per service): one Undertow SSL helper per
 * {@link UpstreamTls#poolKey()}, built once and cached. With {@code tls_verify} the upstream's chain is checked
 * against {@code ca_certificates} (when none, {@code lua_ssl_trusted_certificate}'s file, else the JDK's trust
 * store), at most {@code tls_verify_depth} intermediates deep, and its name against the SNI name sent (RFC 2818, as
 * HTTPS clients do); without it anything is accepted, as Kong does by default. {@code client_certificate} is presented when the upstream asks for one (mTLS). Every
 * connection sends the upstream host as SNI, unless its pool names another ({@link PeerPools}: the client's host with
 * {@code preserve_host}); the name is checked against the SNI sent.
 */
final class UpstreamSslContexts {

    /** Distinct settings kept before the cache is cleared (settings only change by Admin API writes). */
    private static final int MAX_CONTEXTS = 1024;

    private static final Map<String, UndertowXnioSsl> CACHE = new ConcurrentHashMap<>();

    private UpstreamSslContexts() {}

    /**
     * The SSL helper for {@code tls}, cached by pool key.
     *
     * @throws IllegalArgumentException when a PEM does not parse (the service's connections then fail, as a 502)
     */
    static UndertowXnioSsl forTls(UpstreamTls tls) {
        UndertowXnioSsl ssl = CACHE.get(tls.poolKey());
        if (ssl != null) {
            return ssl;
        }
        if (CACHE.size() >= MAX_CONTEXTS) {
            CACHE.clear();
        }
        return CACHE.computeIfAbsent(
                tls.poolKey(), key -> new UndertowXnioSsl(Xnio.getInstance(), OptionMap.EMPTY, context(tls)));
    }

    /** Whether {@code host} is a DNS name TLS may send as SNI (not an IP address, no port, no trailing dot). */
    static boolean isSniName(String host) {
        return ClientSpi.isName(host);
    }

    /** A client SSLContext for these settings; its engines verify host names and send SNI (see class comment). */
    static SSLContext context(UpstreamTls tls) {
        try {
            SSLContext inner = SSLContext.getInstance("TLS");
            inner.init(keyManagers(tls), trustManagers(tls), null);
            return new ClientContext(new ClientSpi(inner, tls.verify()), inner);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("cannot build the upstream TLS context: " + e.getMessage(), e);
        }
    }

    private static KeyManager @Nullable [] keyManagers(UpstreamTls tls)
            throws GeneralSecurityException, java.io.IOException {
        if (tls.clientCertificatePem() == null || tls.clientKeyPem() == null) {
            return null;
        }
        List<X509Certificate> chain = Pem.certificates(tls.clientCertificatePem());
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("client_certificate does not parse");
        }
        PrivateKey key = Pem.privateKey(tls.clientKeyPem(), chain.get(0).getPublicKey())
                .orElseThrow(() -> new IllegalArgumentException("client_certificate key does not parse"));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", key, new char[0], chain.toArray(X509Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, new char[0]);
        return factory.getKeyManagers();
    }

    private static TrustManager[] trustManagers(UpstreamTls tls) throws GeneralSecurityException, java.io.IOException {
        if (!tls.verify()) {
            return new TrustManager[] {new TrustAnyCertificate()};
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        if (tls.caCertificatesPem().isEmpty()) {
            factory.init((KeyStore) null);
            return factory.getTrustManagers();
        }
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        int i = 0;
        for (String pem : tls.caCertificatesPem()) {
            for (X509Certificate ca : Pem.certificates(pem)) {
                anchors.setCertificateEntry("ca-" + i++, ca);
            }
        }
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, new X509CertSelector());
        parameters.setRevocationEnabled(false);
        if (tls.verifyDepth() != null) {
            parameters.setMaxPathLength(tls.verifyDepth());
            parameters.addCertPathChecker(new DepthChecker(tls.verifyDepth()));
        }
        factory.init(new CertPathTrustManagerParameters(parameters));
        return factory.getTrustManagers();
    }

    /**
     * Kong's {@code tls_verify_depth} (OpenSSL's verify depth): at most that many CA certificates between the
     * upstream's certificate and the trust anchor. The validator of a complete chain ignores the builder's maximum
     * path length, so the CA certificates are counted here.
     */
    private static final class DepthChecker extends PKIXCertPathChecker {
        private final int depth;
        private int intermediates;

        DepthChecker(int depth) {
            this.depth = depth;
        }

        @Override
        public void init(boolean forward) {
            intermediates = 0;
        }

        @Override
        public boolean isForwardCheckingSupported() {
            return true;
        }

        @Override
        public @Nullable Set<String> getSupportedExtensions() {
            return null;
        }

        @Override
        public void check(Certificate cert, Collection<String> unresolvedCritExts) throws CertPathValidatorException {
            if (cert instanceof X509Certificate x509
                    && x509.getBasicConstraints() >= 0
                    && !x509.getSubjectX500Principal().equals(x509.getIssuerX500Principal())
                    && ++intermediates > depth) {
                throw new CertPathValidatorException("certificate chain too long: tls_verify_depth is " + depth);
            }
        }
    }

    /** An SSLContext over {@link ClientSpi}. */
    private static final class ClientContext extends SSLContext {
        ClientContext(ClientSpi spi, SSLContext inner) {
            super(spi, inner.getProvider(), inner.getProtocol());
        }
    }

    /** Delegates to an initialised context; configures each client engine for SNI and host name checking. */
    private static final class ClientSpi extends SSLContextSpi {
        private final SSLContext inner;
        private final boolean verifyHost;

        ClientSpi(SSLContext inner, boolean verifyHost) {
            this.inner = inner;
            this.verifyHost = verifyHost;
        }

        @Override
        protected void engineInit(
                KeyManager @Nullable [] km, TrustManager @Nullable [] tm, java.security.@Nullable SecureRandom random) {
            throw new UnsupportedOperationException("already initialised");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return inner.getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return inner.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return configure(inner.createSSLEngine(), null);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return configure(inner.createSSLEngine(host, port), host);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return inner.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return inner.getClientSessionContext();
        }

        private SSLEngine configure(SSLEngine engine, @Nullable String host) {
            SSLParameters parameters = engine.getSSLParameters();
            if (verifyHost) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (host != null && isName(host)) {
                parameters.setServerNames(List.of(new SNIHostName(host)));
            }
            engine.setSSLParameters(parameters);
            return engine;
        }

        private static boolean isName(String host) {
            if (host.indexOf(':') >= 0 || host.endsWith(".")) {
                return false;
            }
            boolean digitsAndDots = host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
            if (digitsAndDots) {
                return false;
            }
            try {
                new SNIHostName(host);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }
}
