package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.naming.ldap.LdapName;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong's {@code spec/02-integration/05-proxy/06-ssl_spec.lua} (Kong 3.x, {@code traditional_compatible}
 * flavor): the certificate chosen by SNI (exact, {@code *.} prefix and {@code .*} suffix wildcards, the {@code *} SNI,
 * the default {@code CN=localhost} certificate), https-only routes over http (426 or the route's
 * {@code https_redirect_status_code}), {@code X-Forwarded-Proto} from trusted and untrusted clients, upstream TLS
 * verification and the SNI sent upstream with and without {@code preserve_host}. 22 of the spec's 32 cases.
 *
 * <p>Kong's fixture certificates are made in the test ({@link TestPki}, EC keys, so without Kong's RSA/ECDSA
 * {@code cert_alt} pair). Kong's node-wide {@code nginx_http_proxy_ssl_verify} with a trusted certificate file maps to
 * the services' {@code tls_verify} with {@code ca_certificates}. Error bodies also carry the {@code request_id}, as
 * all of Tollgate's do (Kong's newer error templates), which this spec revision's exact bodies leave out. Three
 * nodes, each on its own database: {@link #node} ({@code trusted_ips = 127.0.0.1}, as Kong's main fixture),
 * {@link #untrusted} (no {@code trusted_ips}; also the node with the {@code *} SNI) and {@link #elsewhere}
 * ({@code trusted_ips = 1.2.3.4}).
 */
class KongSslSpecIT {

    private static final String SPEC = "spec/02-integration/05-proxy/06-ssl_spec.lua";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static NodeProcess untrusted;
    static NodeProcess elsewhere;
    static KongMockUpstream mock;
    static KongMockUpstream mockTls;
    static KongMockUpstream untrustedTls;
    static TestPki.Issued starCert;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        TestPki.Issued ca = TestPki.ca("Kong Spec CA");
        mockTls = new KongMockUpstream(
                TestPki.signed(ca, "localhost", "localhost").context(null));
        TestPki.Issued otherCa = TestPki.ca("Untrusted CA");
        untrustedTls = new KongMockUpstream(
                TestPki.signed(otherCa, "localhost", "localhost").context(null));

        node = NodeProcess.startWithTls("ssl", dir, Map.of("trusted_ips", "127.0.0.1"));
        String admin = node.admin();
        service(admin, "global-cert", mock.url());
        route(admin, "global-cert", "{\"protocols\":[\"https\"],\"hosts\":[\"global.com\"]}");
        service(admin, "api-1", mock.url());
        route(admin, "api-1", "{\"protocols\":[\"https\"],\"hosts\":[\"example.com\",\"ssl1.com\"]}");
        route(
                admin,
                "api-1",
                "{\"protocols\":[\"https\"],\"hosts\":[\"sni.example.com\"],\"snis\":[\"sni.example.com\"]}");
        String tlsUrl = "https://localhost:" + mockTls.port();
        service(admin, "api-3", tlsUrl);
        route(admin, "api-3", "{\"protocols\":[\"https\"],\"hosts\":[\"ssl3.com\"],\"preserve_host\":true}");
        service(admin, "api-4", tlsUrl);
        route(admin, "api-4", "{\"protocols\":[\"https\"],\"hosts\":[\"no-sni.com\"],\"preserve_host\":false}");
        service(admin, "api-5", mockTls.url());
        route(admin, "api-5", "{\"protocols\":[\"https\"],\"hosts\":[\"nil-sni.com\"],\"preserve_host\":false}");
        service(admin, "service-7", tlsUrl);
        route(
                admin,
                "service-7",
                "{\"protocols\":[\"https\"],\"hosts\":[\"example.com\"],\"paths\":[\"/redirect-301\"],"
                        + "\"https_redirect_status_code\":301}");
        service(admin, "service-8", tlsUrl);
        route(
                admin,
                "service-8",
                "{\"protocols\":[\"https\"],\"hosts\":[\"example.com\"],\"paths\":[\"/redirect-302\"],"
                        + "\"https_redirect_status_code\":302}");
        String caId = Http.post(
                        admin + "/ca_certificates",
                        Http.JSON.createObjectNode().put("cert", ca.certPem()).toString())
                .json()
                .get("id")
                .asText();
        verifiedService(admin, "service-example2", "https://localhost:" + untrustedTls.port(), caId);
        route(admin, "service-example2", "{\"protocols\":[\"http\"],\"hosts\":[\"example2.com\"],\"paths\":[\"/\"]}");
        verifiedService(admin, "service-clear", tlsUrl, caId);
        route(admin, "service-clear", "{\"protocols\":[\"http\"],\"hosts\":[\"example-clear.com\"],\"paths\":[\"/\"]}");

        String cert = certificate(admin, TestPki.selfSigned("ssl-example.com", "ssl-example.com"));
        sni(admin, "example.com", cert);
        sni(admin, "ssl1.com", cert);
        String alt = certificate(admin, TestPki.selfSigned("ssl-alt.com", "ssl-alt.com"));
        String altAlt = certificate(admin, TestPki.selfSigned("ssl-alt-alt.com", "ssl-alt-alt.com"));
        sni(admin, "*.wildcard.com", alt);
        sni(admin, "wildcard.*", alt);
        sni(admin, "wildcard.org", altAlt);
        sni(admin, "test.wildcard.*", altAlt);
        sni(admin, "*.www.wildcard.com", altAlt);

        untrusted = NodeProcess.startWithTls("ssl-untrusted", dir, Map.of());
        service(untrusted.admin(), "api-1", mock.url());
        route(untrusted.admin(), "api-1", "{\"protocols\":[\"https\"],\"hosts\":[\"ssl1.com\",\"example.com\"]}");
        starCert = TestPki.selfSigned("ssl-example.com", "ssl-example.com");
        sni(untrusted.admin(), "*", certificate(untrusted.admin(), starCert));

        elsewhere = NodeProcess.start("ssl-elsewhere", dir, Map.of("trusted_ips", "1.2.3.4"));
        service(elsewhere.admin(), "api-1", mock.url());
        route(elsewhere.admin(), "api-1", "{\"protocols\":[\"https\"],\"hosts\":[\"example.com\"]}");
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {elsewhere, untrusted, node, untrustedTls, mockTls, mock}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    private static void service(String admin, String name, String url) {
        Http.Response created = Http.post(
                admin + "/services",
                Http.JSON.createObjectNode().put("name", name).put("url", url).toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static void verifiedService(String admin, String name, String url, String caId) {
        var body =
                Http.JSON.createObjectNode().put("name", name).put("url", url).put("tls_verify", true);
        body.putArray("ca_certificates").add(caId);
        Http.Response created = Http.post(admin + "/services", body.toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static void route(String admin, String service, String body) {
        Http.Response created = Http.post(admin + "/services/" + service + "/routes", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private static String certificate(String admin, TestPki.Issued issued) {
        Http.Response created = Http.post(
                admin + "/certificates",
                Http.JSON
                        .createObjectNode()
                        .put("cert", issued.certPem())
                        .put("key", issued.keyPem())
                        .toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static void sni(String admin, String name, String certificateId) {
        var body = Http.JSON.createObjectNode().put("name", name);
        body.putObject("certificate").put("id", certificateId);
        Http.Response created = Http.post(admin + "/snis", body.toString());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    /** The common name of the certificate {@code on} presents for {@code sni}, e.g. {@code localhost}. */
    private static String cn(NodeProcess on, String sni) throws Exception {
        LdapName subject = new LdapName(
                TlsNodeIT.presented(on, sni).getSubjectX500Principal().getName());
        return subject.getRdns().stream()
                .filter(rdn -> rdn.getType().equalsIgnoreCase("CN"))
                .map(rdn -> rdn.getValue().toString())
                .findFirst()
                .orElseThrow();
    }

    /** A GET over TLS to {@code on}'s proxy, with {@code sni} (null: none) and {@code host} as its Host. */
    private static RawHttp.Response https(NodeProcess on, @Nullable String sni, String host, String target)
            throws Exception {
        try (SSLSocket socket =
                (SSLSocket) TlsNodeIT.trustAll().getSocketFactory().createSocket("127.0.0.1", on.tlsPort)) {
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            socket.setSSLParameters(parameters);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return RawHttp.parseLatin1(socket.getInputStream().readAllBytes());
        }
    }

    /**
     * A GET over plain HTTP on a connection kept open (no {@code Connection: close}, as Kong's test client sends), read
     * up to its {@code Content-Length}.
     */
    private static RawHttp.Response keptAlive(NodeProcess on, String host, String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", on.proxyPort)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            Matcher length = Pattern.compile("(?i)\r\ncontent-length:\\s*(\\d+)")
                    .matcher(head.toString(StandardCharsets.ISO_8859_1));
            int size = length.find() ? Integer.parseInt(length.group(1)) : 0;
            head.write(in.readNBytes(size));
            return RawHttp.parseLatin1(head.toByteArray());
        }
    }

    private static RawHttp.Response http(NodeProcess on, String host, String target, String... headers)
            throws IOException {
        RawHttp.Request request = RawHttp.request("GET", host, target);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send(on.proxyPort);
    }

    /** {@value #SPEC}: "proxy ssl verify prevents requests to upstream that does not possess a trusted certificate". */
    @Test
    void prevents_requests_to_upstream_that_does_not_possess_a_trusted_certificate() throws Exception {
        RawHttp.Response res = http(node, "example2.com", "/");
        assertThat(res.status()).isEqualTo(502);
        assertThat(res.body())
                .isEqualTo("An invalid response was received from the upstream server\nrequest_id: "
                        + res.header("x-kong-request-id") + "\n");
    }

    /** {@value #SPEC}: "proxy ssl verify trusted certificate, request goes through". */
    @Test
    void trusted_certificate_request_goes_through() throws Exception {
        assertThat(http(node, "example-clear.com", "/").status()).isEqualTo(200);
    }

    /**
     * {@value #SPEC}: "global SSL fallbacks on the default proxy SSL certificate when SNI is not provided by client".
     */
    @Test
    void fallbacks_on_the_default_proxy_ssl_certificate_when_sni_is_not_provided_by_client() throws Exception {
        assertThat(https(node, null, "global.com", "/status/200").status()).isEqualTo(200);
    }

    /** {@value #SPEC}: "handshake sets the default fallback SSL certificate if no SNI match". */
    @Test
    void sets_the_default_fallback_ssl_certificate_if_no_sni_match() throws Exception {
        assertThat(cn(node, "test.com")).isEqualTo("localhost");
    }

    /** {@value #SPEC}: "handshake sets the configured SSL certificate if SNI match". */
    @Test
    void sets_the_configured_ssl_certificate_if_sni_match() throws Exception {
        assertThat(cn(node, "ssl1.com")).isEqualTo("ssl-example.com");
        assertThat(cn(node, "example.com")).isEqualTo("ssl-example.com");
    }

    /** {@value #SPEC}: "wildcard sni matches *.wildcard.com (prefix)". */
    @Test
    void matches_wildcard_com_prefix() throws Exception {
        assertThat(cn(node, "test.wildcard.com")).isEqualTo("ssl-alt.com");
    }

    /** {@value #SPEC}: "wildcard sni matches wildcard.* (suffix)". */
    @Test
    void matches_wildcard_suffix() throws Exception {
        assertThat(cn(node, "wildcard.eu")).isEqualTo("ssl-alt.com");
    }

    /** {@value #SPEC}: "wildcard sni respects matching priorities (exact first)". */
    @Test
    void respects_matching_priorities_exact_first() throws Exception {
        assertThat(cn(node, "wildcard.org")).isEqualTo("ssl-alt-alt.com");
    }

    /** {@value #SPEC}: "wildcard sni respects matching priorities (prefix second)". */
    @Test
    void respects_matching_priorities_prefix_second() throws Exception {
        assertThat(cn(node, "test.wildcard.com")).isEqualTo("ssl-alt.com");
    }

    /** {@value #SPEC}: "wildcard sni respects matching priorities (suffix third)". */
    @Test
    void respects_matching_priorities_suffix_third() throws Exception {
        assertThat(cn(node, "test.wildcard.org")).isEqualTo("ssl-alt-alt.com");
    }

    /** {@value #SPEC}: "wildcard sni matches *.www.wildcard.com". */
    @Test
    void matches_www_wildcard_com() throws Exception {
        assertThat(cn(node, "test.www.wildcard.com")).isEqualTo("ssl-alt-alt.com");
    }

    /** {@value #SPEC}: "SSL termination blocks request without HTTPS if protocols = { http }". */
    @Test
    void blocks_request_without_https_if_protocols_http() throws Exception {
        for (String host : List.of("example.com", "sni.example.com")) {
            RawHttp.Response res = keptAlive(node, host, "/");
            assertThat(res.status()).as(host).isEqualTo(426);
            assertThat(res.json())
                    .isEqualTo(Http.JSON
                            .createObjectNode()
                            .put("message", "Please use HTTPS protocol")
                            .put("request_id", res.header("x-kong-request-id")));
            assertThat(res.header("connection")).contains("Upgrade");
            assertThat(res.header("upgrade")).isEqualTo("TLS/1.2, HTTP/1.1");
        }
    }

    /** {@value #SPEC}: "SSL termination returns 301 when route has https_redirect_status_code set to 301". */
    @Test
    void returns_301_when_route_has_https_redirect_status_code_set_to_301() throws Exception {
        RawHttp.Response res = http(node, "example.com", "/redirect-301");
        assertThat(res.status()).isEqualTo(301);
        assertThat(res.header("location")).isEqualTo("https://example.com/redirect-301");
    }

    /** {@value #SPEC}: "SSL termination returns 302 when route has https_redirect_status_code set to 302". */
    @Test
    void returns_302_when_route_has_https_redirect_status_code_set_to_302() throws Exception {
        RawHttp.Response res = http(node, "example.com", "/redirect-302?foo=bar");
        assertThat(res.status()).isEqualTo(302);
        assertThat(res.header("location")).isEqualTo("https://example.com/redirect-302?foo=bar");
    }

    /** {@value #SPEC}: "from not trusted_ip blocks HTTP request with HTTPS in x-forwarded-proto". */
    @Test
    void blocks_http_request_with_https_in_x_forwarded_proto() throws Exception {
        assertThat(http(untrusted, "ssl1.com", "/status/200", "X-Forwarded-Proto", "https")
                        .status())
                .isEqualTo(426);
    }

    /** {@value #SPEC}: "from trusted_ip allows HTTP requests with x-forwarded-proto". */
    @Test
    void allows_http_requests_with_x_forwarded_proto() throws Exception {
        assertThat(http(node, "example.com", "/status/200", "X-Forwarded-Proto", "https")
                        .status())
                .isEqualTo(200);
    }

    /** {@value #SPEC}: "from trusted_ip blocks HTTP requests with invalid x-forwarded-proto". */
    @Test
    void blocks_http_requests_with_invalid_x_forwarded_proto() throws Exception {
        assertThat(http(node, "example.com", "/status/200", "X-Forwarded-Proto", "httpsa")
                        .status())
                .isEqualTo(426);
    }

    /** {@value #SPEC}: "blocks with https x-forwarded-proto from untrusted client" (its {@code it} has no text). */
    @Test
    void blocks_with_https_x_forwarded_proto_from_untrusted_client() throws Exception {
        assertThat(http(elsewhere, "example.com", "/status/200", "X-Forwarded-Proto", "https")
                        .status())
                .isEqualTo(426);
    }

    /** {@value #SPEC}: "proxy_ssl_name properly sets the upstream SNI with preserve_host true". */
    @Test
    void properly_sets_the_upstream_sni_with_preserve_host_true() throws Exception {
        RawHttp.Response res = https(node, "ssl3.com", "ssl3.com", "/");
        assertThat(serverName(res)).as(res.body()).isEqualTo("ssl3.com");
    }

    /** {@value #SPEC}: "proxy_ssl_name properly sets the upstream SNI with preserve_host false". */
    @Test
    void properly_sets_the_upstream_sni_with_preserve_host_false() throws Exception {
        assertThat(serverName(https(node, "no-sni.com", "no-sni.com", "/"))).isEqualTo("localhost");
    }

    /** {@value #SPEC}: "proxy_ssl_name properly sets the upstream SNI with preserve_host false and IP-based ...". */
    @Test
    void properly_sets_the_upstream_sni_with_preserve_host_false_and_ip_based_upstream_url() throws Exception {
        assertThat(serverName(https(node, "nil-sni.com", "nil-sni.com", "/"))).isEqualTo("no SNI");
    }

    private static String serverName(RawHttp.Response res) {
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        JsonNode json = res.json();
        return json.get("vars").get("ssl_server_name").asText();
    }

    /** {@value #SPEC}: "SSL (the '*' SNI) handshake sets the default certificate of '*' SNI". */
    @Test
    void sets_the_default_certificate_of_star_sni() throws Exception {
        assertThat(TlsNodeIT.presented(untrusted, "example.com")).isEqualTo(starCert.certificate());
        assertThat(cn(untrusted, "example.com")).isEqualTo("ssl-example.com");
    }
}
