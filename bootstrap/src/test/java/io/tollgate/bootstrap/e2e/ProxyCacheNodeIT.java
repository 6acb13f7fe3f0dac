package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.RawHttp.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's proxy-cache on one real node and a real loopback upstream that counts the requests it answers per path:
 * Miss then Hit without the upstream, Bypass for a method and a status that are not cached, and Kong's
 * {@code /proxy-cache} Admin endpoints (per key, per plugin instance, all).
 */
class ProxyCacheNodeIT {

    @TempDir
    static Path dir;

    static HttpServer upstream;
    static NodeProcess node;
    static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            int n = calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            byte[] body = ("{\"path\":\"" + path + "\",\"call\":" + n + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("X-Upstream", "yes");
            exchange.sendResponseHeaders(path.startsWith("/teapot") ? 418 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.setExecutor(Executors.newFixedThreadPool(4));
        upstream.start();
        node = NodeProcess.start("proxy-cache", dir, Map.of());
        RateLimitingNodeIT.created(Http.post(
                node.admin() + "/services",
                "{\"name\":\"origin\",\"url\":\"http://127.0.0.1:"
                        + upstream.getAddress().getPort() + "\"}"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    /** A route for {@code host} with a proxy-cache instance; returns the instance's id. */
    static String cachedRoute(String host) {
        RateLimitingNodeIT.created(Http.post(
                node.admin() + "/services/origin/routes", "{\"name\":\"" + host + "\",\"hosts\":[\"" + host + "\"]}"));
        Http.Response plugin = Http.post(
                node.admin() + "/routes/" + host + "/plugins",
                "{\"name\":\"proxy-cache\",\"config\":{\"strategy\":\"memory\"}}");
        RateLimitingNodeIT.created(plugin);
        return plugin.json().get("id").asText();
    }

    static RawHttp.Response get(String host, String target) throws Exception {
        return request("GET", host, target).send(node.proxyPort);
    }

    static int calls(String path) {
        AtomicInteger n = calls.get(path);
        return n == null ? 0 : n.get();
    }

    @Test
    void a_miss_is_stored_and_the_next_request_is_a_hit_without_the_upstream() throws Exception {
        cachedRoute("hit.test");
        RawHttp.Response miss = get("hit.test", "/data?b=2&a=1");
        assertThat(miss.status()).isEqualTo(200);
        assertThat(miss.header("X-Cache-Status")).isEqualTo("Miss");
        String key = miss.header("X-Cache-Key");
        assertThat(key).matches("[0-9a-f]{64}");

        RawHttp.Response hit = get("hit.test", "/data?a=1&b=2");
        assertThat(hit.status()).isEqualTo(200);
        assertThat(hit.header("X-Cache-Status")).isEqualTo("Hit");
        assertThat(hit.header("X-Cache-Key")).isEqualTo(key);
        assertThat(hit.header("Age")).matches("\\d+");
        assertThat(hit.header("Content-Type")).isEqualTo("application/json");
        assertThat(hit.header("X-Upstream")).isEqualTo("yes");
        assertThat(hit.body()).isEqualTo(miss.body()).isEqualTo("{\"path\":\"/data\",\"call\":1}");
        assertThat(calls("/data")).as("the upstream answered once").isEqualTo(1);
    }

    @Test
    void the_endpoints_are_listed_and_described() {
        assertThat(Http.get(node.admin() + "/endpoints").body())
                .contains("/proxy-cache", "/proxy-cache/{cache_key}", "/proxy-cache/{plugin_id}/caches/{cache_key}");
        Http.Response openApi = Http.get(node.admin() + "/openapi.json");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("paths").has("/proxy-cache/{plugin_id}/caches/{cache_key}"))
                .isTrue();
    }

    @Test
    void methods_and_statuses_that_are_not_cached_bypass_the_cache() throws Exception {
        cachedRoute("bypass.test");
        for (int i = 1; i <= 2; i++) {
            RawHttp.Response post =
                    request("POST", "bypass.test", "/posted").body("{}").send(node.proxyPort);
            assertThat(post.status()).isEqualTo(200);
            assertThat(post.header("X-Cache-Status")).isEqualTo("Bypass");
            RawHttp.Response teapot = get("bypass.test", "/teapot");
            assertThat(teapot.status()).isEqualTo(418);
            assertThat(teapot.header("X-Cache-Status")).isEqualTo("Bypass");
        }
        assertThat(calls("/posted")).isEqualTo(2);
        assertThat(calls("/teapot")).isEqualTo(2);
    }

    @Test
    void the_admin_api_shows_and_purges_entries() throws Exception {
        String pluginId = cachedRoute("admin.test");
        String key = get("admin.test", "/one").header("X-Cache-Key");
        String admin = node.admin();

        Http.Response entry = Http.get(admin + "/proxy-cache/" + key);
        assertThat(entry.status()).isEqualTo(200);
        assertThat(entry.json().get("status").asInt()).isEqualTo(200);
        assertThat(entry.json().get("body").asText()).isEqualTo("{\"path\":\"/one\",\"call\":1}");
        assertThat(entry.json().get("body_len").asInt()).isEqualTo(24);
        assertThat(entry.json().get("version").asInt()).isEqualTo(1);
        assertThat(entry.json().get("ttl").asInt()).isEqualTo(300);
        Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        entry.json()
                .get("headers")
                .properties()
                .forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
        assertThat(headers).containsEntry("Content-Type", "application/json").containsEntry("X-Upstream", "yes");
        assertThat(Http.get(admin + "/proxy-cache/" + pluginId + "/caches/" + key)
                        .status())
                .isEqualTo(200);
        assertThat(Http.get(admin + "/proxy-cache/00000000-0000-0000-0000-000000000000/caches/" + key)
                        .status())
                .as("no such plugin instance")
                .isEqualTo(404);

        assertThat(Http.delete(admin + "/proxy-cache/" + key).status()).isEqualTo(204);
        assertThat(Http.get(admin + "/proxy-cache/" + key).status()).isEqualTo(404);
        assertThat(Http.delete(admin + "/proxy-cache/" + key).status()).isEqualTo(404);
        assertThat(get("admin.test", "/one").header("X-Cache-Status")).isEqualTo("Miss");

        assertThat(Http.delete(admin + "/proxy-cache/" + pluginId + "/caches/" + key)
                        .status())
                .isEqualTo(204);
        assertThat(Http.get(admin + "/proxy-cache/" + pluginId + "/caches/" + key)
                        .status())
                .isEqualTo(404);
        assertThat(get("admin.test", "/one").header("X-Cache-Status")).isEqualTo("Miss");

        String two = get("admin.test", "/two").header("X-Cache-Key");
        assertThat(Http.delete(admin + "/proxy-cache/" + pluginId).status()).isEqualTo(204);
        assertThat(Http.get(admin + "/proxy-cache/" + key).status()).isEqualTo(404);
        assertThat(Http.get(admin + "/proxy-cache/" + two).status()).isEqualTo(404);

        assertThat(get("admin.test", "/three").header("X-Cache-Status")).isEqualTo("Miss");
        assertThat(get("admin.test", "/three").header("X-Cache-Status")).isEqualTo("Hit");
        assertThat(Http.delete(admin + "/proxy-cache").status()).isEqualTo(204);
        assertThat(get("admin.test", "/three").header("X-Cache-Status")).isEqualTo("Miss");
        assertThat(calls("/three")).isEqualTo(2);
    }
}
