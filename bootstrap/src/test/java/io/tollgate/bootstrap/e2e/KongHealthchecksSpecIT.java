package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.ok;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong's {@code spec/02-integration/05-proxy/10-balancer/01-healthchecks_spec.lua} (21 of its 37 cases, each
 * counted once over strategies, localhost modes and consistencies) against one real node, with
 * loopback upstreams ({@link HealthToggleUpstream}) that count what they serve and can be told to answer healthy,
 * unhealthy or not at all. Kong's DNS-mocked names become {@code 127.0.0.1} targets where the case is about health,
 * not DNS; Kong's second node of the cluster cases is this one node. Health changes are awaited on
 * {@code GET /upstreams/{u}/health}; active probes run every {@value #INTERVAL} s. Kong's 10 ms proxy timeouts of
 * the timeout cases are 1 s here (10 ms is too tight on a loaded machine); the target server hangs for longer.
 */
class KongHealthchecksSpecIT {

    private static final String SPEC = "01-healthchecks_spec";

    /** Kong's {@code bu.SLOTS}. */
    private static final int SLOTS = 10;

    /** Kong's {@code bu.HEALTHCHECK_INTERVAL}, in seconds. */
    private static final double INTERVAL = 0.1;

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient admin;
    static int proxyPort;

    private final List<HealthToggleUpstream> servers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-health", dir, Map.of());
        admin = new KongSpecClient(node.admin());
        proxyPort = URI.create(node.proxy()).getPort();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @AfterEach
    void closeServers() {
        servers.forEach(HealthToggleUpstream::close);
    }

    // ---- Kong's balancer_utils, as far as these cases need it ----

    private HealthToggleUpstream server(String... hosts) throws IOException {
        return server(null, hosts);
    }

    private HealthToggleUpstream server(@Nullable SSLContext tls, String... hosts) throws IOException {
        HealthToggleUpstream server = new HealthToggleUpstream(tls, hosts);
        servers.add(server);
        return server;
    }

    /** Kong's {@code bu.healthchecks_config}: its test defaults deep-merged with {@code overrides}. */
    private static Map<String, Object> healthchecks(Map<String, Object> overrides) {
        Map<String, Object> defaults = body(
                "active",
                body(
                        "timeout",
                        1,
                        "concurrency",
                        10,
                        "http_path",
                        "/",
                        "healthy",
                        body("interval", 0, "http_statuses", List.of(200, 302), "successes", 2),
                        "unhealthy",
                        body(
                                "interval",
                                0,
                                "http_statuses",
                                List.of(429, 404, 500, 501, 502, 503, 504, 505),
                                "tcp_failures",
                                2,
                                "timeouts",
                                3,
                                "http_failures",
                                5)),
                "passive",
                body(
                        "healthy",
                        body(
                                "http_statuses",
                                List.of(
                                        200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305,
                                        306, 307, 308),
                                "successes",
                                5),
                        "unhealthy",
                        body(
                                "http_statuses",
                                List.of(429, 500, 503),
                                "tcp_failures",
                                2,
                                "timeouts",
                                7,
                                "http_failures",
                                5)));
        return merge(defaults, overrides);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overrides) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        overrides.forEach((key, value) -> {
            if (value instanceof Map<?, ?> m && out.get(key) instanceof Map<?, ?> b) {
                out.put(key, merge((Map<String, Object>) b, (Map<String, Object>) m));
            } else {
                out.put(key, value);
            }
        });
        return out;
    }

    /** Active checks of {@code http_path = /status} every {@link #INTERVAL}, with the given counters. */
    private static Map<String, Object> active(Object... fields) {
        Map<String, Object> extra = body(fields);
        Map<String, Object> active = body(
                "http_path",
                "/status",
                "healthy",
                body("interval", INTERVAL, "successes", extra.getOrDefault("successes", 1)),
                "unhealthy",
                body("interval", INTERVAL, "http_failures", extra.getOrDefault("http_failures", 1)));
        extra.remove("successes");
        extra.remove("http_failures");
        active.putAll(extra);
        return healthchecks(body("active", active));
    }

    /** Passive checks (Kong's test defaults otherwise) with these {@code unhealthy} counters. */
    private static Map<String, Object> passiveUnhealthy(Object... counters) {
        return healthchecks(body("passive", body("unhealthy", body(counters))));
    }

    /** Active checks of {@code http_path = /status} with both intervals 0 (no probing), one success or failure each. */
    private static Map<String, Object> activeAtRest() {
        return body(
                "active",
                body(
                        "http_path",
                        "/status",
                        "healthy",
                        body("interval", 0, "successes", 1),
                        "unhealthy",
                        body("interval", 0, "http_failures", 1)));
    }

    /** Kong's {@code bu.add_upstream}: an upstream of {@code slots = 10} and a fresh name; returns [name, id]. */
    private static String[] upstream(Object... fields) {
        return upstream(body(fields));
    }

    private static String[] upstream(Map<String, Object> fields) {
        Map<String, Object> b = body("name", unique("hc-up"), "slots", SLOTS);
        b.putAll(fields);
        JsonNode created = admin.create("/upstreams", b);
        return new String[] {created.get("name").asText(), created.get("id").asText()};
    }

    /** Kong's {@code bu.add_target}. */
    private static void target(String upstream, String target, Object... fields) {
        Map<String, Object> b = body("target", target);
        b.putAll(body(fields));
        admin.create("/upstreams/" + upstream + "/targets", b);
    }

    /** Kong's {@code bu.add_api}: a service on the upstream and a route for a fresh host; returns [host, id]. */
    private static String[] api(String upstreamName, Map<String, Object> serviceFields) {
        Map<String, Object> b = body("name", unique("hc-svc"), "host", upstreamName, "port", 80);
        b.putAll(serviceFields);
        String service = admin.create("/services", b).get("id").asText();
        String host = unique("hc-host") + ".test";
        admin.create("/routes", body("hosts", List.of(host), "paths", List.of("/"), "service", Map.of("id", service)));
        return new String[] {host, service};
    }

    /** An upstream and the route of a service to it, as {@link #balanced} set them up. */
    private record Balanced(String name, String id, String host, String serviceId) {}

    /**
     * Kong's {@code bu.add_upstream} with {@code upstreamFields}, {@code bu.add_target} for each of {@code servers}
     * (in order) and {@code bu.add_api} with the default service.
     */
    private static Balanced balanced(Map<String, Object> upstreamFields, HealthToggleUpstream... servers) {
        return balanced(upstreamFields, Map.of(), servers);
    }

    /** As {@link #balanced(Map, HealthToggleUpstream...)}, the service with {@code serviceFields}. */
    private static Balanced balanced(
            Map<String, Object> upstreamFields, Map<String, Object> serviceFields, HealthToggleUpstream... servers) {
        String[] up = upstream(upstreamFields);
        for (HealthToggleUpstream server : servers) {
            target(up[1], server.target());
        }
        String[] api = api(up[0], serviceFields);
        return new Balanced(up[0], up[1], api[0], api[1]);
    }

    /** {@code PATCH} of an Admin API entity, asserting 200. */
    private static void patch(String path, Map<String, Object> fields) {
        ok(admin.send("PATCH", path, KongSpecClient.ContentType.JSON, fields), 200);
    }

    /** The outcome of Kong's {@code bu.client_requests}. */
    private record Requests(int oks, int fails, int lastStatus) {}

    /** Kong's {@code bu.client_requests}: {@code n} sequential {@code GET /} with this {@code Host}. */
    private static Requests clientRequests(int n, String host, String... headers) throws IOException {
        int oks = 0;
        int last = 0;
        for (int i = 0; i < n; i++) {
            RawHttp.Request request = RawHttp.request("GET", host, "/");
            for (int h = 0; h < headers.length; h += 2) {
                request.header(headers[h], headers[h + 1]);
            }
            last = request.send(proxyPort).status();
            oks += last == 200 ? 1 : 0;
        }
        return new Requests(oks, n - oks, last);
    }

    /** The {@code health} of one target in {@code GET /upstreams/{u}/health}. */
    private static String health(String upstream, String target) {
        JsonNode body = ok(admin.get("/upstreams/" + upstream + "/health"), 200);
        for (JsonNode t : body.get("data")) {
            if (t.get("target").asText().equals(target)) {
                return t.get("health").asText();
            }
        }
        throw new AssertionError(target + " not in " + body);
    }

    /** Kong's {@code bu.poll_wait_health}. */
    private static void pollWaitHealth(String upstream, String target, String expected) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(health(upstream, target)).isEqualTo(expected));
    }

    /** Kong's {@code bu.post_target_endpoint}. */
    private static void postTargetEndpoint(String upstream, String target, String endpoint) {
        Http.Response r = admin.send(
                "POST",
                "/upstreams/" + upstream + "/targets/" + target + "/" + endpoint,
                KongSpecClient.ContentType.JSON,
                Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(204);
    }

    /** Kong's {@code bu.get_balancer_health}: {@code data} of {@code GET /upstreams/{u}/health?balancer_health=1}. */
    private static JsonNode balancerHealth(String upstream) {
        return ok(admin.get("/upstreams/" + upstream + "/health?balancer_health=1"), 200)
                .get("data");
    }

    // ---- describe "Healthcheck" ----

    /** {@value #SPEC}: "Healthcheck a target that has healthchecks disabled" (a loopback target for the DNS name). */
    @Test
    void a_target_that_has_healthchecks_disabled() {
        String[] up = upstream(
                "healthchecks",
                healthchecks(body(
                        "passive",
                        body("unhealthy", body("http_failures", 0, "tcp_failures", 0, "timeouts", 0)),
                        "active",
                        body("healthy", body("interval", 0), "unhealthy", body("interval", 0)))));
        target(up[1], "127.0.0.1:80");
        api(up[0], Map.of());

        JsonNode health = ok(admin.get("/upstreams/" + up[0] + "/health"), 200);
        assertThat(health.at("/data/0/health").asText()).isEqualTo("HEALTHCHECKS_OFF");
        assertThat(health.at("/data/0/data/addresses/0/health").asText()).isEqualTo("HEALTHCHECKS_OFF");
    }

    // ---- describe "Ring-balancer #healthchecks (#cluster #db)" (Kong's two nodes are this one) ----

    /** {@value #SPEC}: "does not perform health checks when disabled (#3304)". */
    @Test
    void does_not_perform_health_checks_when_disabled() throws Exception {
        HealthToggleUpstream server = server();
        Balanced up = balanced(Map.of(), server);

        boolean[] sequence = {true, true, false, false, true, true};
        for (int i = 0; i < sequence.length; i++) {
            server.healthy(sequence[i]);
            pollWaitHealth(up.id(), server.target(), "HEALTHCHECKS_OFF");
            Requests r = clientRequests(10, up.host());
            assertThat(r.oks()).as("iteration %d", i).isEqualTo(sequence[i] ? 10 : 0);
            assertThat(r.fails()).as("iteration %d", i).isEqualTo(sequence[i] ? 0 : 10);
            assertThat(r.lastStatus()).as("iteration %d", i).isEqualTo(sequence[i] ? 200 : 500);
        }
        assertThat(server.ok.get()).isEqualTo(40);
        assertThat(server.fail.get()).isEqualTo(20);
    }

    /** {@value #SPEC}: "Upstream entities created via the API are functional". */
    @Test
    void created_via_the_api_are_functional() throws Exception {
        HealthToggleUpstream server = server();
        Balanced up = balanced(Map.of(), server);

        Requests r = clientRequests(1, up.host());
        assertThat(r.lastStatus()).isEqualTo(200);
        assertThat(r.oks()).isEqualTo(1);
        assertThat(r.fails()).isZero();
        assertThat(server.ok.get()).isEqualTo(1);
        assertThat(server.fail.get()).isZero();
    }

    /** {@value #SPEC}: "Upstream entities properly set the host header". */
    @Test
    void properly_set_the_host_header() throws Exception {
        HealthToggleUpstream server = server("localhost");
        Balanced up = balanced(body("host_header", "localhost"), server);

        Requests r = clientRequests(5, up.host());
        assertThat(r.lastStatus()).isEqualTo(200);
        assertThat(r.oks()).isEqualTo(5);
        assertThat(server.ok.get()).isEqualTo(5);
        assertThat(server.fail.get()).isZero();
    }

    /** {@value #SPEC}: "Upstream entities fail with wrong host header" (the server only accepts 127.0.0.1). */
    @Test
    void fail_with_wrong_host_header() throws Exception {
        HealthToggleUpstream server = server("127.0.0.1");
        Balanced up = balanced(body("host_header", "localhost"), body("connect_timeout", 100), server);

        Requests r = clientRequests(5, up.host());
        assertThat(r.lastStatus()).isEqualTo(400);
        assertThat(r.oks()).isZero();
        assertThat(r.fails()).isEqualTo(5);
        assertThat(server.ok.get()).isZero();
        assertThat(server.fail.get()).isZero();
    }

    /** {@value #SPEC}: "Upstream entities can have their config partially updated". */
    @Test
    void can_have_their_config_partially_updated() {
        String id = upstream()[1];
        patch("/upstreams/" + id, body("healthchecks", activeAtRest()));

        JsonNode expected = KongSpecClient.json("""
                {"active":{"type":"http","concurrency":10,
                   "healthy":{"http_statuses":[200,302],"interval":0,"successes":1},
                   "http_path":"/status","https_sni":null,"https_verify_certificate":true,"timeout":1,
                   "unhealthy":{"http_failures":1,"http_statuses":[429,404,500,501,502,503,504,505],
                                "interval":0,"tcp_failures":0,"timeouts":0}},
                 "passive":{"type":"http",
                   "healthy":{"http_statuses":[200,201,202,203,204,205,206,207,208,226,
                                               300,301,302,303,304,305,306,307,308],"successes":0},
                   "unhealthy":{"http_failures":0,"http_statuses":[429,500,503],"tcp_failures":0,"timeouts":0}},
                 "threshold":0}""");
        JsonNode actual = ok(admin.get("/upstreams/" + id), 200).get("healthchecks");
        assertContains(expected, actual, "healthchecks");
    }

    /** Every field of {@code expected} is in {@code actual} with the same value (numbers compared by value). */
    private static void assertContains(JsonNode expected, JsonNode actual, String path) {
        if (expected.isObject()) {
            assertThat(actual.isObject()).as(path + ": " + actual).isTrue();
            expected.fields().forEachRemaining(e -> {
                assertThat(actual.has(e.getKey())).as(path + "." + e.getKey()).isTrue();
                assertContains(e.getValue(), actual.get(e.getKey()), path + "." + e.getKey());
            });
        } else if (expected.isNumber()) {
            assertThat(actual.isNumber()).as(path + ": " + actual).isTrue();
            assertThat(actual.decimalValue().compareTo(expected.decimalValue()))
                    .as(path + ": " + actual)
                    .isZero();
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(path + ": " + actual).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertContains(expected.get(i), actual.get(i), path + "[" + i + "]");
            }
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    /** {@value #SPEC}: "Upstream entities can be renamed without producing stale cache". */
    @Test
    void can_be_renamed_without_producing_stale_cache() throws Exception {
        String[] names = new String[2];
        String[] hosts = new String[2];
        HealthToggleUpstream[] upstreamServers = new HealthToggleUpstream[2];
        for (int i = 0; i < 2; i++) {
            upstreamServers[i] = server();
            Balanced up = balanced(body("healthchecks", healthchecks(Map.of())), upstreamServers[i]);
            names[i] = up.name();
            hosts[i] = up.host();
        }
        String newName = names[1] + "_new";
        rename(names[1], newName);
        rename(names[0], names[1]);

        Requests r = clientRequests(1, hosts[1]);
        assertThat(r.lastStatus()).isEqualTo(200);
        assertThat(r.oks()).isEqualTo(1);

        rename(newName, names[0]);
        clientRequests(1, hosts[0]);

        assertThat(List.of(upstreamServers[0].ok.get(), upstreamServers[0].fail.get()))
                .containsExactly(1, 0);
        assertThat(List.of(upstreamServers[1].ok.get(), upstreamServers[1].fail.get()))
                .containsExactly(1, 0);
    }

    /**
     * {@value #SPEC}: "Upstream entities do not leave a stale healthchecker when renamed". Kong sleeps three intervals
     * and asserts the server was (almost) not probed; here a second upstream's probes of a witness server show that
     * the checker ran at least three rounds since the reconfiguration.
     */
    @Test
    void do_not_leave_a_stale_healthchecker_when_renamed() throws Exception {
        HealthToggleUpstream server1 = server();
        Balanced up = balanced(body("healthchecks", active()), server1);
        String newName = up.id() + "_new";
        rename(up.id(), newName);
        patch("/upstreams/" + newName, body("healthchecks", activeAtRest()));
        int probesBefore = server1.statusOk.get() + server1.statusFail.get();

        HealthToggleUpstream witness = server();
        String[] witnessUp = upstream("healthchecks", active());
        target(witnessUp[1], witness.target());
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> witness.statusOk.get() >= 3);
        patch("/services/" + up.serviceId(), body("host", newName));

        assertThat(List.of(server1.ok.get(), server1.fail.get())).containsExactly(0, 0);
        assertThat(server1.statusOk.get() + server1.statusFail.get() - probesBefore)
                .isLessThan(2);
    }

    private static void rename(String from, String to) {
        patch("/upstreams/" + from, body("name", to));
    }

    // ---- describe "Ring-balancer #healthchecks" ----

    /** {@value #SPEC}: "perform passive health checks" (for 1, 2 and 3 failures). */
    @Test
    void perform_passive_health_checks() throws Exception {
        for (int nfails = 1; nfails <= 3; nfails++) {
            HealthToggleUpstream server1 = server();
            HealthToggleUpstream server2 = server();
            String host = balanced(body("healthchecks", passiveUnhealthy("http_failures", nfails)), server1, server2)
                    .host();
            int requests = SLOTS * 2;
            int server2Oks = requests / 4;

            Requests first = clientRequests(SLOTS, host);
            server2.healthy(false);
            Requests second = clientRequests(SLOTS, host);

            assertThat(server1.ok.get()).as("nfails %d", nfails).isEqualTo(requests - server2Oks - nfails);
            assertThat(server2.ok.get()).as("nfails %d", nfails).isEqualTo(server2Oks);
            assertThat(server1.fail.get()).as("nfails %d", nfails).isZero();
            assertThat(server2.fail.get()).as("nfails %d", nfails).isEqualTo(nfails);
            assertThat(first.oks() + second.oks()).as("nfails %d", nfails).isEqualTo(requests - nfails);
            assertThat(first.fails() + second.fails()).as("nfails %d", nfails).isEqualTo(nfails);
        }
    }

    /**
     * {@value #SPEC}: "threshold for health checks" (four weight-25 loopback targets stand for the four addresses of
     * Kong's DNS-mocked name).
     */
    @Test
    void threshold_for_health_checks() {
        int[] thresholds = {0, 25, 75, 99, 100};
        for (int threshold : thresholds) {
            String[] up = upstream(
                    "healthchecks",
                    healthchecks(body("passive", body("unhealthy", body("tcp_failures", 1)), "threshold", threshold)));
            for (int i = 1; i <= 4; i++) {
                target(up[1], "127.0.0." + i + ":80", "weight", 25);
            }
            for (int i = 1; i <= 4; i++) {
                postTargetEndpoint(up[1], "127.0.0." + i + ":80", "healthy");
            }
            assertBalancer(up[0], threshold, 100);
            for (int i = 1; i <= 4; i++) {
                postTargetEndpoint(up[1], "127.0.0." + i + ":80", "unhealthy");
                assertBalancer(up[0], threshold, 100 - 25 * i);
            }
        }
    }

    private static void assertBalancer(String upstream, int threshold, int available) {
        JsonNode health = balancerHealth(upstream);
        JsonNode weight = health.at("/details/weight");
        assertThat(weight.get("available").asInt())
                .as("threshold %d", threshold)
                .isEqualTo(available);
        assertThat(weight.get("unavailable").asInt())
                .as("threshold %d", threshold)
                .isEqualTo(100 - available);
        assertThat(weight.get("total").asInt()).as("threshold %d", threshold).isEqualTo(100);
        String expected = available > 0 && threshold < available ? "HEALTHY" : "UNHEALTHY";
        assertThat(health.get("health").asText())
                .as("threshold %d, available %d", threshold, available)
                .isEqualTo(expected);
    }

    /** {@value #SPEC}: "perform active health checks -- up then down" (for 1, 2 and 3 failures). */
    @Test
    void perform_active_health_checks_up_then_down() throws Exception {
        for (int nfails = 1; nfails <= 3; nfails++) {
            activeUpThenDown(nfails);
        }
    }

    private void activeUpThenDown(int nfails) throws Exception {
        activeUpThenDown(nfails, Map.of());
    }

    /** The same with more upstream fields; the servers answer only a {@code Host} among {@code hosts} (if any). */
    private void activeUpThenDown(int nfails, Map<String, Object> upstreamFields, String... hosts) throws Exception {
        int requests = SLOTS * 2;
        int server2Oks = requests / 4;
        HealthToggleUpstream server1 = server(hosts);
        HealthToggleUpstream server2 = server(hosts);
        Map<String, Object> fields = body("healthchecks", active("http_failures", nfails));
        fields.putAll(upstreamFields);
        Balanced up = balanced(fields, body("connect_timeout", 50), server1, server2);

        Requests phase1 = clientRequests(server2Oks * 2, up.host());
        server2.healthy(false);
        pollWaitHealth(up.id(), server2.target(), "UNHEALTHY");
        Requests phase3 = clientRequests(requests - server2Oks * 2, up.host());

        assertThat(server1.ok.get()).as("nfails %d", nfails).isEqualTo(requests - server2Oks);
        assertThat(server2.ok.get()).as("nfails %d", nfails).isEqualTo(server2Oks);
        assertThat(server1.fail.get()).isZero();
        assertThat(server2.fail.get()).isZero();
        assertThat(phase1.oks() + phase3.oks()).isEqualTo(requests);
        assertThat(phase1.fails() + phase3.fails()).isZero();
    }

    /** {@value #SPEC}: "perform active health checks -- automatic recovery #http" (1 and 3 checks). */
    @Test
    void perform_active_health_checks_automatic_recovery_http() throws Exception {
        automaticRecovery("http");
    }

    /** {@value #SPEC}: "perform active health checks -- automatic recovery #https" (self-signed upstreams). */
    @Test
    void perform_active_health_checks_automatic_recovery_https() throws Exception {
        automaticRecovery("https");
    }

    private void automaticRecovery(String protocol) throws Exception {
        SSLContext tls = protocol.equals("https")
                ? TestPki.selfSigned("127.0.0.1", "localhost").context(null)
                : null;
        for (int nchecks : new int[] {1, 3}) {
            HealthToggleUpstream server1 = server(tls);
            HealthToggleUpstream server2 = server(tls);
            Map<String, Object> checks = active(
                    "type",
                    protocol,
                    "https_verify_certificate",
                    false,
                    "successes",
                    nchecks,
                    "http_failures",
                    nchecks);
            Balanced up = balanced(body("healthchecks", checks), body("protocol", protocol), server1, server2);

            pollWaitHealth(up.id(), server1.target(), "HEALTHY");
            pollWaitHealth(up.id(), server2.target(), "HEALTHY");

            Requests r1 = clientRequests(SLOTS, up.host());
            server2.healthy(false);
            pollWaitHealth(up.id(), server2.target(), "UNHEALTHY");
            Requests r2 = clientRequests(SLOTS, up.host());
            server2.healthy(true);
            pollWaitHealth(up.id(), server2.target(), "HEALTHY");
            Requests r3 = clientRequests(SLOTS, up.host());

            assertThat(server1.ok.get()).as("nchecks %d", nchecks).isEqualTo(SLOTS * 2);
            assertThat(server2.ok.get()).as("nchecks %d", nchecks).isEqualTo(SLOTS);
            assertThat(server1.fail.get()).isZero();
            assertThat(server2.fail.get()).isZero();
            assertThat(r1.oks() + r2.oks() + r3.oks()).isEqualTo(SLOTS * 3);
            assertThat(r1.fails() + r2.fails() + r3.fails()).isZero();
        }
    }

    /**
     * {@value #SPEC}: "perform active health checks -- can detect before any proxy traffic" (Kong restarts the node
     * before probing; here the target goes unhealthy before any proxied request and the probes find it).
     */
    @Test
    void perform_active_health_checks_can_detect_before_any_proxy_traffic() throws Exception {
        int nfails = 2;
        int requests = SLOTS * 2;
        HealthToggleUpstream server1 = server();
        HealthToggleUpstream server2 = server();
        Map<String, Object> checks = healthchecks(body(
                "active",
                body(
                        "http_path",
                        "/status",
                        "healthy",
                        body("interval", INTERVAL, "successes", 1),
                        "unhealthy",
                        body("interval", INTERVAL, "http_failures", nfails, "tcp_failures", nfails))));
        Balanced up = balanced(body("healthchecks", checks), server1, server2);
        server2.healthy(false);

        pollWaitHealth(up.id(), server2.target(), "UNHEALTHY");
        Requests r = clientRequests(requests, up.host());

        assertThat(server1.ok.get()).isEqualTo(requests);
        assertThat(server2.ok.get()).isZero();
        assertThat(server1.fail.get()).isZero();
        assertThat(server2.fail.get()).isZero();
        assertThat(r.oks()).isEqualTo(requests);
        assertThat(r.fails()).isZero();
    }

    /** {@value #SPEC}: "perform passive health checks -- manual recovery" (for 1, 2 and 3 failures). */
    @Test
    void perform_passive_health_checks_manual_recovery() throws Exception {
        for (int nfails = 1; nfails <= 3; nfails++) {
            HealthToggleUpstream server1 = server();
            HealthToggleUpstream server2 = server();
            Balanced up = balanced(body("healthchecks", passiveUnhealthy("http_failures", nfails)), server1, server2);

            Requests r1 = clientRequests(SLOTS, up.host());
            server2.healthy(false);
            Requests r2 = clientRequests(SLOTS, up.host());
            server2.healthy(true);
            postTargetEndpoint(up.id(), server2.target(), "healthy");
            pollWaitHealth(up.id(), server2.target(), "HEALTHY");
            Requests r3 = clientRequests(SLOTS, up.host());

            assertThat(server1.ok.get()).as("nfails %d", nfails).isEqualTo(SLOTS * 2 - nfails);
            assertThat(server2.ok.get()).as("nfails %d", nfails).isEqualTo(SLOTS);
            assertThat(server1.fail.get()).isZero();
            assertThat(server2.fail.get()).as("nfails %d", nfails).isEqualTo(nfails);
            assertThat(r1.oks() + r2.oks() + r3.oks()).isEqualTo(SLOTS * 3 - nfails);
            assertThat(r1.fails() + r2.fails() + r3.fails()).isEqualTo(nfails);
        }
    }

    /** {@value #SPEC}: "perform passive health checks -- manual shutdown". */
    @Test
    void perform_passive_health_checks_manual_shutdown() throws Exception {
        HealthToggleUpstream server1 = server();
        HealthToggleUpstream server2 = server();
        Balanced up = balanced(body("healthchecks", passiveUnhealthy("http_failures", 1)), server1, server2);

        Requests r1 = clientRequests(SLOTS, up.host());
        postTargetEndpoint(up.id(), server2.target(), "unhealthy");
        pollWaitHealth(up.id(), server2.target(), "UNHEALTHY");
        Requests r2 = clientRequests(SLOTS, up.host());
        postTargetEndpoint(up.id(), server2.target(), "healthy");
        pollWaitHealth(up.id(), server2.target(), "HEALTHY");
        Requests r3 = clientRequests(SLOTS, up.host());

        assertThat(server1.ok.get()).isEqualTo(SLOTS * 2);
        assertThat(server2.ok.get()).isEqualTo(SLOTS);
        assertThat(server1.fail.get()).isZero();
        assertThat(server2.fail.get()).isZero();
        assertThat(r1.oks() + r2.oks() + r3.oks()).isEqualTo(SLOTS * 3);
        assertThat(r1.fails() + r2.fails() + r3.fails()).isZero();
    }

    /** {@value #SPEC}: "perform passive health checks -- connection #timeouts" (1 s timeouts, see the class). */
    @Test
    void perform_passive_health_checks_connection_timeouts() throws Exception {
        HealthToggleUpstream server1 = server();
        HealthToggleUpstream server2 = server();
        String host = balanced(
                        body("healthchecks", passiveUnhealthy("timeouts", 1)),
                        body("read_timeout", 1000, "write_timeout", 1000),
                        server1,
                        server2)
                .host();

        Requests r1 = clientRequests(SLOTS, host);
        server2.timeoutNext();
        Requests r2 = clientRequests(SLOTS, host);

        assertThat(server1.ok.get()).isEqualTo(SLOTS * 3 / 2);
        assertThat(server2.ok.get()).isEqualTo(SLOTS / 2);
        assertThat(server1.fail.get()).isZero();
        assertThat(server2.fail.get()).isEqualTo(1);
        assertThat(r1.oks() + r2.oks()).isEqualTo(SLOTS * 2);
        assertThat(r1.fails() + r2.fails()).isZero();
    }

    /** {@value #SPEC}: "perform passive health checks -- send #timeouts" (1 s timeout, see the class). */
    @Test
    void perform_passive_health_checks_send_timeouts() throws Exception {
        HealthToggleUpstream server1 = server();
        Balanced up = balanced(
                body("healthchecks", passiveUnhealthy("http_failures", 0, "timeouts", 1, "tcp_failures", 0)),
                body("read_timeout", 1000, "retries", 0),
                server1);
        server1.timeoutNext();

        Requests r = clientRequests(1, up.host());
        assertThat(r.lastStatus()).isEqualTo(504);
        assertThat(server1.ok.get()).isZero();
        assertThat(server1.fail.get()).isEqualTo(1);

        patch("/services/" + up.serviceId(), body("read_timeout", 60000));
        HealthToggleUpstream server2 = server();
        target(up.id(), server2.target());

        r = clientRequests(SLOTS, up.host());
        assertThat(r.lastStatus()).isEqualTo(200);
        assertThat(server2.ok.get()).isEqualTo(SLOTS);
        assertThat(server2.fail.get()).isZero();
    }

    // ---- describe "Consistent-hashing" ----

    /** An upstream hashing on the {@code hashme} header, with these health checks. */
    private static Map<String, Object> hashOnHeader(Map<String, Object> healthchecks) {
        return body("hash_on", "header", "hash_on_header", "hashme", "healthchecks", healthchecks);
    }

    /** {@value #SPEC}: "Consistent-hashing passive healthcheck" (loopback targets for the DNS name). */
    @Test
    void consistent_hashing_passive_healthcheck() throws Exception {
        int total = 9;
        List<HealthToggleUpstream> three = List.of(server(), server(), server());
        Balanced up = balanced(
                hashOnHeader(healthchecks(body(
                        "passive",
                        body("type", "http", "healthy", body("successes", 1), "unhealthy", body("http_failures", 1))))),
                three.toArray(HealthToggleUpstream[]::new));
        String host = up.host();

        clientRequests(total, host, "hashme", "just a value");
        List<Integer> counts = three.stream().map(s -> s.ok.get()).toList();
        assertThat(counts).allMatch(c -> c == 0 || c == total);
        assertThat(counts).containsOnlyOnce(total);
        assertThat(balancerHealth(up.name()).get("health").asText()).isEqualTo("HEALTHY");

        HealthToggleUpstream chosen = three.get(counts.indexOf(total));
        chosen.close();
        clientRequests(total, host, "hashme", "just a value");

        JsonNode health = balancerHealth(up.name());
        boolean found = false;
        for (JsonNode h : health.at("/details/hosts")) {
            if (h.get("port").asInt() == chosen.port()) {
                assertThat(h.at("/addresses/0/healthy").asBoolean())
                        .as(h.toString())
                        .isFalse();
                found = true;
            }
        }
        assertThat(found).as(health.toString()).isTrue();
        assertThat(health.get("health").asText()).isEqualTo("HEALTHY");
    }

    /** {@value #SPEC}: "Consistent-hashing active healthcheck". */
    @Test
    void consistent_hashing_active_healthcheck() throws Exception {
        List<HealthToggleUpstream> three = List.of(server(), server(), server());
        String upstream = balanced(hashOnHeader(active("type", "http")), three.toArray(HealthToggleUpstream[]::new))
                .name();

        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> three.stream().allMatch(s -> s.statusOk.get() > 0));
        JsonNode allHealthy = balancerHealth(upstream);
        three.get(2).healthy(false);
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    for (JsonNode h : balancerHealth(upstream).at("/details/hosts")) {
                        if (h.get("port").asInt() == three.get(2).port()) {
                            return !h.at("/addresses/0/healthy").asBoolean();
                        }
                    }
                    return false;
                });
        JsonNode notSoHealthy = balancerHealth(upstream);

        for (HealthToggleUpstream s : three) {
            assertThat(s.statusOk.get()).isPositive();
        }
        assertThat(three.get(0).statusFail.get()).isZero();
        assertThat(three.get(1).statusFail.get()).isZero();
        assertThat(three.get(2).statusFail.get()).isPositive();

        for (JsonNode h : allHealthy.at("/details/hosts")) {
            assertThat(h.at("/addresses/0/healthy").asBoolean())
                    .as(h.toString())
                    .isTrue();
        }
        assertThat(allHealthy.get("health").asText()).isEqualTo("HEALTHY");
        for (JsonNode h : notSoHealthy.at("/details/hosts")) {
            boolean third = h.get("port").asInt() == three.get(2).port();
            assertThat(h.at("/addresses/0/healthy").asBoolean())
                    .as(h.toString())
                    .isEqualTo(!third);
        }
        assertThat(notSoHealthy.get("health").asText()).isEqualTo("HEALTHY");
    }

    /**
     * {@value #SPEC}: "perform active health checks with upstream hostname" (for 1, 2 and 3 failures): the targets
     * answer only requests whose {@code Host} is {@code localhost}, the upstream's {@code host_header}, so the probes
     * must send it too: otherwise every probe gets 400, which counts neither way, and the failing target is never
     * seen as unhealthy.
     */
    @Test
    void perform_active_health_checks_with_upstream_hostname() throws Exception {
        for (int nfails = 1; nfails <= 3; nfails++) {
            activeUpThenDown(nfails, body("host_header", "localhost"), "localhost");
        }
    }
}
