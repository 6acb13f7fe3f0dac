package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/26-prometheus/05-metrics_spec.lua} (3.x revision): a node whose proxy and status API
 * ({@code status_listen … ssl}) speak TLS, a global prometheus instance, an https route to a TLS
 * {@link KongMockUpstream} and an https route whose service is the status API's own {@code /metrics}. All 3 cases
 * ported. Kong's DNS mock only names {@code 127.0.0.1}: the routes match on the {@code Host} sent.
 */
class KongPrometheusMetricsSpecIT {

    /** Kong's {@code kong_nginx_connections_total{node_id=<uuid>,subsystem="http",state="%w+"}}. */
    static final Map<String, String> CONNECTIONS =
            Map.of("node_id", PrometheusExposition.UUID, "subsystem", "http", "state", "\\w+");

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongMockUpstream mockTls;

    @BeforeAll
    static void start() throws Exception {
        TestPki.Issued ca = TestPki.ca("Kong Spec CA");
        mockTls = new KongMockUpstream(
                TestPki.signed(ca, "localhost", "localhost").context(null));
        node = NodeProcess.startWithTls(
                "kong-prometheus-metrics", dir, Map.of("status_listen", "127.0.0.1:" + NodeProcess.FREE_PORT + " ssl"));
        String statusAddress = node.settings.get("status_listen").split(" ")[0];
        KongSpecClient client = new KongSpecClient(node.admin());
        client.create("/services", body("name", "mock-ssl-service", "url", mockTls.url()));
        client.create(
                "/services/mock-ssl-service/routes",
                body(
                        "name",
                        "mock-ssl-route",
                        "protocols",
                        List.of("https"),
                        "hosts",
                        List.of("mock.example.com"),
                        "paths",
                        List.of("/")));
        client.create(
                "/services", body("name", "status-api-ssl-service", "url", "https://" + statusAddress + "/metrics"));
        client.create(
                "/services/status-api-ssl-service/routes",
                body(
                        "name",
                        "status-api-ssl-route",
                        "protocols",
                        List.of("https"),
                        "hosts",
                        List.of("status.example.com"),
                        "paths",
                        List.of("/metrics")));
        client.create(
                "/plugins",
                body(
                        "name",
                        "prometheus",
                        "config",
                        body(
                                "status_code_metrics", true,
                                "latency_metrics", true,
                                "bandwidth_metrics", true,
                                "upstream_health_metrics", true)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (mockTls != null) {
            mockTls.close();
        }
    }

    /** Kong's {@code proxy_ssl_client}: a GET over TLS to the proxy, SNI and {@code Host} both {@code host}. */
    static RawHttp.Response https(String host, String target) throws Exception {
        try (SSLSocket socket =
                (SSLSocket) TlsNodeIT.trustAll().getSocketFactory().createSocket("127.0.0.1", node.tlsPort)) {
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(host)));
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            socket.setSSLParameters(parameters);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return RawHttp.parseLatin1(socket.getInputStream().readAllBytes());
        }
    }

    /** 05-metrics_spec.lua: "expose Nginx connection metrics by admin API #a1.1". */
    @Test
    void expose_nginx_connection_metrics_by_admin_api() {
        PrometheusExposition scrape = PrometheusExposition.scrape(node.admin());
        scrape.assertValue("kong_nginx_metric_errors_total", 0);
        assertThat(scrape.has("kong_nginx_connections_total", CONNECTIONS))
                .as(scrape.body())
                .isTrue();
    }

    /**
     * 05-metrics_spec.lua: "increments the count of proxied requests #p1.1" (the revision read has no
     * {@code workspace} label; Kong 3.x's newer revisions, as the other prometheus specs, put
     * {@code workspace="default"} before {@code consumer}).
     */
    @Test
    void increments_the_count_of_proxied_requests() throws Exception {
        RawHttp.Response response = https("mock.example.com", "/status/400");
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusExposition scrape = PrometheusExposition.scrape(node.admin());
            scrape.assertValue("kong_nginx_metric_errors_total", 0);
            scrape.assertValue(
                    PrometheusExposition.requests("mock-ssl-service", "mock-ssl-route", 400, "service", ""), 1);
        });
    }

    /** 05-metrics_spec.lua: "expose Nginx connection metrics by status API #s1.1". */
    @Test
    void expose_nginx_connection_metrics_by_status_api() throws Exception {
        RawHttp.Response response = https("status.example.com", "/metrics");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        PrometheusExposition scrape = new PrometheusExposition(response.body());
        scrape.assertValue("kong_nginx_metric_errors_total", 0);
        assertThat(scrape.has("kong_nginx_connections_total", CONNECTIONS))
                .as(scrape.body())
                .isTrue();
    }
}
