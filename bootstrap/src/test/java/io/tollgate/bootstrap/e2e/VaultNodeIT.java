package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static io.tollgate.bootstrap.e2e.Http.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code env} vault end to end: a TLS node started with certificates and keys in its environment serves
 * certificates whose {@code cert}/{@code key} are {@code {vault://…}} references (naming the {@code env} vault itself,
 * or a {@code vaults} entity by its {@code prefix} with a {@code config.prefix}), while the Admin API shows the
 * references; a reference to a missing variable is accepted, logged as unresolved (naming the reference, never a
 * secret) and its SNI gets the default certificate, as Kong leaves such a field unset. An http-log instance whose
 * {@code http_endpoint} and {@code Authorization} header are references delivers to the endpoint with the header
 * from the environment, while its config shows the references; a service's {@code client_certificate} given by
 * references authenticates to an mTLS upstream. A key's {@code jwk} and {@code pem} keys take references (stored and
 * shown as given, not checked); a node with {@code vault_env_prefix} reads the prefixed variable for
 * {@code {vault://env/…}}.
 */
class VaultNodeIT {

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static NodeProcess node;
    static EchoUpstream upstream;
    static HttpServer receiver;
    /** Each delivery the log receiver got: its path and {@code Authorization} header. */
    static final List<String> deliveries = new CopyOnWriteArrayList<>();

    static TestPki.Issued direct;
    static TestPki.Issued prefixed;
    static TestPki.Issued upstreamCa;
    static TestPki.Issued clientCertificate;

    @BeforeAll
    static void start() throws Exception {
        direct = TestPki.selfSigned("direct.vault.test", "direct.vault.test");
        prefixed = TestPki.selfSigned("prefixed.vault.test", "prefixed.vault.test");
        upstreamCa = TestPki.ca("Vault Upstream CA");
        clientCertificate = TestPki.signed(upstreamCa, "tollgate-vault-client");
        upstream = new EchoUpstream();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            deliveries.add(exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        cluster = TestCluster.start(dir);
        node = cluster.tlsNode(
                "vault",
                cluster.settings(),
                Map.of(
                        "TOLLGATE_IT_CERT", direct.certPem(),
                        "TOLLGATE_IT_KEY", direct.keyPem(),
                        "SSL_SITE_CERT", prefixed.certPem(),
                        "SSL_SITE_KEY", prefixed.keyPem(),
                        "LOG_ENDPOINT",
                                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/vault-log",
                        "LOG_TOKEN", "Bearer s3cret-token",
                        "CLIENT_CERT", clientCertificate.certPem(),
                        "CLIENT_KEY", clientCertificate.keyPem()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private static String certificate(String cert, String key, String sni) {
        var body = Http.JSON.createObjectNode().put("cert", cert).put("key", key);
        body.putArray("snis").add(sni);
        return body.toString();
    }

    private static X509Certificate awaitPresented(String sni, X509Certificate expected) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .alias("the node presents the expected certificate for " + sni)
                .until(() -> TlsNodeIT.presented(node, sni).equals(expected));
        return expected;
    }

    @Test
    void env_references_serve_the_secret_certificate_while_the_admin_api_shows_the_references() throws Exception {
        var created = post(
                node.admin() + "/certificates",
                certificate("{vault://env/tollgate-it-cert}", "{vault://env/tollgate-it-key}", "direct.vault.test"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("cert").asText()).isEqualTo("{vault://env/tollgate-it-cert}");
        awaitPresented("direct.vault.test", direct.certificate());

        JsonNode shown = get(node.admin() + "/certificates/"
                        + created.json().get("id").asText())
                .json();
        assertThat(shown.get("cert").asText()).isEqualTo("{vault://env/tollgate-it-cert}");
        assertThat(shown.get("key").asText()).isEqualTo("{vault://env/tollgate-it-key}");
    }

    @Test
    void a_vault_entity_prefix_and_its_config_prefix_name_the_variable() throws Exception {
        var vault = send(
                "PUT", node.admin() + "/vaults/site-secrets", "{\"name\":\"env\",\"config\":{\"prefix\":\"SSL_\"}}");
        assertThat(vault.status()).isEqualTo(200);
        assertThat(post(
                                node.admin() + "/certificates",
                                certificate(
                                        "{vault://site-secrets/site-cert}",
                                        "{vault://site-secrets/site-key}",
                                        "prefixed.vault.test"))
                        .status())
                .isEqualTo(201);
        awaitPresented("prefixed.vault.test", prefixed.certificate());
    }

    @Test
    void a_missing_variable_is_accepted_logged_unresolved_and_its_sni_gets_the_default_certificate() throws Exception {
        var created = post(
                node.admin() + "/certificates",
                certificate("{vault://env/tollgate-it-cert}", "{vault://env/tollgate-it-absent}", "absent.vault.test"));
        assertThat(created.status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> node.log().contains("{vault://env/tollgate-it-absent}"));
        X509Certificate presented = TlsNodeIT.presented(node, "absent.vault.test");
        assertThat(presented).isNotEqualTo(direct.certificate());
        assertThat(presented.getSubjectX500Principal().getName()).contains("CN=localhost");
        String keyLine = direct.keyPem().lines().skip(1).findFirst().orElseThrow();
        assertThat(node.log()).doesNotContain(keyLine);
    }

    @Test
    void http_log_posts_to_the_endpoint_and_with_the_header_its_references_name() throws Exception {
        assertThat(post(node.admin() + "/services", "{\"name\":\"echo\",\"url\":\"" + upstream.url() + "\"}")
                        .status())
                .isEqualTo(201);
        assertThat(post(node.admin() + "/services/echo/routes", "{\"name\":\"logged\",\"paths\":[\"/logged\"]}")
                        .status())
                .isEqualTo(201);
        var plugin = post(
                node.admin() + "/routes/logged/plugins",
                "{\"name\":\"http-log\",\"config\":{\"http_endpoint\":\"{vault://env/log-endpoint}\","
                        + "\"headers\":{\"Authorization\":\"{vault://env/log-token}\"}}}");
        assertThat(plugin.status()).as(plugin.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .alias("a proxied request's log entry reaches the endpoint from the environment")
                .until(() -> {
                    get(node.proxy() + "/logged/a");
                    return deliveries.contains("/vault-log Bearer s3cret-token");
                });
        JsonNode shown = get(node.admin() + "/plugins/"
                        + plugin.json().get("id").asText())
                .json()
                .get("config");
        assertThat(shown.get("http_endpoint").asText()).isEqualTo("{vault://env/log-endpoint}");
        assertThat(shown.get("headers").get("Authorization").asText()).isEqualTo("{vault://env/log-token}");
        assertThat(node.log()).doesNotContain("s3cret-token");
    }

    @Test
    void a_service_client_certificate_given_by_references_authenticates_to_an_mtls_upstream() throws Exception {
        TestPki.Issued server = TestPki.signed(upstreamCa, "localhost", "localhost");
        HttpsServer mtls = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mtls.setHttpsConfigurator(new HttpsConfigurator(server.context(upstreamCa)) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        mtls.createContext("/", exchange -> {
            byte[] body = "mtls ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        mtls.start();
        try {
            String caId = post(
                            node.admin() + "/ca_certificates",
                            Http.JSON
                                    .createObjectNode()
                                    .put("cert", upstreamCa.certPem())
                                    .toString())
                    .json()
                    .get("id")
                    .asText();
            var client = post(
                    node.admin() + "/certificates",
                    "{\"cert\":\"{vault://env/client-cert}\",\"key\":\"{vault://env/client-key}\"}");
            assertThat(client.status()).isEqualTo(201);
            var service = Http.JSON
                    .createObjectNode()
                    .put("name", "mtls")
                    .put("url", "https://localhost:" + mtls.getAddress().getPort())
                    .put("tls_verify", true);
            service.putArray("ca_certificates").add(caId);
            service.putObject("client_certificate")
                    .put("id", client.json().get("id").asText());
            assertThat(post(node.admin() + "/services", service.toString()).status())
                    .isEqualTo(201);
            assertThat(post(node.admin() + "/services/mtls/routes", "{\"paths\":[\"/mtls\"]}")
                            .status())
                    .isEqualTo(201);

            var ok = get(node.proxy() + "/mtls");
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("mtls ok");
        } finally {
            mtls.stop(0);
        }
    }

    @Test
    void keys_take_references_in_jwk_and_pem_stored_and_shown_as_given() {
        var jwk = post(
                node.admin() + "/keys", "{\"name\":\"ref-jwk\",\"kid\":\"k1\",\"jwk\":\"{vault://env/signing-jwk}\"}");
        assertThat(jwk.status()).as(jwk.body()).isEqualTo(201);
        assertThat(jwk.json().get("jwk").asText()).isEqualTo("{vault://env/signing-jwk}");
        var pem = post(
                node.admin() + "/keys",
                "{\"name\":\"ref-pem\",\"kid\":\"k2\",\"pem\":{\"private_key\":\"{vault://env/signing-key}\"}}");
        assertThat(pem.status()).as(pem.body()).isEqualTo(201);
        JsonNode shown = get(node.admin() + "/keys/ref-pem").json();
        assertThat(shown.get("pem").get("private_key").asText()).isEqualTo("{vault://env/signing-key}");
        var notAKey = post(
                node.admin() + "/keys", "{\"name\":\"bad-pem\",\"kid\":\"k3\",\"pem\":{\"public_key\":\"not a key\"}}");
        assertThat(notAKey.status())
                .as("a PEM that is no reference is still loaded")
                .isEqualTo(400);

        JsonNode jwkField = null;
        for (JsonNode field : get(node.admin() + "/schemas/keys").json().get("fields")) {
            if (field.has("jwk")) {
                jwkField = field.get("jwk");
            }
        }
        assertThat(jwkField).isNotNull();
        assertThat(jwkField.path("referenceable").asBoolean()).isTrue();
    }

    @Test
    void vault_env_prefix_goes_before_the_variable_an_env_reference_names() throws Exception {
        TestPki.Issued secret = TestPki.selfSigned("envprefix.vault.test", "envprefix.vault.test");
        NodeProcess prefixedNode = cluster.tlsNode(
                "vault-prefixed",
                cluster.settings("vault_env_prefix", "SECRETS_"),
                Map.of("SECRETS_SITE_CERT", secret.certPem(), "SECRETS_SITE_KEY", secret.keyPem()));
        assertThat(get(prefixedNode.admin() + "/")
                        .json()
                        .at("/configuration/vault_env_prefix")
                        .asText())
                .isEqualTo("SECRETS_");
        var created = post(
                prefixedNode.admin() + "/certificates",
                certificate("{vault://env/site-cert}", "{vault://env/site-key}", "envprefix.vault.test"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .alias("the prefixed node reads SECRETS_SITE_CERT and SECRETS_SITE_KEY")
                .until(() -> TlsNodeIT.presented(prefixedNode, "envprefix.vault.test")
                        .equals(secret.certificate()));
    }
}
