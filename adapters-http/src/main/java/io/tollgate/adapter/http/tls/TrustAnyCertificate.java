package io.tollgate.adapter.http.tls;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Kong's unverified upstream TLS ({@code tls_verify} off on a service, {@code https_verify_certificate=false} on an
 * upstream's active health checks): any certificate chain and any host name. An {@link X509ExtendedTrustManager}, so
 * that the JDK (its {@code SSLEngine} and {@link java.net.http.HttpClient}) uses it as it is instead of wrapping it in
 * one that still checks the peer's host name against the certificate.
 */
public final class TrustAnyCertificate extends X509ExtendedTrustManager {

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
