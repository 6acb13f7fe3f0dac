package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong 3.x's {@code spec/02-integration/05-proxy/18-upstream_tls_spec.lua}: a service's
 * {@code client_certificate} (and an upstream's), {@code tls_verify}, {@code ca_certificates} and
 * {@code tls_verify_depth} against an {@code https} upstream.
 *
 * <p>Kong's fixtures are two nginx servers presenting {@code example.com}'s certificate, one of them requiring a client
 * certificate signed by its CA ({@code ssl_verify_client on}: a request without one is answered 400 "No required SSL
 * certificate was sent"). Here they are loopback TLS servers with certificates made in the test: a root CA, an
 * intermediate CA signing the server's {@code localhost} certificate (the server sends leaf and intermediate, so a
 * {@code tls_verify_depth} of 0 refuses the chain and 1 accepts it), and client certificates signed by the root. The
 * host name check Kong gets from {@code example.com} mocked to 127.0.0.1 is made here on {@code localhost}.
 *
 * <p>Kong runs the cases for the {@code http} and {@code stream} subsystems, each over plain and buffered proxying
 * (enabled by a {@code pre-function} plugin). Of the spec's 32 cases, 13 are ported (the {@code http} subsystem,
 * buffering off). No counterpart: the 13 {@code stream} cases ({@code tls} services behind a stream listener) and
 * the 6 "buffered_proxying = true" cases (buffering forced by {@code pre-function}, which Tollgate lacks).
 */
class KongUpstreamTlsSpecIT {

    private static final String SPEC = "spec/02-integration/05-proxy/18-upstream_tls_spec.lua";
    private static final String NO_CERTIFICATE = "400 No required SSL certificate was sent";
    private static final String INVALID_RESPONSE = "An invalid response was received from the upstream server";

    @TempDir
    static Path dir;

    private static NodeProcess node;
    private static KongSpecClient admin;
    private static TestPki.Issued root;
    private static TestPki.Issued client;
    private static TestPki.Issued client2;
    private static TestPki.Issued untrusted;
    private static SSLServerSocket mtls;
    private static SSLServerSocket tls;
    private static String caCertificate;

    @BeforeAll
    static void start() throws Exception {
        root = TestPki.ca("upstream-tls-root");
        TestPki.Issued intermediate = TestPki.intermediate(root, "upstream-tls-intermediate");
        TestPki.Issued server = TestPki.signed(intermediate, "localhost", "localhost");
        client = TestPki.signed(root, "client");
        client2 = TestPki.signed(root, "client2");
        untrusted = TestPki.selfSigned("untrusted");
        mtls = listen(server, intermediate, true);
        tls = listen(server, intermediate, false);
        node = NodeProcess.start("upstream-tls", dir, Map.of());
        admin = new KongSpecClient(node.admin());
        caCertificate = admin.create("/ca_certificates", body("cert", root.certPem()))
                .get("id")
                .asText();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (mtls != null) {
            mtls.close();
        }
        if (tls != null) {
            tls.close();
        }
    }

    /**
     * A loopback TLS server sending {@code leaf} and {@code intermediate}, answering every request (connection closed
     * after it) "it works" with the client's certificate, URL-encoded PEM, in {@code X-Cert}; with
     * {@code clientAuth}, it asks for a client certificate signed by the root CA and answers 400 without one, as
     * nginx's {@code ssl_verify_client on} does.
     */
    private static SSLServerSocket listen(TestPki.Issued leaf, TestPki.Issued intermediate, boolean clientAuth)
            throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", leaf.keys().getPrivate(), new char[0], new X509Certificate[] {
            leaf.certificate(), intermediate.certificate()
        });
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("root", root.certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
        trustManagers.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        SSLServerSocket listener = (SSLServerSocket)
                context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listener.setWantClientAuth(clientAuth);
        Thread.ofVirtual().start(() -> {
            while (!listener.isClosed()) {
                try {
                    Socket socket = listener.accept();
                    Thread.ofVirtual().start(() -> answer((SSLSocket) socket, clientAuth));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return listener;
    }

    private static void answer(SSLSocket socket, boolean clientAuth) {
        try (socket) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            readHead(socket.getInputStream());
            Certificate[] peer = null;
            try {
                peer = socket.getSession().getPeerCertificates();
            } catch (SSLPeerUnverifiedException none) {
                // no client certificate sent
            }
            String status = "200 OK";
            String body = "it works\n";
            String cert = "";
            if (peer != null && peer.length > 0) {
                cert = URLEncoder.encode(TestPki.pem(peer[0]), StandardCharsets.UTF_8);
            } else if (clientAuth) {
                status = "400 Bad Request";
                body = "<html>\r\n<head><title>" + NO_CERTIFICATE + "</title></head>\r\n</html>\r\n";
            }
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 " + status + "\r\nContent-Type: text/html\r\nContent-Length: " + body.length()
                            + (cert.isEmpty() ? "" : "\r\nX-Cert: " + cert) + "\r\nConnection: close\r\n\r\n" + body)
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException handshakeOrRead) {
            // the proxy gave up (e.g. it refused the server's certificate)
        }
    }

    private static void readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4
                    && bytes[n - 4] == '\r'
                    && bytes[n - 3] == '\n'
                    && bytes[n - 2] == '\r'
                    && bytes[n - 1] == '\n') {
                return;
            }
        }
    }

    /** A service of this URL, with a route {@code example.com} + a unique path to it; returns {service id, path}. */
    private static String[] serviceAndRoute(String url) {
        String id = admin.create("/services", body("name", unique("tls-svc"), "url", url))
                .get("id")
                .asText();
        String path = "/" + unique("tls");
        admin.create(
                "/routes", body("hosts", List.of("example.com"), "paths", List.of(path), "service", Map.of("id", id)));
        return new String[] {id, path};
    }

    private static String certificate(TestPki.Issued issued) {
        return admin.create("/certificates", body("cert", issued.certPem(), "key", issued.keyPem()))
                .get("id")
                .asText();
    }

    private static JsonNode patch(String path, Map<String, Object> fields) {
        return KongSpecClient.ok(admin.send("PATCH", path, KongSpecClient.ContentType.JSON, fields), 200);
    }

    private static RawHttp.Response proxy(String path) throws IOException {
        return RawHttp.request("GET", "example.com", path).send(node.proxyPort);
    }

    private static void assertWorks(RawHttp.Response res) {
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.body().strip()).isEqualTo("it works");
    }

    private static void assertNoCertificate(RawHttp.Response res) {
        assertThat(res.status()).as(res.body()).isEqualTo(400);
        assertThat(res.body()).contains(NO_CERTIFICATE);
    }

    private static void assertInvalidResponse(RawHttp.Response res) {
        assertThat(res.status()).as(res.body()).isEqualTo(502);
        assertThat(res.body()).contains(INVALID_RESPONSE);
    }

    private static String mtlsUrl() {
        return "https://127.0.0.1:" + mtls.getLocalPort() + "/";
    }

    private static String tlsUrl() {
        return "https://localhost:" + tls.getLocalPort() + "/";
    }

    /** An upstream with the mTLS server as its target, and a service + route to it; returns {upstream id, path}. */
    private static String[] upstreamServiceAndRoute() {
        String name = unique("backend-mtls");
        String upstream =
                admin.create("/upstreams", body("name", name)).get("id").asText();
        admin.create("/upstreams/" + upstream + "/targets", body("target", "127.0.0.1:" + mtls.getLocalPort()));
        String[] service = serviceAndRoute("https://" + name + "/");
        return new String[] {upstream, service[1], service[0]};
    }

    /** {@value #SPEC}: "... with Service object no client certificate supplied accessing protected upstream". */
    @Test
    void service_object_no_client_certificate_supplied_accessing_protected_upstream() throws Exception {
        String[] service = serviceAndRoute(mtlsUrl());
        assertNoCertificate(proxy(service[1]));
    }

    /** {@value #SPEC}: "... Service object ... via service.client_certificate accessing protected upstream". */
    @Test
    void service_object_client_certificate_supplied_accessing_protected_upstream() throws Exception {
        String[] service = serviceAndRoute(mtlsUrl());
        patch("/services/" + service[0], body("client_certificate", Map.of("id", certificate(client))));
        assertWorks(proxy(service[1]));
    }

    /** {@value #SPEC}: "... Service object ... send updated client certificate". */
    @Test
    void service_object_send_updated_client_certificate() throws Exception {
        String[] service = serviceAndRoute(mtlsUrl());
        String certificate = certificate(client);
        patch("/services/" + service[0], body("client_certificate", Map.of("id", certificate)));
        RawHttp.Response first = proxy(service[1]);
        assertWorks(first);

        patch("/certificates/" + certificate, body("cert", client2.certPem(), "key", client2.keyPem()));

        RawHttp.Response second = proxy(service[1]);
        assertWorks(second);
        assertThat(first.header("X-Cert")).isNotNull();
        assertThat(second.header("X-Cert")).isNotNull().isNotEqualTo(first.header("X-Cert"));
    }

    /** {@value #SPEC}: "... Service object ... remove client_certificate removes access". */
    @Test
    void service_object_remove_client_certificate_removes_access() throws Exception {
        String[] service = serviceAndRoute(mtlsUrl());
        patch("/services/" + service[0], body("client_certificate", Map.of("id", certificate(client))));
        assertWorks(proxy(service[1]));

        patch("/services/" + service[0], body("client_certificate", KongSpecClient.NULL));

        assertNoCertificate(proxy(service[1]));
    }

    /** {@value #SPEC}: "... with Upstream object no client certificate supplied accessing protected upstream". */
    @Test
    void upstream_object_no_client_certificate_supplied_accessing_protected_upstream() throws Exception {
        String[] upstream = upstreamServiceAndRoute();
        assertNoCertificate(proxy(upstream[1]));
    }

    /** {@value #SPEC}: "... Upstream object ... via upstream.client_certificate accessing protected upstream". */
    @Test
    void upstream_object_client_certificate_supplied_accessing_protected_upstream() throws Exception {
        String[] upstream = upstreamServiceAndRoute();
        patch("/upstreams/" + upstream[0], body("client_certificate", Map.of("id", certificate(client))));
        assertWorks(proxy(upstream[1]));
    }

    /** {@value #SPEC}: "... via upstream.client_certificate remove client_certificate removes access". */
    @Test
    void upstream_object_remove_client_certificate_removes_access() throws Exception {
        String[] upstream = upstreamServiceAndRoute();
        patch("/upstreams/" + upstream[0], body("client_certificate", Map.of("id", certificate(client))));
        assertWorks(proxy(upstream[1]));

        patch("/upstreams/" + upstream[0], body("client_certificate", KongSpecClient.NULL));

        assertNoCertificate(proxy(upstream[1]));
    }

    /**
     * {@value #SPEC}: "... Service.client_certificate takes precedence access is allowed because
     * Service.client_certificate overrides Upstream.client_certificate".
     */
    @Test
    void access_is_allowed_because_service_client_certificate_overrides_upstream_client_certificate() throws Exception {
        String[] upstream = upstreamServiceAndRoute();
        patch("/upstreams/" + upstream[0], body("client_certificate", Map.of("id", certificate(untrusted))));
        patch("/services/" + upstream[2], body("client_certificate", Map.of("id", certificate(client))));
        assertWorks(proxy(upstream[1]));
    }

    /** {@value #SPEC}: "http TLS verification options against upstream tls_verify default is off". */
    @Test
    void tls_verify_default_is_off() throws Exception {
        String[] service = serviceAndRoute(tlsUrl());
        assertWorks(proxy(service[1]));
    }

    /** {@value #SPEC}: "http TLS verification options against upstream tls_verify turn it on, request is blocked". */
    @Test
    void tls_verify_turn_it_on_request_is_blocked() throws Exception {
        String[] service = serviceAndRoute(tlsUrl());
        patch("/services/" + service[0], body("tls_verify", true));
        assertInvalidResponse(proxy(service[1]));
    }

    /** {@value #SPEC}: "... ca_certificates request is allowed through once correct CA certificate is set". */
    @Test
    void ca_certificates_request_is_allowed_through_once_correct_ca_certificate_is_set() throws Exception {
        String[] service = serviceAndRoute(tlsUrl());
        patch("/services/" + service[0], body("tls_verify", true));
        assertInvalidResponse(proxy(service[1]));

        patch("/services/" + service[0], body("tls_verify", true, "ca_certificates", List.of(caCertificate())));

        assertWorks(proxy(service[1]));
    }

    /** {@value #SPEC}: "... tls_verify_depth request is not allowed through if depth limit is too low". */
    @Test
    void tls_verify_depth_request_is_not_allowed_through_if_depth_limit_is_too_low() throws Exception {
        String[] service = serviceAndRoute(tlsUrl());
        patch("/services/" + service[0], body("tls_verify", true, "ca_certificates", List.of(caCertificate())));

        patch("/services/" + service[0], body("tls_verify_depth", 0));

        assertInvalidResponse(proxy(service[1]));
    }

    /** {@value #SPEC}: "... tls_verify_depth request is allowed through if depth limit is sufficient". */
    @Test
    void tls_verify_depth_request_is_allowed_through_if_depth_limit_is_sufficient() throws Exception {
        String[] service = serviceAndRoute(tlsUrl());
        patch("/services/" + service[0], body("tls_verify", true, "ca_certificates", List.of(caCertificate())));
        patch("/services/" + service[0], body("tls_verify_depth", 0));
        assertInvalidResponse(proxy(service[1]));

        patch("/services/" + service[0], body("tls_verify_depth", 1));

        assertWorks(proxy(service[1]));
    }

    private static String caCertificate() {
        return caCertificate;
    }
}
