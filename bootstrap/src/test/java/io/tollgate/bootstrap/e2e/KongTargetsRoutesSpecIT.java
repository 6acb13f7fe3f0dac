package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static io.tollgate.bootstrap.e2e.Http.send;
import static io.tollgate.bootstrap.e2e.KongUpstreamsRoutesSpecIT.FORM;
import static io.tollgate.bootstrap.e2e.KongUpstreamsRoutesSpecIT.JSON;
import static io.tollgate.bootstrap.e2e.KongUpstreamsRoutesSpecIT.MULTIPART;
import static io.tollgate.bootstrap.e2e.KongUpstreamsRoutesSpecIT.fields;
import static io.tollgate.bootstrap.e2e.KongUpstreamsRoutesSpecIT.parse;
import static io.tollgate.bootstrap.e2e.KongUpstreamsRoutesSpecIT.sendBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kong's {@code spec/02-integration/04-admin_api/08-targets_routes_spec.lua} on one real node, its health cases with
 * this node's health checker. The stored spec still has Kong's target history (a target posted again appends a row,
 * weight 0 hides it, {@code /targets/all} lists the history); Kong 3.x keeps one row per target and upstream, so the
 * cases that only test the history have no counterpart, and the health and DELETE cases are ported with each target
 * created once at its final weight. Each case uses an upstream of its own.
 *
 * <p>Of the spec's 45 {@code it} cases (a case run per content type, per method or per loopback form counts once per
 * run), 43 are ported. 2 test the target history only: {@code cleans up old target entries} and {@code only shows
 * active targets}. The {@code /targets/all} cases read Kong 3.x's listing of every target of the upstream.
 */
class KongTargetsRoutesSpecIT {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final Map<String, String> LOCALHOSTS = Map.of(
            "ipv4", "127.0.0.1",
            "ipv6", "[0000:0000:0000:0000:0000:0000:0000:0001]",
            "hostname", "localhost");
    private static final String PASSIVE = """
            {"healthchecks":{"passive":{"healthy":{"successes":1},
                                        "unhealthy":{"tcp_failures":1,"http_failures":1,"timeouts":1}}}}""";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-targets", dir, Map.of());
        admin = node.admin();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** A new upstream of this case's own (Kong's blueprint upstream); returns its JSON. */
    private static JsonNode upstream() {
        Http.Response response = post(admin + "/upstreams", "{\"name\":\"t" + NEXT.incrementAndGet() + "-up\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static JsonNode target(JsonNode upstream, String target, int weight) {
        Http.Response response = post(
                admin + "/upstreams/" + upstream.get("name").asText() + "/targets",
                "{\"target\":\"" + target + "\",\"weight\":" + weight + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static String targetsUrl(JsonNode upstream) {
        return admin + "/upstreams/" + upstream.get("name").asText() + "/targets/";
    }

    /** 08-targets_routes_spec: "/targets returns a 404". */
    @Test
    void targets_returns_a_404() {
        Http.Response response = get(admin + "/targets");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("message").asText()).isEqualTo("Not found");
    }

    // ------------------------------------------------------------------ POST

    /** 08-targets_routes_spec: "/upstreams/{upstream}/targets/ POST creates a target with defaults" (per type). */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void creates_a_target_with_defaults(String contentType) {
        Http.Response response = sendBody("POST", targetsUrl(upstream()), contentType, fields("target", "mashape.com"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode json = response.json();
        assertThat(json.get("target").asText()).isEqualTo("mashape.com:8000");
        assertThat(json.get("created_at").isNumber()).isTrue();
        assertThat(json.get("id").isTextual()).isTrue();
        assertThat(json.get("weight").asInt()).isEqualTo(100);
    }

    /** 08-targets_routes_spec: "/upstreams/{upstream}/targets/ POST creates a target without defaults" (per type). */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void creates_a_target_without_defaults(String contentType) {
        Http.Response response = sendBody(
                "POST", targetsUrl(upstream()), contentType, fields("target", "mashape.com:123", "weight", 99));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode json = response.json();
        assertThat(json.get("target").asText()).isEqualTo("mashape.com:123");
        assertThat(json.get("created_at").isNumber()).isTrue();
        assertThat(json.get("id").isTextual()).isTrue();
        assertThat(json.get("weight").asInt()).isEqualTo(99);
    }

    /** 08-targets_routes_spec: "/upstreams/{upstream}/targets/ POST errors handles malformed JSON body". */
    @Test
    void handles_malformed_json_body() {
        Http.Response response = Http.sendAs("POST", targetsUrl(upstream()), JSON, "{\"hello\": \"world\"");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json()).isEqualTo(parse("{\"message\":\"Cannot parse JSON body\"}"));
    }

    /**
     * 08-targets_routes_spec: "/upstreams/{upstream}/targets/ POST errors handles invalid input" (per type); the
     * target message and the weight bound as Kong 3.x has them (the value in the message, weights up to 65535).
     */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void handles_invalid_input(String contentType) {
        String url = targetsUrl(upstream());
        Http.Response missing = sendBody("POST", url, contentType, fields("weight", 0));
        assertThat(missing.status()).as(missing.body()).isEqualTo(400);
        assertThat(missing.json().get("name").asText()).isEqualTo("schema violation");
        assertThat(missing.json().get("fields")).isEqualTo(parse("{\"target\":\"required field missing\"}"));

        Http.Response invalid = sendBody("POST", url, contentType, fields("target", "some invalid host name"));
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
        assertThat(invalid.json().get("name").asText()).isEqualTo("schema violation");
        assertThat(invalid.json().get("fields"))
                .isEqualTo(parse("{\"target\":\"Invalid target ('some invalid host name'); "
                        + "not a valid hostname or ip address\"}"));

        Http.Response weight = sendBody("POST", url, contentType, fields("target", "mashape.com", "weight", 65536));
        assertThat(weight.status()).as(weight.body()).isEqualTo(400);
        assertThat(weight.json().get("name").asText()).isEqualTo("schema violation");
        assertThat(weight.json().get("fields"))
                .isEqualTo(parse("{\"weight\":\"value should be between 0 and 65535\"}"));
    }

    /**
     * 08-targets_routes_spec: "/upstreams/{upstream}/targets/ POST errors returns 405 on PUT|PATCH|DELETE" (per
     * method and content type).
     */
    @ParameterizedTest
    @CsvSource({
        "PUT," + FORM, "PUT," + MULTIPART, "PUT," + JSON,
        "PATCH," + FORM, "PATCH," + MULTIPART, "PATCH," + JSON,
        "DELETE," + FORM, "DELETE," + MULTIPART, "DELETE," + JSON
    })
    void returns_405_on_method(String method, String contentType) {
        Http.Response response = sendBody(method, targetsUrl(upstream()), contentType, fields("target", "mashape.com"));
        assertThat(response.status()).as(response.body()).isEqualTo(405);
    }

    // ------------------------------------------------------------------ GET

    /** 08-targets_routes_spec: "/upstreams/{upstream}/targets/ GET empty results data property is an empty array". */
    @Test
    void data_property_is_an_empty_array() {
        Http.Response response =
                get(admin + "/upstreams/" + upstream().get("name").asText() + "/targets");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"data\":[]");
    }

    /** 08-targets_routes_spec: "/upstreams/{upstream}/targets/all/ GET offset is a string" (it reads /targets). */
    @Test
    void offset_is_a_string() {
        JsonNode upstream = upstream();
        for (int i = 1; i <= 10; i++) {
            target(upstream, "api-" + i + ":80", 100);
        }
        Http.Response response =
                get(admin + "/upstreams/" + upstream.get("name").asText() + "/targets?size=3");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("offset").isTextual()).isTrue();
    }

    /** Kong's {@code /targets/all} set-up: ten targets {@code api-1:80} … {@code api-10:80} of weight 100. */
    private static String tenTargets() {
        JsonNode upstream = upstream();
        for (int i = 1; i <= 10; i++) {
            target(upstream, "api-" + i + ":80", 100);
        }
        return admin + "/upstreams/" + upstream.get("name").asText() + "/targets/all";
    }

    /** 08-targets_routes_spec: "/upstreams/{upstream}/targets/all/ GET retrieves the first page". */
    @Test
    void all_retrieves_the_first_page() {
        Http.Response response = get(tenTargets());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("data")).hasSize(10);
    }

    /** 08-targets_routes_spec: "/upstreams/{upstream}/targets/all/ GET paginates a set". */
    @Test
    void all_paginates_a_set() {
        String all = tenTargets();
        List<JsonNode> pages = new ArrayList<>();
        String offset = null;
        for (int i = 1; i <= 4; i++) {
            Http.Response response = get(all + "?size=3" + (offset == null ? "" : "&offset=" + offset));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode json = response.json();
            assertThat(json.get("data")).hasSize(i < 4 ? 3 : 1);
            if (i > 1) {
                assertThat(json).isNotEqualTo(pages.get(i - 2));
            }
            offset = json.hasNonNull("offset")
                    ? java.net.URLEncoder.encode(json.get("offset").asText(), java.nio.charset.StandardCharsets.UTF_8)
                    : null;
            pages.add(json);
        }
    }

    /** 08-targets_routes_spec: "/upstreams/{upstream}/targets/all/ GET ingores filters". */
    @Test
    void all_ignores_filters() {
        assertThat(get(tenTargets() + "?foo=bar").status()).isEqualTo(200);
    }

    /** 08-targets_routes_spec: "/upstreams/{upstream}/targets/all/ GET ignores an invalid body". */
    @Test
    void all_ignores_an_invalid_body() {
        assertThat(Http.sendAs("GET", tenTargets(), "application/json", "this fails if decoded as json")
                        .status())
                .isEqualTo(200);
    }

    /** 08-targets_routes_spec: "/upstreams/{upstream}/targets/all/ GET empty results data property is an empty array". */
    @Test
    void all_data_property_is_an_empty_array() {
        Http.Response response =
                get(admin + "/upstreams/" + upstream().get("name").asText() + "/targets/all");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(parse("{\"data\":[],\"next\":null}"));
        assertThat(response.body()).contains("\"data\":[]");
    }

    // ------------------------------------------------------------------ health

    /** Kong's four targets (the first one at weight 0); returns the three with weight 10. */
    private static List<JsonNode> addTargets(JsonNode upstream, String format) {
        target(upstream, String.format(format, 1), 0);
        List<JsonNode> weighted = new ArrayList<>();
        for (int i = 2; i <= 4; i++) {
            weighted.add(target(upstream, String.format(format, i), 10));
        }
        return weighted;
    }

    /** Asserts {@code /upstreams/{u}/health} (with and without a trailing slash) shows each target with health. */
    private static void checkHealth(JsonNode upstream, List<JsonNode> targets, String health) {
        String nodeId = get(admin + "/").json().get("node_id").asText();
        for (String append : List.of("", "/")) {
            Http.Response response =
                    get(admin + "/upstreams/" + upstream.get("name").asText() + "/health" + append);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode json = response.json();
            assertThat(json.get("node_id").asText()).isEqualTo(nodeId);
            Map<String, JsonNode> shown = new LinkedHashMap<>();
            json.get("data").forEach(t -> shown.put(t.get("id").asText(), t));
            for (JsonNode target : targets) {
                JsonNode entry = shown.get(target.get("id").asText());
                assertThat(entry)
                        .as(target.get("target").asText() + " in " + json)
                        .isNotNull();
                assertThat(entry.get("target").asText())
                        .isEqualTo(target.get("target").asText());
                assertThat(entry.get("health").asText()).as(entry.toString()).isEqualTo(health);
                if (entry.has("data") && entry.get("data").has("addresses")) {
                    entry.get("data")
                            .get("addresses")
                            .forEach(a -> assertThat(a.get("health").asText()).isEqualTo(health));
                }
            }
        }
    }

    private static void patch(JsonNode upstream, String body) {
        Http.Response response =
                send("PATCH", admin + "/upstreams/" + upstream.get("name").asText(), body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /**
     * 08-targets_routes_spec: "/upstreams/{upstream}/health/ GET with healthchecks off returns HEALTHCHECKS_OFF for
     * targets that resolve" ({@code localhost} where Kong's test hosts file has {@code custom_localhost}).
     */
    @Test
    void returns_healthchecks_off_for_targets_that_resolve() {
        JsonNode upstream = upstream();
        List<JsonNode> targets = new ArrayList<>(addTargets(upstream, "127.0.0.1:8%d"));
        targets.addAll(addTargets(upstream, "localhost:8%d"));
        checkHealth(upstream, targets, "HEALTHCHECKS_OFF");
    }

    /**
     * 08-targets_routes_spec: "/upstreams/{upstream}/health/ GET with healthchecks off returns DNS_ERROR if DNS cannot
     * be resolved": each name target without an address shows {@code DNS_ERROR} and no address.
     */
    @Test
    void returns_dns_error_if_dns_cannot_be_resolved_with_healthchecks_off() {
        JsonNode upstream = upstream();
        List<JsonNode> targets = addTargets(upstream, "bad-health-target-%d:80");
        checkHealth(upstream, targets, "DNS_ERROR");
        assertNoAddresses(upstream);
    }

    /** 08-targets_routes_spec: "… GET with healthchecks on returns DNS_ERROR if DNS cannot be resolved", as above. */
    @Test
    void returns_dns_error_if_dns_cannot_be_resolved_with_healthchecks_on() {
        JsonNode upstream = upstream();
        patch(upstream, PASSIVE);
        List<JsonNode> targets = addTargets(upstream, "bad-target-%d:80");
        checkHealth(upstream, targets, "DNS_ERROR");
        assertNoAddresses(upstream);
    }

    private static void assertNoAddresses(JsonNode upstream) {
        JsonNode data = get(admin + "/upstreams/" + upstream.get("name").asText() + "/health")
                .json()
                .get("data");
        assertThat(data).isNotEmpty();
        data.forEach(t -> assertThat(t.at("/data/addresses").isArray()
                        && t.at("/data/addresses").isEmpty())
                .as(t.toString())
                .isTrue());
    }

    /** 08-targets_routes_spec: "/upstreams/{upstream}/health/ GET with healthchecks on returns HEALTHY if…". */
    @Test
    void returns_healthy_if_failure_not_detected() {
        JsonNode upstream = upstream();
        patch(upstream, PASSIVE);
        checkHealth(upstream, addTargets(upstream, "localhost:222%d"), "HEALTHY");
    }

    /** 08-targets_routes_spec: "/upstreams/{upstream}/health/ GET with healthchecks on returns UNHEALTHY if…". */
    @Test
    void returns_unhealthy_if_failure_detected() {
        JsonNode upstream = upstream();
        patch(upstream, PASSIVE);
        List<JsonNode> targets = addTargets(upstream, "localhost:222%d");
        patch(upstream, """
                {"healthchecks":{"active":{"healthy":{"interval":0.1},
                                           "unhealthy":{"interval":0.1,"tcp_failures":1}}}}""");
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> checkHealth(upstream, targets, "UNHEALTHY"));
    }

    // ------------------------------------------------------------------ (un)healthy

    private record Forced(JsonNode upstream, JsonNode target, JsonNode wrongTarget, String targetPath) {}

    /** Kong's setup for one mode: a target of another upstream, and one below an upstream with passive checks. */
    private static Forced forced(String mode) {
        String name = LOCALHOSTS.get(mode) + ":8192";
        JsonNode wrongTarget = target(upstream(), name, 10);
        JsonNode upstream = upstream();
        Http.Response patched =
                send("PATCH", admin + "/upstreams/" + upstream.get("id").asText(), PASSIVE);
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        Http.Response created = post(
                admin + "/upstreams/" + upstream.get("id").asText() + "/targets",
                "{\"target\":\"" + name + "\",\"weight\":10}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode target = created.json();
        assertThat(target.get("target").asText()).isEqualTo(name);
        return new Forced(
                upstream,
                target,
                wrongTarget,
                "/upstreams/" + upstream.get("id").asText() + "/targets/"
                        + segment(target.get("target").asText()));
    }

    /** A target in a URL path: an IPv6 literal's brackets percent-encoded (Kong's client sends them raw). */
    private static String segment(String target) {
        return target.replace("[", "%5B").replace("]", "%5D");
    }

    private static String firstHealth(Forced f) {
        Http.Response response =
                get(admin + "/upstreams/" + f.upstream().get("id").asText() + "/health");
        assertThat(response.status()).isEqualTo(200);
        JsonNode first = response.json().get("data").get(0);
        assertThat(first.get("target").asText())
                .isEqualTo(f.target().get("target").asText());
        return first.get("health").asText();
    }

    /**
     * 08-targets_routes_spec: "/upstreams/{upstream}/targets/{target}/(un)healthy POST checks every combination of
     * valid and invalid upstream and target" (per mode: ipv4, ipv6, hostname).
     */
    @ParameterizedTest
    @ValueSource(strings = {"ipv4", "ipv6", "hostname"})
    void checks_every_combination_of_valid_and_invalid_upstream_and_target(String mode) {
        Forced f = forced(mode);
        List<String> upstreams = List.of(
                UUID.randomUUID().toString(),
                "invalid",
                f.upstream().get("name").asText(),
                f.upstream().get("id").asText());
        List<String> targets = List.of(
                UUID.randomUUID().toString(),
                "invalid:1234",
                f.wrongTarget().get("id").asText(),
                f.target().get("target").asText(),
                f.target().get("id").asText());
        for (int i = 0; i < upstreams.size(); i++) {
            for (int j = 0; j < targets.size(); j++) {
                for (String e : List.of("healthy", "unhealthy")) {
                    int expected = i >= 2 && j >= 3 ? 204 : 404;
                    String path = "/upstreams/" + upstreams.get(i) + "/targets/" + segment(targets.get(j)) + "/" + e;
                    assertThat(send("POST", admin + path, null).status())
                            .as("bad status for path " + path)
                            .isEqualTo(expected);
                }
            }
        }
    }

    /** 08-targets_routes_spec: "…/(un)healthy POST flips the target status from UNHEALTHY to HEALTHY" (per mode). */
    @ParameterizedTest
    @ValueSource(strings = {"ipv4", "ipv6", "hostname"})
    void flips_the_target_status_from_unhealthy_to_healthy(String mode) {
        Forced f = forced(mode);
        Http.Response unhealthy = send("POST", admin + f.targetPath() + "/unhealthy", null);
        assertThat(unhealthy.status()).as(unhealthy.body()).isEqualTo(204);
        assertThat(firstHealth(f)).isEqualTo("UNHEALTHY");
        assertThat(send("POST", admin + f.targetPath() + "/healthy", null).status())
                .isEqualTo(204);
        assertThat(firstHealth(f)).isEqualTo("HEALTHY");
    }

    /** 08-targets_routes_spec: "…/(un)healthy POST flips the target status from HEALTHY to UNHEALTHY" (per mode). */
    @ParameterizedTest
    @ValueSource(strings = {"ipv4", "ipv6", "hostname"})
    void flips_the_target_status_from_healthy_to_unhealthy(String mode) {
        Forced f = forced(mode);
        assertThat(send("POST", admin + f.targetPath() + "/healthy", null).status())
                .isEqualTo(204);
        assertThat(firstHealth(f)).isEqualTo("HEALTHY");
        assertThat(send("POST", admin + f.targetPath() + "/unhealthy", null).status())
                .isEqualTo(204);
        assertThat(firstHealth(f)).isEqualTo("UNHEALTHY");
    }

    // ------------------------------------------------------------------ DELETE

    /** Kong's two targets {@code api-1:80} and {@code api-2:80}; returns the second. */
    private static JsonNode twoTargets(JsonNode upstream) {
        target(upstream, "api-1:80", 10);
        return target(upstream, "api-2:80", 10);
    }

    private static void onlyApi1Left(JsonNode upstream) {
        Http.Response response =
                get(admin + "/upstreams/" + upstream.get("name").asText() + "/targets");
        assertThat(response.status()).isEqualTo(200);
        JsonNode data = response.json().get("data");
        assertThat(data).hasSize(1);
        assertThat(data.get(0).get("target").asText()).isEqualTo("api-1:80");
    }

    /**
     * 08-targets_routes_spec: "/upstreams/{upstream}/targets/{target} DELETE acts as a sugar method to POST a target
     * with 0 weight (by target)": 204, and the upstream's targets are {@code api-1:80} alone (Kong 3.x deletes the
     * row; the history count on {@code /targets/all} has no counterpart).
     */
    @Test
    void delete_by_target() {
        JsonNode upstream = upstream();
        JsonNode target = twoTargets(upstream);
        assertThat(Http.delete(targetsUrl(upstream) + target.get("target").asText())
                        .status())
                .isEqualTo(204);
        onlyApi1Left(upstream);
    }

    /** 08-targets_routes_spec: "… DELETE acts as a sugar method to POST a target with 0 weight (by id)", as above. */
    @Test
    void delete_by_id() {
        JsonNode upstream = upstream();
        JsonNode target = twoTargets(upstream);
        assertThat(Http.delete(targetsUrl(upstream) + target.get("id").asText()).status())
                .isEqualTo(204);
        onlyApi1Left(upstream);
    }
}
