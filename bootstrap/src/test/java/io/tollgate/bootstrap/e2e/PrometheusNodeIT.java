package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kong's prometheus plugin ({@code spec/03-plugins/26-prometheus}) on a real node with a real upstream: enabled
 * globally with every metrics flag, real traffic (plain, key-authenticated, refused, unrouted), then the Admin API's
 * {@code GET /metrics} scraped and parsed: Kong's families, labels and counts, and the node-level families.
 */
class PrometheusNodeIT {

    static final Duration PROPAGATION = Duration.ofSeconds(20);
    static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @RegisterExtension
    static final EchoNode node =
            EchoNode.withEchoService("prometheus", Map.of("status_listen", "127.0.0.1:" + NodeProcess.FREE_PORT));

    /** One sample line of the exposition. */
    record Sample(String name, Map<String, String> labels, double value) {}

    @BeforeAll
    static void start() throws Exception {
        created(Http.post(node.admin() + "/services/echo/routes", "{\"name\":\"open\",\"paths\":[\"/open\"]}"));
        created(Http.post(node.admin() + "/services/echo/routes", "{\"name\":\"keyed\",\"paths\":[\"/keyed\"]}"));
        created(Http.post(node.admin() + "/routes/keyed/plugins", "{\"name\":\"key-auth\"}"));
        created(Http.post(node.admin() + "/consumers", "{\"username\":\"alice\"}"));
        created(Http.post(node.admin() + "/consumers/alice/key-auth", "{\"key\":\"alice-key\"}"));
        created(Http.post(
                node.admin() + "/plugins",
                "{\"name\":\"prometheus\",\"config\":{\"per_consumer\":true,\"status_code_metrics\":true,"
                        + "\"latency_metrics\":true,\"bandwidth_metrics\":true}}"));
        Http.await(node.proxy() + "/keyed/warm", r -> r.status() == 200, PROPAGATION, "apikey", "alice-key");
        Http.await(node.proxy() + "/open/warm", r -> r.status() == 200, PROPAGATION);
        await().atMost(PROPAGATION).until(() -> requests("open", "200", "") >= 1);
    }

    static void created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @Test
    void counts_requests_per_service_route_code_source_and_consumer() {
        double open = requests("open", "200", "");
        double alice = requests("keyed", "200", "alice");
        double refused = requests("keyed", "401", "");
        for (int i = 0; i < 5; i++) {
            assertThat(Http.get(node.proxy() + "/open/n?i=" + i).status()).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(Http.get(node.proxy() + "/keyed/k", "apikey", "alice-key")
                            .status())
                    .isEqualTo(200);
        }
        assertThat(Http.get(node.proxy() + "/keyed/k").status()).isEqualTo(401);
        assertThat(Http.get(node.proxy() + "/nowhere").status()).isEqualTo(404);

        await().atMost(PROPAGATION).untilAsserted(() -> {
            assertThat(requests("open", "200", "")).isEqualTo(open + 5);
            assertThat(requests("keyed", "200", "alice")).isEqualTo(alice + 3);
            assertThat(requests("keyed", "401", "")).isEqualTo(refused + 1);
        });
        List<Sample> samples = scrape();
        assertThat(samples)
                .filteredOn(s -> s.name().equals("kong_http_requests_total"))
                .allSatisfy(s -> {
                    assertThat(s.labels())
                            .containsOnlyKeys("service", "route", "code", "source", "workspace", "consumer")
                            .containsEntry("service", "echo")
                            .containsEntry("workspace", "default");
                    assertThat(s.labels().get("source"))
                            .isEqualTo(s.labels().get("code").equals("401") ? "kong" : "service");
                });
        assertThat(samples)
                .as("a request no route matched has no service: not recorded, as in Kong")
                .noneMatch(s -> s.name().equals("kong_http_requests_total")
                        && s.labels().get("code").equals("404"));
    }

    @Test
    void observes_latencies_and_bandwidth_per_service_and_route() {
        assertThat(Http.get(node.proxy() + "/open/bytes").status()).isEqualTo(200);
        await().atMost(PROPAGATION).untilAsserted(() -> {
            List<Sample> samples = scrape();
            Map<String, String> echoOpen = Map.of("service", "echo", "route", "open", "workspace", "default");
            double count = value(samples, "kong_request_latency_ms_count", echoOpen);
            assertThat(count).isEqualTo(requests("open", "200", ""));
            assertThat(value(samples, "kong_upstream_latency_ms_count", echoOpen))
                    .isEqualTo(count);
            assertThat(value(samples, "kong_kong_latency_ms_count", echoOpen)).isEqualTo(count);
            Map<String, String> inf = new LinkedHashMap<>(echoOpen);
            inf.put("le", "+Inf");
            assertThat(value(samples, "kong_kong_latency_ms_bucket", inf)).isEqualTo(count);
            inf.put("le", "1000");
            assertThat(value(samples, "kong_kong_latency_ms_bucket", inf))
                    .as("Kong's kong-latency buckets end at 1000 ms")
                    .isGreaterThan(0);
            assertThat(value(
                            samples,
                            "kong_bandwidth_bytes",
                            Map.of(
                                    "service",
                                    "echo",
                                    "route",
                                    "open",
                                    "direction",
                                    "egress",
                                    "workspace",
                                    "default",
                                    "consumer",
                                    "")))
                    .isGreaterThan(0);
            assertThat(value(
                            samples,
                            "kong_bandwidth_bytes",
                            Map.of(
                                    "service",
                                    "echo",
                                    "route",
                                    "keyed",
                                    "direction",
                                    "ingress",
                                    "workspace",
                                    "default",
                                    "consumer",
                                    "alice")))
                    .isGreaterThan(0);
        });
    }

    @Test
    void serves_kongs_node_level_families_in_the_text_format() throws Exception {
        Http.Response response = Http.get(node.admin() + "/metrics");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(response.body())
                .contains("# TYPE kong_http_requests_total counter")
                .contains("# TYPE kong_kong_latency_ms histogram")
                .contains("# TYPE kong_datastore_reachable gauge");
        List<Sample> samples = parse(response.body());
        String nodeId = Http.JSON
                .readTree(Http.get(node.admin() + "/").body())
                .path("node_id")
                .asText();
        // Kong's own text, as its specs match it: its label order, whole numbers, le as Lua prints the bound
        assertThat(response.body())
                .contains("\nkong_datastore_reachable 1\n")
                .contains("\nkong_node_info{node_id=\"" + nodeId + "\",version=\"")
                .containsPattern("\nkong_http_requests_total\\{service=\"echo\",route=\"open\",code=\"200\","
                        + "source=\"service\",workspace=\"default\",consumer=\"\"} [1-9][0-9]*\n")
                .containsPattern("\nkong_kong_latency_ms_bucket\\{service=\"echo\",route=\"open\","
                        + "workspace=\"default\",le=\"1000\"} [1-9][0-9]*\n");
        assertThat(samples)
                .filteredOn(s -> s.name().equals("kong_node_info"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.labels())
                            .containsOnlyKeys("node_id", "version")
                            .containsEntry("node_id", nodeId);
                    assertThat(s.value()).isEqualTo(1.0);
                });
        assertThat(value(samples, "kong_datastore_reachable", Map.of())).isEqualTo(1.0);
        assertThat(samples)
                .filteredOn(s -> s.name().equals("kong_nginx_connections_total"))
                .extracting(s -> s.labels().get("state"))
                .containsExactlyInAnyOrder("accepted", "active", "handled", "reading", "total", "waiting", "writing");
        assertThat(value(samples, "tollgate_cache_entries", Map.of("kind", "keyauth_credentials")))
                .as("alice's key, looked up through the node cache")
                .isGreaterThanOrEqualTo(1);
        assertThat(samples)
                .filteredOn(s -> s.name().equals("kong_nginx_requests_total"))
                .singleElement()
                .satisfies(s -> assertThat(s.value()).isGreaterThan(0));
    }

    @Test
    void exports_the_node_caches_counters_per_kind_and_the_database_pools() {
        List<Sample> before = scrape();
        Map<String, String> keyauth = Map.of("kind", "keyauth_credentials");
        double hits = value(before, "tollgate_cache_hits_total", keyauth);
        double negative = value(before, "tollgate_cache_negative_hits_total", keyauth);
        double notFound = value(
                before, "tollgate_cache_loads_total", Map.of("kind", "keyauth_credentials", "result", "not_found"));
        String unknown = "no-such-key-" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            assertThat(Http.get(node.proxy() + "/keyed/k", "apikey", "alice-key")
                            .status())
                    .isEqualTo(200);
            assertThat(Http.get(node.proxy() + "/keyed/k", "apikey", unknown).status())
                    .isEqualTo(401);
        }
        List<Sample> after = scrape();
        assertThat(value(after, "tollgate_cache_hits_total", keyauth))
                .as("alice's key three times and the unknown key twice, from the cache")
                .isGreaterThanOrEqualTo(hits + 5);
        assertThat(value(after, "tollgate_cache_negative_hits_total", keyauth))
                .as("the unknown key's second and third lookups hit its cached miss")
                .isEqualTo(negative + 2);
        assertThat(value(
                        after,
                        "tollgate_cache_loads_total",
                        Map.of("kind", "keyauth_credentials", "result", "not_found")))
                .isEqualTo(notFound + 1);
        assertThat(value(after, "tollgate_cache_misses_total", keyauth)).isGreaterThanOrEqualTo(2);
        assertThat(value(after, "tollgate_cache_entries", keyauth)).isGreaterThanOrEqualTo(2);
        assertThat(after)
                .filteredOn(s -> s.name().equals("tollgate_cache_evictions_total"))
                .extracting(s -> s.labels().get("cause"))
                .contains("size", "expired");
        Map<String, String> dbCache = Map.of("shared_dict", "kong_db_cache", "kong_subsystem", "http");
        assertThat(value(after, "kong_memory_lua_shared_dict_total_bytes", dbCache))
                .as("mem_cache_size, 128m by default")
                .isEqualTo(128.0 * 1024 * 1024);
        assertThat(value(after, "kong_memory_lua_shared_dict_bytes", dbCache)).isPositive();
        assertThat(after)
                .filteredOn(s -> s.name().equals("tollgate_db_pool_max_connections"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.labels()).containsExactly(Map.entry("pool", "primary"));
                    assertThat(s.value()).isEqualTo(10);
                });
        for (String family : List.of(
                "tollgate_db_pool_active_connections",
                "tollgate_db_pool_idle_connections",
                "tollgate_db_pool_pending_threads")) {
            assertThat(value(after, family, Map.of("pool", "primary")))
                    .as(family)
                    .isBetween(0.0, 10.0);
        }
    }

    /**
     * {@code kong_nginx_timers} counts the node's scheduled tasks (several schedulers always have one waiting), and the
     * {@code prometheus_metrics} dict's bytes are those of the registry's families in the same text.
     */
    @Test
    void exports_the_node_timers_and_the_metrics_registrys_size() {
        Http.Response response = Http.get(node.admin() + "/metrics");
        assertThat(response.status()).isEqualTo(200);
        List<Sample> samples = parse(response.body());
        assertThat(value(samples, "kong_nginx_timers", Map.of("state", "running"))
                        + value(samples, "kong_nginx_timers", Map.of("state", "pending")))
                .isGreaterThanOrEqualTo(1);
        List<String> registry = List.of(
                "kong_http_requests_total",
                "kong_kong_latency_ms",
                "kong_upstream_latency_ms",
                "kong_request_latency_ms",
                "kong_bandwidth_bytes",
                "tollgate_invalidations_applied_total",
                "tollgate_structure_update_");
        long registryBytes = response.body()
                .lines()
                .filter(line -> registry.stream()
                        .anyMatch(family ->
                                line.replaceFirst("^# (HELP|TYPE) ", "").startsWith(family)))
                .mapToLong(line -> line.getBytes(StandardCharsets.UTF_8).length + 1)
                .sum();
        Map<String, String> metricsDict = Map.of("shared_dict", "prometheus_metrics", "kong_subsystem", "http");
        double bytes = value(samples, "kong_memory_lua_shared_dict_bytes", metricsDict);
        assertThat(bytes).isPositive().isEqualTo((double) registryBytes);
        assertThat(value(samples, "kong_memory_lua_shared_dict_total_bytes", metricsDict))
                .as("the JVM's maximum heap")
                .isGreaterThan(bytes);
    }

    /**
     * {@code GET /status} (Admin API and status API) lists the {@code prometheus_metrics} dict in
     * {@code memory.lua_shared_dicts}, in Kong's shape (as {@code kong_db_cache}), with {@code /metrics}' values.
     */
    @Test
    void status_lists_the_prometheus_metrics_dict() throws Exception {
        Map<String, String> metricsDict = Map.of("shared_dict", "prometheus_metrics", "kong_subsystem", "http");
        double capacity = value(scrape(), "kong_memory_lua_shared_dict_total_bytes", metricsDict);
        for (String base : List.of(node.admin(), "http://" + node.settings().get("status_listen"))) {
            Http.Response status = Http.get(base + "/status?unit=b");
            assertThat(status.status()).as(status.body()).isEqualTo(200);
            JsonNode dicts = Http.JSON.readTree(status.body()).get("memory").get("lua_shared_dicts");
            assertThat(dicts.get("prometheus_metrics").get("capacity").asLong()).isEqualTo((long) capacity);
            assertThat(dicts.get("prometheus_metrics").get("allocated_slabs").isIntegralNumber())
                    .isTrue();
            assertThat(dicts.get("prometheus_metrics").get("allocated_slabs").asLong())
                    .isPositive();
            JsonNode mebibytes = Http.JSON
                    .readTree(Http.get(base + "/status").body())
                    .get("memory")
                    .get("lua_shared_dicts");
            assertThat(mebibytes.get("prometheus_metrics").get("capacity").asText())
                    .matches("\\d+\\.\\d+ MiB");
            assertThat(mebibytes
                            .get("prometheus_metrics")
                            .get("allocated_slabs")
                            .asText())
                    .matches("\\d+\\.\\d+ MiB");
        }
    }

    @Test
    void exports_tollgates_cluster_and_structure_update_families() throws Exception {
        String nodeId = Http.JSON
                .readTree(Http.get(node.admin() + "/").body())
                .path("node_id")
                .asText();
        created(Http.post(node.admin() + "/services/echo/routes", "{\"name\":\"counted\",\"paths\":[\"/counted\"]}"));
        List<Sample> samples = scrape();
        assertThat(value(samples, "tollgate_cluster_members", Map.of("state", "active")))
                .isEqualTo(1.0);
        assertThat(value(samples, "tollgate_cluster_members", Map.of("state", "failed")))
                .isEqualTo(0.0);
        double head = value(samples, "tollgate_event_log_head", Map.of());
        assertThat(head).as("the route just created was committed to the log").isGreaterThan(0);
        assertThat(samples)
                .filteredOn(s -> s.name().equals("tollgate_cluster_member_lag_commits"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.labels()).containsEntry("node_id", nodeId).containsEntry("state", "active");
                    assertThat(s.value()).isBetween(0.0, head);
                });
        assertThat(samples)
                .filteredOn(s -> s.name().equals("tollgate_cluster_member_last_heartbeat_seconds"))
                .singleElement()
                .satisfies(s -> assertThat(s.value())
                        .isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(120.0)));
        assertThat(value(samples, "tollgate_invalidations_applied_total", Map.of()))
                .as("every entity this class created was applied to the node")
                .isGreaterThanOrEqualTo(8);
        assertThat(value(samples, "tollgate_structure_update_ms_count", Map.of("structure", "router")))
                .as("route writes updated the router")
                .isGreaterThanOrEqualTo(1);
        assertThat(value(samples, "tollgate_structure_update_failures_total", Map.of("structure", "router")))
                .isEqualTo(0.0);
    }

    @Test
    void kongs_status_api_serves_readiness_status_and_the_same_metrics() throws Exception {
        String listen = node.settings().get("status_listen");
        String statusApi = "http://" + listen;
        Http.Response ready = Http.get(statusApi + "/status/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("message").asText()).isEqualTo("ready");
        assertThat(Http.get(statusApi + "/status")
                        .json()
                        .path("database")
                        .path("reachable")
                        .asBoolean())
                .isTrue();
        assertThat(parse(Http.get(statusApi + "/metrics").body()))
                .filteredOn(s -> s.name().equals("kong_node_info"))
                .hasSize(1);
        assertThat(Http.get(statusApi + "/services").status()).isEqualTo(404);
        assertThat(Http.JSON
                        .readTree(Http.get(node.admin() + "/").body())
                        .path("configuration")
                        .path("status_listen")
                        .get(0)
                        .asText())
                .isEqualTo(listen);
    }

    @Test
    void exports_upstream_target_health_while_an_instance_asks_for_it() throws Exception {
        assertThat(scrape())
                .as("no instance has upstream_health_metrics yet")
                .noneMatch(s -> s.name().equals("kong_upstream_target_health"));
        String target = "127.0.0.1:" + java.net.URI.create(node.upstreamUrl()).getPort();
        created(Http.post(node.admin() + "/upstreams", "{\"name\":\"pool\"}"));
        created(Http.post(node.admin() + "/upstreams/pool/targets", "{\"target\":\"" + target + "\"}"));
        created(Http.post(node.admin() + "/services", "{\"name\":\"other\",\"url\":\"" + node.upstreamUrl() + "\"}"));
        Http.Response healthy = Http.post(
                node.admin() + "/services/other/plugins",
                "{\"name\":\"prometheus\",\"config\":{\"upstream_health_metrics\":true}}");
        created(healthy);

        await().atMost(PROPAGATION).untilAsserted(() -> {
            List<Sample> health = scrape().stream()
                    .filter(s -> s.name().equals("kong_upstream_target_health"))
                    .toList();
            assertThat(health)
                    .extracting(s -> s.labels().get("state"))
                    .containsExactlyInAnyOrder("healthchecks_off", "healthy", "unhealthy", "dns_error");
            assertThat(health)
                    .allSatisfy(s -> assertThat(s.labels())
                            .containsEntry("upstream", "pool")
                            .containsEntry("target", target)
                            .containsEntry("address", target)
                            .containsEntry("subsystem", "http"));
            assertThat(health)
                    .filteredOn(s -> s.value() == 1.0)
                    .extracting(s -> s.labels().get("state"))
                    .containsExactly("healthchecks_off");
        });
        String id = Http.JSON.readTree(healthy.body()).path("id").asText();
        assertThat(Http.delete(node.admin() + "/plugins/" + id).status()).isEqualTo(204);
        assertThat(scrape())
                .as("read at every scrape: gone with the instance")
                .noneMatch(s -> s.name().equals("kong_upstream_target_health"));
    }

    /** {@code kong_http_requests_total} of route {@code route} of service echo, or 0 when absent. */
    static double requests(String route, String code, String consumer) {
        return value(
                scrape(),
                "kong_http_requests_total",
                Map.of("service", "echo", "route", route, "code", code, "workspace", "default", "consumer", consumer));
    }

    /** The value of the sample whose labels include {@code labels}, or 0 when none has them. */
    static double value(List<Sample> samples, String name, Map<String, String> labels) {
        return samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value)
                .sum();
    }

    static List<Sample> scrape() {
        Http.Response response = Http.get(node.admin() + "/metrics");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return parse(response.body());
    }

    static List<Sample> parse(String exposition) {
        List<Sample> samples = new ArrayList<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("a sample line: %s", line).isTrue();
            Map<String, String> labels = new LinkedHashMap<>();
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return samples;
    }
}
