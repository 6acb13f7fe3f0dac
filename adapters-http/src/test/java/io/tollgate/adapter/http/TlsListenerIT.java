package io.tollgate.adapter.http;

import static io.tollgate.domain.testing.PemFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.adapter.http.tls.TrustAnyCertificate;
import io.tollgate.application.port.in.ServerCertificate;
import io.tollgate.application.port.in.TlsCertificates;
import io.tollgate.domain.certificate.Pem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An {@code ssl} listener: the certificate chosen by SNI from a swappable snapshot, the default one, HTTP/2. */
class TlsListenerIT {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
    private final AtomicReference<TlsCertificates> snapshot = new AtomicReference<>(TlsCertificates.EMPTY);
    private HttpServer server;

    static SSLContext trustAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAnyCertificate()}, new SecureRandom());
        return context;
    }

    private int start(boolean http2) {
        HttpSettings settings = HttpSettingsFixture.listeners(
                List.of(new Listener(LOOPBACK, true, http2)),
                List.of(),
                List.of(),
                new ServerTls(pem("rsa.crt"), pem("rsa.key")));
        server = HttpServerFixture.server(
                settings,
                exchange -> exchange.getResponseSender()
                        .send(exchange.getProtocol() + " " + exchange.getRequestScheme() + " "
                                + exchange.getRequestURI().length()),
                exchange -> {},
                new UndertowStatistics(),
                snapshot::get);
        server.start();
        return server.proxyAddresses().get(0).getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ZERO);
        }
    }

    private static X509Certificate presented(int port, String sni) throws Exception {
        try (SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", port)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    @Test
    void the_sni_picks_the_certificate_and_a_new_snapshot_is_used_at_once() throws Exception {
        int port = start(false);
        X509Certificate rsa = Pem.certificate(pem("rsa.crt")).orElseThrow();
        X509Certificate ec = Pem.certificate(pem("ec.crt")).orElseThrow();
        ServerCertificate ecCert = new ServerCertificate(UUID.randomUUID(), pem("ec.crt"), pem("ec.key"), null, null);

        assertThat(presented(port, "api.tollgate.test")).isEqualTo(rsa);
        snapshot.set(new TlsCertificates(Map.of("*.tollgate.test", ecCert)));
        assertThat(presented(port, "api.tollgate.test")).as("wildcard SNI, hot").isEqualTo(ec);
        assertThat(presented(port, "other.test")).as("unknown name: default").isEqualTo(rsa);
        assertThat(presented(port, null)).as("no SNI: default").isEqualTo(rsa);
    }

    /** Kong's {@code kong reload} of {@code ssl_cert} / {@code ssl_cert_key}: the default certificate is swapped. */
    @Test
    void the_default_certificate_is_swapped_when_the_prepared_swap_runs_and_a_bad_one_is_refused() throws Exception {
        int port = start(false);
        X509Certificate rsa = Pem.certificate(pem("rsa.crt")).orElseThrow();
        X509Certificate ec = Pem.certificate(pem("ec.crt")).orElseThrow();

        assertThat(server.defaultCertificateSwap(new ServerTls(pem("rsa.crt"), pem("rsa.key"))))
                .as("the certificate in use: nothing to swap")
                .isEmpty();
        assertThatThrownBy(() -> server.defaultCertificateSwap(new ServerTls(pem("ec.crt"), pem("rsa.key"))))
                .as("a key that is not the certificate's")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.defaultCertificateSwap(new ServerTls("-----BEGIN CERTIFICATE-----", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        Runnable swap = server.defaultCertificateSwap(new ServerTls(pem("ec.crt"), pem("ec.key")))
                .orElseThrow();
        assertThat(presented(port, null)).as("prepared, not yet swapped").isEqualTo(rsa);
        swap.run();
        assertThat(presented(port, null)).isEqualTo(ec);
        assertThat(presented(port, "other.test")).isEqualTo(ec);
    }

    @Test
    void http2_is_negotiated_over_tls() throws Exception {
        int port = start(true);
        HttpClient client = HttpClient.newBuilder()
                .sslContext(trustAll())
                .version(HttpClient.Version.HTTP_2)
                .build();
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.body()).isEqualTo("HTTP/2.0 https 1");
    }

    /**
     * The proxy's TLS listeners are Tollgate's own ({@link TlsHttpListener}): raw UTF-8 in the request target is taken
     * (here {@code /円}, 3 bytes, reported as 4 chars with the slash), and keep-alive requests follow one another on one
     * connection over the lazy read suspension under the TLS conduit; a control character is left to the proxy's guard.
     */
    @Test
    void raw_utf8_is_taken_over_tls_and_requests_follow_one_another_on_a_connection() throws Exception {
        int port = start(false);
        try (SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (String target : List.of("/\u5186", "/a", "/\u00e9t\u00e9")) {
                out.write(("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                String response = readResponse(in);
                int bytes = target.getBytes(StandardCharsets.UTF_8).length;
                assertThat(response).as(target).startsWith("HTTP/1.1 200").endsWith("HTTP/1.1 https " + bytes);
            }
        }
    }

    /** One HTTP/1.1 response with a {@code Content-Length}, head and body, as ISO-8859-1 text. */
    static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length =
                java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        assertThat(length.find()).as(head.toString()).isTrue();
        byte[] body = in.readNBytes(Integer.parseInt(length.group(1)));
        return head + new String(body, StandardCharsets.ISO_8859_1);
    }
}
