package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.plugin.bundled.CacheExchange.ClockedStore;
import io.tollgate.application.plugin.bundled.CacheExchange.Upstream;
import io.tollgate.application.plugin.spi.CachedResponse;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.proxy.Entities;
import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.consumer.ConsumerId;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.route.Route;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Kong's proxy-cache expectations ({@code spec/03-plugins/31-proxy-cache/02-access_spec.lua} and
 * {@code 04-invalidations_spec.lua}'s key cases) with a clock the test moves: Miss, Hit, Refresh and Bypass, the
 * cache key (Kong's SHA-256 format, scoping, query and header variance, case), TTLs and {@code Cache-Control}.
 */
class ProxyCacheTest {

    static final long T0 = 1_700_000_000_000L;

    final AtomicLong now = new AtomicLong(T0);
    final ClockedStore store = new ClockedStore(now::get);
    final PluginHandler handler = new ProxyCache(now::get).handler(environment(store));
    final Entity serviceEntity = Entities.service("http://upstream.test", Map.of());
    final Route route = Route.of(Entities.route(serviceEntity, Map.of("paths", List.of("/"))));
    final UUID instance = UUID.randomUUID();
    final int[] calls = {0};

    static PluginEnvironment environment(ClockedStore store) {
        return (PluginEnvironment) Proxy.newProxyInstance(
                PluginEnvironment.class.getClassLoader(),
                new Class<?>[] {PluginEnvironment.class},
                (p, m, a) -> switch (m.getName()) {
                    case "responseCache" -> store;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    PluginConfig config(Map<String, Object> more) {
        Map<String, Object> input = new HashMap<>(more);
        input.put("strategy", "memory");
        @SuppressWarnings("unchecked")
        Map<String, Object> values =
                (Map<String, Object>) ProxyCacheSchema.DEFINITION.config().validate(input);
        return new PluginConfig(values, route.id().value(), null, null, instance);
    }

    CacheExchange get(String path) {
        CacheExchange exchange = new CacheExchange();
        exchange.route = route;
        int q = path.indexOf('?');
        exchange.path = q < 0 ? path : path.substring(0, q);
        exchange.query = q < 0 ? null : path.substring(q + 1);
        return exchange;
    }

    CacheExchange send(CacheExchange exchange, PluginConfig config, Upstream upstream) {
        return exchange.run(handler, config, upstream, calls);
    }

    static Upstream json(String body) {
        return Upstream.ok("application/json", body);
    }

    void advanceSeconds(long seconds) {
        now.addAndGet(seconds * 1000);
    }

    @Test
    void caches_a_simple_request_and_answers_the_hit_without_the_upstream() {
        PluginConfig config = config(Map.of());
        CacheExchange miss = send(get("/get"), config, json("{\"n\":1}"));
        assertThat(miss.responseHeader("X-Cache-Status")).isEqualTo("Miss");
        String key = miss.responseHeader("X-Cache-Key");
        assertThat(key).matches("[0-9a-f]{64}");

        advanceSeconds(3);
        CacheExchange hit = send(get("/get"), config, json("{\"n\":2}"));
        assertThat(hit.fromUpstream).isFalse();
        assertThat(calls[0]).isEqualTo(1);
        assertThat(hit.status).isEqualTo(200);
        assertThat(hit.body).isEqualTo("{\"n\":1}");
        assertThat(hit.responseHeader("X-Cache-Status")).isEqualTo("Hit");
        assertThat(hit.responseHeader("X-Cache-Key")).isEqualTo(key);
        assertThat(hit.responseHeader("Age")).isEqualTo("3");
        assertThat(hit.responseHeader("Content-Type")).isEqualTo("application/json");
    }

    @Test
    void the_cache_key_is_kongs_sha256_of_route_method_path_sorted_params_and_varied_headers() {
        assertThat(ProxyCacheKey.build(
                        "11111111-1111-1111-1111-111111111111",
                        "GET",
                        "/get",
                        ProxyCacheKey.params("flag&b=y&a=1&b=x", List.of()),
                        ProxyCacheKey.headers(name -> List.of("acme"), List.of("X-Tenant"))))
                .isEqualTo("35ec711381460baf2ced7e53ed86b3e874259b01c5dc9742471cce0c041d4a14");
        assertThat(ProxyCacheKey.build("default", "GET", "/", "", ""))
                .isEqualTo("0d844de05eea098a0fdcc962184b8440c77e7a74402bc58ceb58bf31cbb57f22");
        UUID consumer = UUID.randomUUID();
        UUID routeId = UUID.randomUUID();
        assertThat(ProxyCacheKey.prefix(consumer, routeId)).isEqualTo(consumer + ":" + routeId);
        assertThat(ProxyCacheKey.prefix(null, routeId)).isEqualTo(routeId.toString());
        assertThat(ProxyCacheKey.prefix(null, null)).isEqualTo("default");
    }

    @Test
    void query_argument_order_does_not_matter_but_values_do() {
        PluginConfig config = config(Map.of());
        String a = send(get("/get?a=1&b=2"), config, json("{}")).responseHeader("X-Cache-Key");
        CacheExchange swapped = send(get("/get?b=2&a=1"), config, json("{}"));
        assertThat(swapped.responseHeader("X-Cache-Key")).isEqualTo(a);
        assertThat(swapped.responseHeader("X-Cache-Status")).isEqualTo("Hit");
        assertThat(send(get("/get?a=1&b=3"), config, json("{}")).responseHeader("X-Cache-Status"))
                .isEqualTo("Miss");
    }

    @Test
    void vary_query_params_keys_only_on_the_named_arguments() {
        PluginConfig config = config(Map.of("vary_query_params", List.of("foo")));
        send(get("/get?foo=1&bar=1"), config, json("{}"));
        assertThat(send(get("/get?foo=1&bar=2"), config, json("{}")).responseHeader("X-Cache-Status"))
                .isEqualTo("Hit");
        assertThat(send(get("/get?foo=2&bar=1"), config, json("{}")).responseHeader("X-Cache-Status"))
                .isEqualTo("Miss");
    }

    @Test
    void vary_headers_keys_on_the_named_headers_only() {
        PluginConfig config = config(Map.of("vary_headers", List.of("X-Tenant")));
        send(get("/get").header("X-Tenant", "a"), config, json("{}"));
        assertThat(send(get("/get").header("X-Tenant", "a").header("X-Other", "1"), config, json("{}"))
                        .responseHeader("X-Cache-Status"))
                .isEqualTo("Hit");
        assertThat(send(get("/get").header("X-Tenant", "b"), config, json("{}")).responseHeader("X-Cache-Status"))
                .isEqualTo("Miss");
        PluginConfig none = config(Map.of());
        send(get("/h").header("X-Tenant", "a"), none, json("{}"));
        assertThat(send(get("/h").header("X-Tenant", "b"), none, json("{}")).responseHeader("X-Cache-Status"))
                .as("without vary_headers, headers are not part of the key")
                .isEqualTo("Hit");
    }

    @Test
    void ignore_uri_case_lowers_the_path_of_the_key() {
        PluginConfig sensitive = config(Map.of());
        send(get("/Get"), sensitive, json("{}"));
        assertThat(send(get("/get"), sensitive, json("{}")).responseHeader("X-Cache-Status"))
                .isEqualTo("Miss");
        PluginConfig ignoring = config(Map.of("ignore_uri_case", true));
        send(get("/Other"), ignoring, json("{}"));
        assertThat(send(get("/oTHER"), ignoring, json("{}")).responseHeader("X-Cache-Status"))
                .isEqualTo("Hit");
    }

    @Test
    void each_consumer_has_its_own_entries() {
        PluginConfig config = config(Map.of());
        CacheExchange alice = get("/get");
        alice.consumer = new Consumer(new ConsumerId(UUID.randomUUID()), "alice", null);
        send(alice, config, json("{\"who\":\"alice\"}"));
        CacheExchange bob = get("/get");
        bob.consumer = new Consumer(new ConsumerId(UUID.randomUUID()), "bob", null);
        CacheExchange bobs = send(bob, config, json("{\"who\":\"bob\"}"));
        assertThat(bobs.responseHeader("X-Cache-Status")).isEqualTo("Miss");
        assertThat(bobs.responseHeader("X-Cache-Key")).isNotEqualTo(alice.responseHeader("X-Cache-Key"));
    }

    @Test
    void bypasses_methods_statuses_and_content_types_not_configured() {
        PluginConfig config = config(Map.of());
        CacheExchange post = get("/post");
        post.method = "POST";
        assertThat(send(post, config, json("{}")).responseHeader("X-Cache-Status"))
                .isEqualTo("Bypass");
        assertThat(post.responseHeader("X-Cache-Key")).isNull();

        Upstream teapot = new Upstream(418, Map.of("Content-Type", List.of("application/json")), List.of("{}"));
        assertThat(send(get("/status/418"), config, teapot).responseHeader("X-Cache-Status"))
                .isEqualTo("Bypass");
        assertThat(send(get("/status/418"), config, teapot).responseHeader("X-Cache-Status"))
                .isEqualTo("Bypass");

        assertThat(send(get("/xml"), config, Upstream.ok("text/xml", "<a/>")).responseHeader("X-Cache-Status"))
                .isEqualTo("Bypass");
        assertThat(send(get("/none"), config, new Upstream(200, Map.of(), List.of("x")))
                        .responseHeader("X-Cache-Status"))
                .isEqualTo("Bypass");
        assertThat(store.size()).isZero();

        PluginConfig posts = config(Map.of("request_method", List.of("POST")));
        send(post, posts, json("{}"));
        CacheExchange again = get("/post");
        again.method = "POST";
        assertThat(send(again, posts, json("{}")).responseHeader("X-Cache-Status"))
                .isEqualTo("Hit");
    }

    @Test
    void content_types_match_with_parameters_and_wildcards() {
        PluginConfig plain = config(Map.of());
        assertThat(send(get("/c1"), plain, Upstream.ok("application/json; charset=utf-8", "{}"))
                        .responseHeader("X-Cache-Status"))
                .as("parameters must match too")
                .isEqualTo("Bypass");
        PluginConfig charset = config(Map.of("content_type", List.of("application/json; charset=UTF-8")));
        assertThat(send(get("/c2"), charset, Upstream.ok("Application/JSON;charset=UTF-8", "{}"))
                        .responseHeader("X-Cache-Status"))
                .isEqualTo("Miss");
        PluginConfig wildcard = config(Map.of("content_type", List.of("text/*")));
        assertThat(send(get("/c3"), wildcard, Upstream.ok("text/html", "<p>")).responseHeader("X-Cache-Status"))
                .isEqualTo("Miss");
        assertThat(send(get("/c3"), wildcard, Upstream.ok("text/html", "<p>")).responseHeader("X-Cache-Status"))
                .isEqualTo("Hit");
        PluginConfig any = config(Map.of("content_type", List.of("*/*")));
        assertThat(send(get("/c4"), any, Upstream.ok("image/png", "x")).responseHeader("X-Cache-Status"))
                .isEqualTo("Miss");
    }

    @Test
    void caches_a_chunked_response_whole_and_passes_every_chunk_on_at_once() {
        PluginConfig config = config(Map.of());
        Upstream chunked = new Upstream(
                200,
                Map.of("Content-Type", List.of("text/plain"), "Transfer-Encoding", List.of("chunked")),
                List.of("one,", "two,", "three"));
        assertThat(send(get("/stream"), config, chunked).body).isEqualTo("one,two,three");
        CacheExchange hit = send(get("/stream"), config, chunked);
        assertThat(hit.responseHeader("X-Cache-Status")).isEqualTo("Hit");
        assertThat(hit.body).isEqualTo("one,two,three");
        assertThat(hit.responseHeader("Transfer-Encoding")).isNull();
    }

    @Test
    void a_hit_replays_the_upstreams_headers_but_not_hop_by_hop_nor_remaining_rate_limits() {
        PluginConfig config = config(Map.of());
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Content-Type", List.of("application/json"));
        headers.put("Set-Cookie", List.of("a=1", "b=2"));
        headers.put("Connection", List.of("keep-alive"));
        headers.put("Content-Length", List.of("2"));
        headers.put("X-RateLimit-Remaining-Minute", List.of("4"));
        headers.put("X-Kong-Upstream-Latency", List.of("12"));
        send(get("/h"), config, new Upstream(200, headers, List.of("{}")));
        CacheExchange hit = send(get("/h"), config, new Upstream(200, headers, List.of("{}")));
        assertThat(hit.responseHeader("X-Cache-Status")).isEqualTo("Hit");
        assertThat(hit.responseHeaders.get("Set-Cookie")).containsExactly("a=1", "b=2");
        assertThat(hit.responseHeader("Connection")).isNull();
        assertThat(hit.responseHeader("Content-Length")).isNull();
        assertThat(hit.responseHeader("X-RateLimit-Remaining-Minute")).isNull();
        assertThat(hit.responseHeader("X-Kong-Upstream-Latency")).isNull();
    }

    @Test
    void refreshes_after_cache_ttl_even_when_storage_ttl_keeps_the_entry() {
        PluginConfig config = config(Map.of("cache_ttl", 2, "storage_ttl", 60));
        send(get("/ttl"), config, json("{\"v\":1}"));
        assertThat(store.lastTtl).isEqualTo(60);
        advanceSeconds(2);
        assertThat(send(get("/ttl"), config, json("{\"v\":2}")).responseHeader("X-Cache-Status"))
                .isEqualTo("Hit");
        advanceSeconds(1);
        CacheExchange refresh = send(get("/ttl"), config, json("{\"v\":3}"));
        assertThat(refresh.responseHeader("X-Cache-Status")).isEqualTo("Refresh");
        assertThat(refresh.body).isEqualTo("{\"v\":3}");
        CacheExchange hit = send(get("/ttl"), config, json("{\"v\":4}"));
        assertThat(hit.responseHeader("X-Cache-Status")).isEqualTo("Hit");
        assertThat(hit.body).isEqualTo("{\"v\":3}");
    }

    @Test
    void without_storage_ttl_the_entry_lives_cache_ttl_seconds() {
        PluginConfig config = config(Map.of("cache_ttl", 2));
        send(get("/ttl"), config, json("{}"));
        assertThat(store.lastTtl).isEqualTo(2);
        advanceSeconds(3);
        assertThat(send(get("/ttl"), config, json("{}")).responseHeader("X-Cache-Status"))
                .isEqualTo("Miss");
    }

    @Test
    void cache_control_takes_the_resources_ttl_from_s_maxage_max_age_or_expires() {
        PluginConfig config = config(Map.of("cache_control", true));
        send(get("/cc"), config, withCacheControl("public, max-age=5, s-maxage=10"));
        assertThat(store.lastTtl).isEqualTo(10);
        send(get("/cc2"), config, withCacheControl("public, max-age=5"));
        assertThat(store.lastTtl).isEqualTo(5);
        advanceSeconds(6);
        assertThat(send(get("/cc2"), config, withCacheControl("max-age=5")).responseHeader("X-Cache-Status"))
                .as("the entry expired with the resource's max-age")
                .isEqualTo("Miss");

        String expires = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.ofEpochMilli(now.get()).plusSeconds(20).atZone(ZoneOffset.UTC));
        Upstream expiring = new Upstream(
                200, Map.of("Content-Type", List.of("application/json"), "Expires", List.of(expires)), List.of("{}"));
        assertThat(send(get("/cc3"), config, expiring).responseHeader("X-Cache-Status"))
                .isEqualTo("Miss");
        assertThat(store.lastTtl).isEqualTo(20);
    }

    @Test
    void cache_control_bypasses_private_no_store_no_cache_and_unfresh_responses() {
        PluginConfig config = config(Map.of("cache_control", true));
        for (String directives : List.of("private, max-age=60", "no-store", "no-cache, max-age=60", "max-age=0")) {
            assertThat(send(get("/p"), config, withCacheControl(directives)).responseHeader("X-Cache-Status"))
                    .as(directives)
                    .isEqualTo("Bypass");
        }
        assertThat(send(get("/p"), config, json("{}")).responseHeader("X-Cache-Status"))
                .as("no freshness information at all")
                .isEqualTo("Bypass");
        assertThat(store.size()).isZero();
        PluginConfig ignoring = config(Map.of());
        send(get("/p"), ignoring, withCacheControl("private, no-store"));
        assertThat(send(get("/p"), ignoring, withCacheControl("private")).responseHeader("X-Cache-Status"))
                .as("without cache_control the directives are ignored")
                .isEqualTo("Hit");
    }

    @Test
    void cache_control_honours_the_requests_directives() {
        PluginConfig config = config(Map.of("cache_control", true));
        send(get("/r"), config, withCacheControl("max-age=60"));
        assertThat(send(get("/r").header("Cache-Control", "no-cache"), config, withCacheControl("max-age=60"))
                        .responseHeader("X-Cache-Status"))
                .isEqualTo("Bypass");
        assertThat(send(get("/r").header("Cache-Control", "no-store"), config, withCacheControl("max-age=60"))
                        .responseHeader("X-Cache-Status"))
                .isEqualTo("Bypass");
        assertThat(send(get("/r").header("Authorization", "Basic x"), config, withCacheControl("max-age=60"))
                        .responseHeader("X-Cache-Status"))
                .isEqualTo("Bypass");
        advanceSeconds(5);
        assertThat(send(get("/r").header("Cache-Control", "max-age=2"), config, withCacheControl("max-age=60"))
                        .responseHeader("X-Cache-Status"))
                .isEqualTo("Refresh");
        advanceSeconds(5);
        assertThat(send(get("/r").header("Cache-Control", "min-fresh=58"), config, withCacheControl("max-age=60"))
                        .responseHeader("X-Cache-Status"))
                .as("less than 58 s of freshness left")
                .isEqualTo("Refresh");
        assertThat(send(get("/r").header("Cache-Control", "max-age=20"), config, withCacheControl("max-age=60"))
                        .responseHeader("X-Cache-Status"))
                .isEqualTo("Hit");

        CacheExchange onlyCached = send(get("/absent").header("Cache-Control", "only-if-cached"), config, json("{}"));
        assertThat(onlyCached.status).isEqualTo(504);
        assertThat(onlyCached.fromUpstream).isFalse();
        PluginConfig ignoring = config(Map.of());
        assertThat(send(get("/absent").header("Cache-Control", "only-if-cached"), ignoring, json("{}")).status)
                .as("without cache_control the request's directives are ignored")
                .isEqualTo(200);
    }

    @Test
    void response_headers_can_be_switched_off_and_kong_debug_brings_them_back() {
        PluginConfig quiet =
                config(Map.of("response_headers", Map.of("age", false, "X-Cache-Status", false, "X-Cache-Key", false)));
        CacheExchange miss = send(get("/q"), quiet, json("{}"));
        assertThat(miss.responseHeader("X-Cache-Status")).isNull();
        assertThat(miss.responseHeader("X-Cache-Key")).isNull();
        CacheExchange hit = send(get("/q"), quiet, json("{}"));
        assertThat(hit.fromUpstream).isFalse();
        assertThat(hit.responseHeader("X-Cache-Status")).isNull();
        assertThat(hit.responseHeader("Age")).isNull();
        CacheExchange debug = send(get("/q").header("Kong-Debug", "1"), quiet, json("{}"));
        assertThat(debug.responseHeader("X-Cache-Status")).isEqualTo("Hit");
        assertThat(debug.responseHeader("X-Cache-Key")).isNotNull();
        assertThat(debug.responseHeader("Age")).isEqualTo("0");
    }

    @Test
    void a_body_larger_than_the_stores_entry_bound_is_passed_on_but_not_kept() {
        PluginConfig config = config(Map.of());
        String big = "x".repeat((int) store.maxEntryBytes() + 1);
        assertThat(send(get("/big"), config, Upstream.ok("text/plain", big.substring(0, 10), big.substring(10))).body)
                .isEqualTo(big);
        assertThat(send(get("/big"), config, Upstream.ok("text/plain", big)).responseHeader("X-Cache-Status"))
                .isEqualTo("Miss");
        assertThat(store.size()).isZero();
    }

    @Test
    void a_body_cut_short_of_its_content_length_is_not_kept() {
        PluginConfig config = config(Map.of());
        Upstream cut = new Upstream(
                200,
                Map.of("Content-Type", List.of("text/plain"), "Content-Length", List.of("10")),
                List.of("12345", ""));
        assertThat(send(get("/cut"), config, cut).body).isEqualTo("12345");
        assertThat(store.size()).isZero();
        Upstream whole = new Upstream(
                200,
                Map.of("Content-Type", List.of("text/plain"), "Content-Length", List.of("10")),
                List.of("12345", "67890", ""));
        send(get("/whole"), config, whole);
        assertThat(send(get("/whole"), config, whole).responseHeader("X-Cache-Status"))
                .isEqualTo("Hit");
        Upstream head = new Upstream(
                200, Map.of("Content-Type", List.of("text/plain"), "Content-Length", List.of("10")), List.of(""));
        CacheExchange first = get("/head");
        first.method = "HEAD";
        send(first, config, head);
        CacheExchange second = get("/head");
        second.method = "HEAD";
        assertThat(send(second, config, head).responseHeader("X-Cache-Status"))
                .as("a HEAD response has no body whatever its Content-Length")
                .isEqualTo("Hit");
    }

    @Test
    void an_entry_of_another_format_version_is_purged_and_bypassed() {
        PluginConfig config = config(Map.of());
        String key = send(get("/v"), config, json("{}")).responseHeader("X-Cache-Key");
        CachedResponse stored = store.get(key);
        store.put(
                key,
                new CachedResponse(200, stored.headers(), stored.body(), stored.timestamp(), 300, 0, instance),
                300);
        assertThat(send(get("/v"), config, json("{}")).responseHeader("X-Cache-Status"))
                .isEqualTo("Bypass");
        assertThat(send(get("/v"), config, json("{}")).responseHeader("X-Cache-Status"))
                .isEqualTo("Hit");
    }

    @Test
    void entries_remember_their_plugin_instance() {
        PluginConfig config = config(Map.of());
        String key = send(get("/i"), config, json("{}")).responseHeader("X-Cache-Key");
        assertThat(store.get(key).pluginId()).isEqualTo(instance);
        assertThat(store.removeAll(instance)).isEqualTo(1);
        assertThat(store.get(key)).isNull();
    }

    static Upstream withCacheControl(String directives) {
        return new Upstream(
                200,
                Map.of("Content-Type", List.of("application/json"), "Cache-Control", List.of(directives)),
                List.of("{}"));
    }
}
