package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/31-proxy-cache/02-access_spec.lua} (memory strategy): proxy-cache on the proxy path
 * against one real node proxying to {@link KongMockUpstream} ({@code /cache/{n}}, {@code /response-headers},
 * {@code /xml}, {@code /stream/{n}}). All 32 of the spec's cases are ported.
 * Kong's {@code setup} creates twenty routes sharing one cache; here every case creates its own routes (unique hosts or
 * paths) with Kong's plugin configuration for the route it uses, so no case depends on another's cache entries. Where
 * Kong waits for an entry to expire or to age, the case waits (Awaitility) on the entry as
 * {@code GET /proxy-cache/{key}} shows it.
 */
class KongProxyCacheAccessSpecIT {

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;
    static KongMockUpstream mock;
    static String service;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("kong-proxy-cache-access", dir, Map.of());
        client = new KongSpecClient(node.admin());
        service = id(client.create("/services", body("name", "mock", "url", mock.url())));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    private static String id(JsonNode entity) {
        return entity.get("id").asText();
    }

    /** A route (named after its host) for a fresh host named after {@code name}; returns the host. */
    private static String hostRoute(String name) {
        String host = unique(name) + ".com";
        client.create("/routes", body("name", host, "hosts", List.of(host), "service", Map.of("id", service)));
        return host;
    }

    /** Kong's plugin configuration: memory strategy, {@code text/plain} and JSON, plus {@code more}. */
    private static Map<String, Object> config(Object... more) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("strategy", "memory");
        config.put("content_type", List.of("text/plain", "application/json"));
        config.put("memory", Map.of("dictionary_name", "kong"));
        config.putAll(body(more));
        return config;
    }

    /** A proxy-cache instance on the route of {@code host}. */
    private static void cache(String host, Map<String, Object> config) {
        plugin("proxy-cache", host, config);
    }

    private static void plugin(String name, String host, Map<String, Object> config) {
        client.create("/routes/" + host + "/plugins", body("name", name, "config", config));
    }

    /** A host route with a proxy-cache instance configured as {@code config(more)}; returns the host. */
    private static String cachedRoute(String name, Object... more) {
        String host = hostRoute(name);
        cache(host, config(more));
        return host;
    }

    /** A proxy request; {@code headers} as name/value pairs. */
    private static RawHttp.Response send(String method, String host, String target, String... headers)
            throws IOException {
        RawHttp.Request request = RawHttp.request(method, host, target);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json").body("{\"foo\":\"bar\"}");
        }
        return request.send(node.proxyPort);
    }

    private static RawHttp.Response get(String host, String target, String... headers) throws IOException {
        return send("GET", host, target, headers);
    }

    /** Asserts the status and {@code X-Cache-Status}; returns the response. */
    private static RawHttp.Response expect(RawHttp.Response response, int status, @Nullable String cacheStatus) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("X-Cache-Status")).isEqualTo(cacheStatus);
        return response;
    }

    /** Kong's check of a cache key: a 64-character hexadecimal sha256. */
    private static String key(RawHttp.Response response) {
        String key = response.header("X-Cache-Key");
        assertThat(key).matches("^[0-9a-f]{64}$");
        return key;
    }

    /** Waits until the stored entry ({@code GET /proxy-cache/{key}}, 404 when none) satisfies {@code condition}. */
    private static void awaitEntry(String key, Predicate<@Nullable JsonNode> condition) {
        RawHttp.await(
                () -> {
                    Http.Response entry = client.get("/proxy-cache/" + key);
                    return condition.test(entry.status() == 404 ? null : entry.json());
                },
                Duration.ofSeconds(15));
    }

    /** Waits until the entry is gone (its storage TTL ran out). */
    private static void awaitGone(String key) {
        awaitEntry(key, entry -> entry == null);
    }

    /** Waits until the entry is more than {@code seconds} beyond its timestamp plus (if asked) its TTL. */
    private static void awaitOlder(String key, long seconds, boolean beyondTtl) {
        awaitEntry(
                key,
                entry -> entry != null
                        && nowSeconds()
                                        - entry.get("timestamp").asLong()
                                        - (beyondTtl ? entry.get("ttl").asLong() : 0)
                                > seconds);
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    // ------------------------------------------------------------------------ Miss, Hit, TTLs

    /** 02-access_spec: "caches a simple request". */
    @Test
    void caches_a_simple_request() throws IOException {
        String host = cachedRoute("route-1");
        RawHttp.Response miss = expect(get(host, "/get"), 200, "Miss");
        String key = key(miss);
        RawHttp.Response hit = expect(get(host, "/get"), 200, "Hit");
        assertThat(hit.header("X-Cache-Key")).isEqualTo(key);
        assertThat(hit.body()).isEqualTo(miss.body());
    }

    /** 02-access_spec: "respects cache ttl". */
    @Test
    void respects_cache_ttl() throws IOException {
        String six = cachedRoute("route-6", "cache_ttl", 2);
        String key = key(expect(get(six, "/get"), 200, "Miss"));
        expect(get(six, "/get"), 200, "Hit");
        awaitGone(key);
        expect(get(six, "/get"), 200, "Miss");
        expect(get(six, "/get"), 200, "Hit");

        // storage_ttl beyond cache_ttl: the expired entry stays stored and is refreshed
        String nine = cachedRoute("route-9", "cache_ttl", 2, "storage_ttl", 60);
        String stored = key(expect(get(nine, "/get"), 200, "Miss"));
        expect(get(nine, "/get"), 200, "Hit");
        awaitOlder(stored, 0, true);
        expect(get(nine, "/get"), 200, "Refresh");
        expect(get(nine, "/get"), 200, "Hit");
    }

    /** 02-access_spec: "respects cache ttl via cache control". */
    @Test
    void respects_cache_ttl_via_cache_control() throws IOException {
        String host = cachedRoute("route-7", "cache_control", true);
        String key = key(expect(get(host, "/cache/2"), 200, "Miss"));
        expect(get(host, "/cache/2"), 200, "Hit");
        awaitGone(key);
        expect(get(host, "/cache/2"), 200, "Miss");
        expect(get(host, "/cache/2"), 200, "Hit");
        // max-age=0 is never cached
        expect(get(host, "/cache/0"), 200, "Bypass");
        expect(get(host, "/cache/0"), 200, "Bypass");
    }

    /** 02-access_spec: "public not present in Cache-Control, but max-age is". */
    @Test
    void public_not_present_in_cache_control_but_max_age_is() throws IOException {
        String host = cachedRoute("route-7", "cache_control", true);
        expect(get(host, "/response-headers?Cache-Control=max-age%3D604800"), 200, "Miss");
    }

    /** 02-access_spec: "Cache-Control contains s-maxage only". */
    @Test
    void cache_control_contains_s_maxage_only() throws IOException {
        String host = cachedRoute("route-7", "cache_control", true);
        expect(get(host, "/response-headers?Cache-Control=s-maxage%3D604800"), 200, "Miss");
    }

    /** 02-access_spec: "Expires present, Cache-Control absent". */
    @Test
    void expires_present_cache_control_absent() throws IOException {
        String host = cachedRoute("route-7", "cache_control", true);
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(5000));
        String query = "Expires="
                + java.net.URLEncoder.encode(date, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20");
        expect(get(host, "/response-headers?" + query), 200, "Miss");
    }

    // ------------------------------------------------------------------------ respects cache-control

    /**
     * 02-access_spec: "respects cache-control min-fresh". Kong's case finds {@code /cache/2} stored by an earlier case;
     * this one stores it first.
     */
    @Test
    void min_fresh() throws IOException {
        String host = cachedRoute("route-7", "cache_control", true);
        expect(get(host, "/cache/2"), 200, "Miss");
        expect(get(host, "/cache/2", "Cache-Control", "min-fresh=30"), 200, "Refresh");
    }

    /** 02-access_spec: "respects cache-control max-age". */
    @Test
    void max_age() throws IOException {
        String host = cachedRoute("route-7", "cache_control", true);
        String key = key(expect(get(host, "/cache/10", "Cache-Control", "max-age=2"), 200, "Miss"));
        expect(get(host, "/cache/10", "Cache-Control", "max-age=2"), 200, "Hit");
        awaitOlder(key, 2, false);
        expect(get(host, "/cache/10", "Cache-Control", "max-age=2"), 200, "Refresh");
    }

    /** 02-access_spec: "respects cache-control max-stale". */
    @Test
    void max_stale() throws IOException {
        String host = cachedRoute("route-8", "cache_control", true, "storage_ttl", 600);
        String key = key(expect(get(host, "/cache/2"), 200, "Miss"));
        expect(get(host, "/cache/2"), 200, "Hit");
        awaitOlder(key, 2, true);
        expect(get(host, "/cache/2", "Cache-Control", "max-stale=1"), 200, "Refresh");
    }

    /** 02-access_spec: "respects cache-control only-if-cached". */
    @Test
    void only_if_cached() throws IOException {
        String host = cachedRoute("route-8", "cache_control", true, "storage_ttl", 600);
        assertThat(get(host, "/get?not=here", "Cache-Control", "only-if-cached").status())
                .isEqualTo(504);
    }

    /** 02-access_spec: "caches a streaming request". */
    @Test
    void caches_a_streaming_request() throws IOException {
        String host = cachedRoute("route-1");
        RawHttp.Response miss = expect(get(host, "/stream/3"), 200, "Miss");
        assertThat(miss.header("Content-Length")).isNull();
        RawHttp.Response hit = expect(get(host, "/stream/3"), 200, "Hit");
        assertThat(hit.body()).isEqualTo(miss.body());
        assertThat(hit.body().lines()).hasSize(3);
    }

    // ------------------------------------------------------------------------ cache keys

    /** A consumer with a key-auth key; returns the key. */
    private static String consumerKey(String name) {
        String username = unique(name);
        client.create("/consumers", body("username", username));
        client.create("/consumers/" + username + "/key-auth", body("key", username));
        return username;
    }

    /** A host route with key-auth then proxy-cache (Kong's default configuration); returns the host. */
    private static String authenticatedRoute(String name) {
        String host = hostRoute(name);
        plugin("key-auth", host, body());
        cache(host, config());
        return host;
    }

    /** 02-access_spec: "uses a separate cache key for the same consumer between routes". */
    @Test
    void uses_a_separate_cache_key_for_the_same_consumer_between_routes() throws IOException {
        String bob = consumerKey("bob");
        String first = key(get(authenticatedRoute("route-13"), "/get", "apikey", bob));
        String second = key(get(authenticatedRoute("route-14"), "/get", "apikey", bob));
        assertThat(first).isNotEqualTo(second);
    }

    /** 02-access_spec: "uses a separate cache key for the same consumer between routes/services". */
    @Test
    void uses_a_separate_cache_key_for_the_same_consumer_between_routes_services() throws IOException {
        String bob = consumerKey("bob");
        String first = key(get(authenticatedRoute("route-15"), "/get", "apikey", bob));
        String second = key(get(authenticatedRoute("route-16"), "/get", "apikey", bob));
        assertThat(first).isNotEqualTo(second);
    }

    /**
     * 02-access_spec: "uses an separate cache key between routes-specific and a global plugin". Kong's global
     * instance covers its routes 3 and 4; here one instance on a service of their own plays that part, so the case
     * does not put a cache on every other case's routes.
     */
    @Test
    void uses_an_separate_cache_key_between_routes_specific_and_a_global_plugin() throws IOException {
        String shared = id(client.create("/services", body("name", unique("global"), "url", mock.url())));
        client.create("/services/" + shared + "/plugins", body("name", "proxy-cache", "config", config()));
        String three = unique("route-3") + ".com";
        String four = unique("route-4") + ".com";
        client.create("/routes", body("hosts", List.of(three), "service", Map.of("id", shared)));
        client.create("/routes", body("hosts", List.of(four), "service", Map.of("id", shared)));
        String first = key(expect(get(three, "/get"), 200, "Miss"));
        String second = key(expect(get(four, "/get"), 200, "Miss"));
        assertThat(first).isNotEqualTo(second);
    }

    /** 02-access_spec: "differentiates caches between instances". */
    @Test
    void differentiates_caches_between_instances() throws IOException {
        String one = cachedRoute("route-1");
        String two = cachedRoute("route-2");
        String other = key(expect(get(one, "/get"), 200, "Miss"));
        String key = key(expect(get(two, "/get"), 200, "Miss"));
        RawHttp.Response hit = expect(get(two, "/get"), 200, "Hit");
        assertThat(hit.header("X-Cache-Key")).isEqualTo(key).isNotEqualTo(other);
    }

    /** 02-access_spec: "uses request params as part of the cache key". */
    @Test
    void uses_request_params_as_part_of_the_cache_key() throws IOException {
        String host = cachedRoute("route-1");
        expect(get(host, "/get?a=b&b=c"), 200, "Miss");
        expect(get(host, "/get?a=c"), 200, "Miss");
        expect(get(host, "/get?b=c&a=b"), 200, "Hit");
        expect(get(host, "/get?a&b"), 200, "Miss");
        expect(get(host, "/get?a&b"), 200, "Hit");
    }

    /** 02-access_spec: "can focus only in a subset of the query arguments". */
    @Test
    void can_focus_only_in_a_subset_of_the_query_arguments() throws IOException {
        String host = cachedRoute(
                "route-12",
                "response_code",
                List.of(200),
                "request_method",
                List.of("GET", "HEAD", "POST"),
                "vary_query_params",
                List.of("foo"));
        expect(get(host, "/get?foo=b&b=c"), 200, "Miss");
        expect(get(host, "/get?b=d&foo=b"), 200, "Hit");
    }

    /** 02-access_spec: "uses headers if instructed to do so". */
    @Test
    void uses_headers_if_instructed_to_do_so() throws IOException {
        String host = cachedRoute(
                "route-11",
                "response_code",
                List.of(200),
                "request_method",
                List.of("GET", "HEAD", "POST"),
                "vary_headers",
                List.of("foo"));
        expect(get(host, "/get", "foo", "bar"), 200, "Miss");
        expect(get(host, "/get", "foo", "bar"), 200, "Hit");
        expect(get(host, "/get", "foo", "baz"), 200, "Miss");
    }

    // ------------------------------------------------------------------------ handles authenticated routes

    /** 02-access_spec: "handles authenticated routes by ignoring cache if the request is unauthenticated". */
    @Test
    void by_ignoring_cache_if_the_request_is_unauthenticated() throws IOException {
        expect(get(authenticatedRoute("route-5"), "/get"), 401, null);
    }

    /** 02-access_spec: "handles authenticated routes by maintaining a separate cache per consumer". */
    @Test
    void by_maintaining_a_separate_cache_per_consumer() throws IOException {
        String host = authenticatedRoute("route-5");
        String bob = consumerKey("bob");
        String alice = consumerKey("alice");
        expect(get(host, "/get", "apikey", bob), 200, "Miss");
        expect(get(host, "/get", "apikey", bob), 200, "Hit");
        expect(get(host, "/get", "apikey", alice), 200, "Miss");
        expect(get(host, "/get", "apikey", alice), 200, "Hit");
    }

    // ------------------------------------------------------------------------ bypasses

    /** 02-access_spec: "bypasses cache for uncacheable requests: request method". */
    @Test
    void bypasses_request_method() throws IOException {
        expect(send("POST", cachedRoute("route-1"), "/post"), 200, "Bypass");
    }

    /** 02-access_spec: "bypasses cache for uncacheable responses: response status". */
    @Test
    void bypasses_response_status() throws IOException {
        expect(get(cachedRoute("route-1"), "/status/418"), 418, "Bypass");
    }

    /** 02-access_spec: "bypasses cache for uncacheable responses: response content type". */
    @Test
    void bypasses_response_content_type() throws IOException {
        expect(get(cachedRoute("route-1"), "/xml"), 200, "Bypass");
    }

    // ------------------------------------------------------------------------ caches non-default

    /** Kong's route 10: HTML and JSON, statuses 200 and 417, GET, HEAD and POST. */
    private static String route10() {
        String host = hostRoute("route-10");
        cache(
                host,
                config(
                        "content_type", List.of("text/html; charset=utf-8", "application/json"),
                        "response_code", List.of(200, 417),
                        "request_method", List.of("GET", "HEAD", "POST")));
        return host;
    }

    /** 02-access_spec: "caches non-default request methods". */
    @Test
    void caches_non_default_request_methods() throws IOException {
        String host = route10();
        expect(send("POST", host, "/post"), 200, "Miss");
        expect(send("POST", host, "/post"), 200, "Hit");
    }

    /** 02-access_spec: "caches non-default response status". */
    @Test
    void caches_non_default_response_status() throws IOException {
        String host = route10();
        expect(get(host, "/status/417"), 417, "Miss");
        expect(get(host, "/status/417"), 417, "Hit");
    }

    // ------------------------------------------------------------------------ content-type

    /** 02-access_spec: "content-type should cache a request with wildcard content_type(*&#47;*)". */
    @Test
    void should_cache_a_request_with_wildcard_content_type() throws IOException {
        String host = cachedRoute("route-17", "content_type", List.of("*/*"));
        RawHttp.Response miss = expect(get(host, "/xml"), 200, "Miss");
        assertThat(miss.header("Content-Type")).isEqualTo("application/xml");
        RawHttp.Response hit = expect(get(host, "/xml"), 200, "Hit");
        assertThat(hit.header("Content-Type")).isEqualTo("application/xml");
    }

    /** 02-access_spec: "content-type should not cache a request while parameter is not match". */
    @Test
    void should_not_cache_a_request_while_parameter_is_not_match() throws IOException {
        String host = cachedRoute("route-18", "content_type", List.of("application/xml; charset=UTF-8"));
        RawHttp.Response response = expect(get(host, "/xml"), 200, "Bypass");
        assertThat(response.header("Content-Type")).isEqualTo("application/xml");
    }

    /** 02-access_spec: "content-type should not cause error while upstream returns a invalid content type". */
    @Test
    void should_not_cause_error_while_upstream_returns_a_invalid_content_type() throws IOException {
        String host = cachedRoute("route-18", "content_type", List.of("application/xml; charset=UTF-8"));
        RawHttp.Response response = expect(get(host, "/response-headers?Content-Type=application/xml;"), 200, "Bypass");
        assertThat(response.header("Content-Type")).isEqualTo("application/xml;");
    }

    /** 02-access_spec: "content-type should not cause error while config.content_type has invalid element". */
    @Test
    void should_not_cause_error_while_config_content_type_has_invalid_element() throws IOException {
        String host = cachedRoute("route-19", "content_type", List.of("application/xml;"));
        RawHttp.Response response = expect(get(host, "/xml"), 200, "Bypass");
        assertThat(response.header("Content-Type")).isEqualTo("application/xml");
    }

    /** 02-access_spec: "ignore uri case in cache_key". */
    @Test
    void ignore_uri_case_in_cache_key() throws IOException {
        String path = "/" + unique("my-route") + "/";
        String route = id(client.create("/routes", body("paths", List.of(path), "service", Map.of("id", service))));
        client.create(
                "/routes/" + route + "/plugins",
                body("name", "proxy-cache", "config", config("response_code", List.of(404), "ignore_uri_case", true)));
        String host = "127.0.0.1:" + node.proxyPort;
        RawHttp.Response miss = expect(get(host, path + "kong"), 404, "Miss");
        String key = key(miss);
        RawHttp.Response hit = expect(get(host, path + "KONG"), 404, "Hit");
        assertThat(hit.header("X-Cache-Key")).isEqualTo(key);
        assertThat(hit.body()).isEqualTo(miss.body());
    }

    // ------------------------------------------------------------------------ Kong's core headers

    /** 02-access_spec: "displays Kong core headers: X-Kong-Proxy-Latency" (a hit counts as proxied). */
    @Test
    void displays_kong_core_headers_x_kong_proxy_latency() throws IOException {
        coreLatencyOnMissAndHit("X-Kong-Proxy-Latency", "proxy-latency");
    }

    /** 02-access_spec: "displays Kong core headers: X-Kong-Upstream-Latency" (a hit counts as proxied). */
    @Test
    void displays_kong_core_headers_x_kong_upstream_latency() throws IOException {
        coreLatencyOnMissAndHit("X-Kong-Upstream-Latency", "upstream-latency");
    }

    private static void coreLatencyOnMissAndHit(String header, String showMe) throws IOException {
        String host = cachedRoute("route-1");
        String target = "/get?show-me=" + showMe;
        RawHttp.Response miss = expect(get(host, target), 200, "Miss");
        assertThat(miss.header(header)).matches("^\\d+$");
        RawHttp.Response hit = expect(get(host, target), 200, "Hit");
        assertThat(hit.header(header)).matches("^\\d+$");
        assertThat(hit.header("X-Kong-Response-Latency")).isNull();
    }
}
