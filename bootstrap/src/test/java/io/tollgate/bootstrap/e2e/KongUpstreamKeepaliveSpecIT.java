package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong's {@code spec/02-integration/05-proxy/25-upstream_keepalive_spec.lua} (6 cases, all ported) against real
 * nodes: one for the class, and one more for each case that starts Kong with other {@code upstream_keepalive_*}
 * settings. Kong asserts nginx debug-log lines about its keep-alive pools; here the same facts are observed where the
 * upstream sees them: the SNI (or client certificate) each request arrived with, and how many TCP connections the
 * upstream served ({@link KongMockUpstream#connections()}). Every request of a case goes over one keep-alive client
 * connection, as Kong's {@code proxy_client}.
 */
class KongUpstreamKeepaliveSpecIT {

    private static final String SPEC = "25-upstream_keepalive_spec";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static TestPki.Issued serverCert;

    @BeforeAll
    static void start() throws Exception {
        serverCert = TestPki.selfSigned("localhost", "localhost");
        node = NodeProcess.start("kong-keepalive", dir, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** A route on each host to its own https service of {@code upstream}, with {@code preserve_host} (SNI = host). */
    private static void tlsRoutes(NodeProcess on, KongMockUpstream upstream, String... hosts) {
        KongSpecClient admin = new KongSpecClient(on.admin());
        for (String host : hosts) {
            String service = admin.create(
                            "/services",
                            body(
                                    "name",
                                    unique("ka-svc"),
                                    "protocol",
                                    "https",
                                    "host",
                                    "127.0.0.1",
                                    "port",
                                    upstream.port()))
                    .get("id")
                    .asText();
            admin.create(
                    "/routes", body("hosts", List.of(host), "preserve_host", true, "service", Map.of("id", service)));
        }
    }

    /** {@code GET /echo_sni} with this Host answers 200 {@code SNI=<host>}. */
    private static void assertSni(KeepAliveClient client, String host) throws IOException {
        String[] response = client.get("/echo_sni", host);
        assertThat(response[0]).as(response[1]).isEqualTo("200");
        assertThat(response[1]).isEqualTo("SNI=" + host);
    }

    /** {@value #SPEC}: "pools by host|port|sni when upstream is https". */
    @Test
    void pools_by_host_port_sni_when_upstream_is_https() throws Exception {
        String one = unique("one") + ".com";
        String two = unique("two") + ".com";
        try (KongMockUpstream upstream = new KongMockUpstream(serverCert.context(null));
                KeepAliveClient client = new KeepAliveClient(node.proxyPort)) {
            tlsRoutes(node, upstream, one, two);

            assertSni(client, one);
            assertSni(client, two);
            // one pool (and one kept connection) per SNI: each is reused by its own SNI's next request
            assertSni(client, one);
            assertSni(client, two);
            assertThat(upstream.connections()).isEqualTo(2);
        }
    }

    /** {@value #SPEC}: "pools by host|port|sni|client_cert_id when upstream requires mTLS". */
    @Test
    void pools_by_host_port_sni_client_cert_id_when_upstream_requires_mtls() throws Exception {
        TestPki.Issued ca = TestPki.ca("keepalive-mtls-ca");
        TestPki.Issued client1 = TestPki.signed(ca, "client");
        TestPki.Issued client2 = TestPki.signed(ca, "client2");
        KongSpecClient admin = new KongSpecClient(node.admin());
        String host1 = unique("example") + ".com";
        String host2 = unique("example2") + ".com";
        try (FingerprintUpstream upstream = new FingerprintUpstream(serverCert.context(ca));
                KeepAliveClient client = new KeepAliveClient(node.proxyPort)) {
            for (Object[] pair : new Object[][] {{host1, client1}, {host2, client2}}) {
                TestPki.Issued cert = (TestPki.Issued) pair[1];
                String certificate = admin.create("/certificates", body("cert", cert.certPem(), "key", cert.keyPem()))
                        .get("id")
                        .asText();
                String service = admin.create(
                                "/services",
                                body(
                                        "name", unique("ka-mtls"),
                                        "url", "https://127.0.0.1:" + upstream.port() + "/",
                                        "client_certificate", Map.of("id", certificate)))
                        .get("id")
                        .asText();
                admin.create("/routes", body("hosts", List.of(pair[0]), "service", Map.of("id", service)));
            }

            String[] first = client.get("/", host1);
            assertThat(first[0]).as(first[1]).isEqualTo("200");
            assertThat(first[1]).isNotEmpty();
            String[] second = client.get("/", host2);
            assertThat(second[0]).as(second[1]).isEqualTo("200");
            assertThat(second[1]).isNotEmpty();

            assertThat(first[1]).isNotEqualTo(second[1]);
            assertThat(first[1]).isEqualTo(FingerprintUpstream.fingerprint(client1.certificate()));
            assertThat(second[1]).isEqualTo(FingerprintUpstream.fingerprint(client2.certificate()));
        }
    }

    /**
     * {@value #SPEC}: "upstream_keepalive_pool_size = 0 disables connection pooling" (no pool: the next request to the
     * same SNI opens a new upstream connection).
     */
    @Test
    void upstream_keepalive_pool_size_0_disables_connection_pooling() throws Exception {
        try (NodeProcess unpooled =
                        NodeProcess.start("kong-keepalive-0", dir, Map.of("upstream_keepalive_pool_size", "0"));
                KongMockUpstream upstream = new KongMockUpstream(serverCert.context(null));
                KeepAliveClient client = new KeepAliveClient(unpooled.proxyPort)) {
            tlsRoutes(unpooled, upstream, "one.com", "two.com");

            assertSni(client, "one.com");
            assertSni(client, "two.com");
            assertSni(client, "one.com");
            assertThat(upstream.connections()).isEqualTo(3);
        }
    }

    /** {@value #SPEC}: "reuse upstream keepalive pool" (the second request reuses the first one's connection). */
    @Test
    void reuse_upstream_keepalive_pool() throws Exception {
        String one = unique("one") + ".com";
        try (KongMockUpstream upstream = new KongMockUpstream(serverCert.context(null));
                KeepAliveClient client = new KeepAliveClient(node.proxyPort)) {
            tlsRoutes(node, upstream, one);

            assertSni(client, one);
            assertThat(upstream.connections()).isEqualTo(1);
            assertSni(client, one);
            assertThat(upstream.connections()).isEqualTo(1);
        }
    }

    /**
     * {@value #SPEC}: "free upstream keepalive pool" ({@code upstream_keepalive_max_requests = 1}: the connection is
     * not kept after its one request, so the next request opens a new one).
     */
    @Test
    void free_upstream_keepalive_pool() throws Exception {
        try (NodeProcess single =
                        NodeProcess.start("kong-keepalive-1", dir, Map.of("upstream_keepalive_max_requests", "1"));
                KongMockUpstream upstream = new KongMockUpstream(serverCert.context(null));
                KeepAliveClient client = new KeepAliveClient(single.proxyPort)) {
            tlsRoutes(single, upstream, "one.com");

            assertSni(client, "one.com");
            assertSni(client, "one.com");
            assertThat(upstream.connections()).isEqualTo(2);
        }
    }

    /**
     * {@value #SPEC}: "pools with crc32 collision" (Kong's two host names whose pool names have the same CRC32 each
     * get their own pool: each request arrives with its own SNI, on its own connection).
     */
    @Test
    void pools_with_crc32_collision() throws Exception {
        try (KongMockUpstream upstream = new KongMockUpstream(serverCert.context(null));
                KeepAliveClient client = new KeepAliveClient(node.proxyPort)) {
            tlsRoutes(node, upstream, "plumless.xxx", "buckeroo.xxx");

            assertSni(client, "plumless.xxx");
            assertSni(client, "buckeroo.xxx");
            assertThat(upstream.connections()).isEqualTo(2);
        }
    }

    /**
     * Kong's {@code upstream_mtls} fixture: a keep-alive TLS server asking for a client certificate (signed by the
     * given CA) and answering {@code /} with its SHA-1 fingerprint in lower-case hex (nginx's
     * {@code $ssl_client_fingerprint}).
     */
    private static final class FingerprintUpstream implements AutoCloseable {
        private final HttpsServer server;
        private final ExecutorService workers = Executors.newFixedThreadPool(4);

        FingerprintUpstream(SSLContext tls) throws IOException {
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    params.setNeedClientAuth(true);
                }
            });
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    String fingerprint;
                    try {
                        Certificate[] peer =
                                ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
                        fingerprint = fingerprint(peer[0]);
                    } catch (SSLPeerUnverifiedException none) {
                        fingerprint = "";
                    }
                    byte[] bytes = fingerprint.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
            });
            server.setExecutor(workers);
            server.start();
        }

        static String fingerprint(Certificate certificate) {
            try {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
            workers.shutdownNow();
        }
    }

    /** One keep-alive HTTP/1.1 client connection to the proxy (Kong's {@code proxy_client}), any {@code Host}. */
    private static final class KeepAliveClient implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        KeepAliveClient(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(10_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        /** Sends {@code GET target} with this Host; returns {status, body}. */
        String[] get(String target, String host) throws IOException {
            out.write(
                    ("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = line().split(" ")[1];
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].trim(), 16);
                        size > 0;
                        size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                body.write(in.readNBytes((int) length));
            }
            return new String[] {status, body.toString(StandardCharsets.UTF_8)};
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (b != '\r') {
                    line.write(b);
                }
            }
            if (b == -1 && line.size() == 0) {
                throw new IOException("connection closed by the proxy");
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
