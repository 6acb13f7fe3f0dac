package io.tollgate.application.plugin.bundled;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS context of the log plugins' default {@code ssl_verify = false} (Kong's http-log and tcp-log): the peer's
 * certificate is neither verified nor matched against its host. One context for the JVM, created on first use (the
 * holder class is initialised then).
 */
final class UnverifiedTls {

    private static final SSLContext CONTEXT = create();

    private UnverifiedTls() {}

    /**
     * The shared context.
     *
     * @return a TLS context trusting any server certificate for any host
     */
    static SSLContext context() {
        return CONTEXT;
    }

    private static SSLContext create() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyCertificate()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS context", e);
        }
    }

    /**
     * Trusts any certificate. An extended manager on purpose: for a plain {@code X509TrustManager} the JDK adds its
     * own host-name match (the HTTP client does), which Kong's {@code ssl_verify = false} does not make.
     */
    private static final class AnyCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
