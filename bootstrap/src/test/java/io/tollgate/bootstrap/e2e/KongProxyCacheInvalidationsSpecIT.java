package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/31-proxy-cache/04-invalidations_spec.lua}: all 3 of its cases, against two real nodes
 * on one database ({@code db_update_frequency = 0.2}, Kong's spec polls every 0.3 s) proxying to
 * {@link KongMockUpstream}. Each node keeps its own memory store; a purge through node 1's Admin API reaches node 2
 * through the event log, as Kong's reaches it through its cluster events.
 *
 * <p>Kong's {@code setup} creates two cached routes and primes both on both nodes once, and its cases then build on
 * each other (the second checks what the first left, the third purges everything). Here each case creates and primes
 * its own pair of routes (unique hosts), so the cases are independent of each other and of their order; the second
 * case first makes the first case's purge itself.
 */
class KongProxyCacheInvalidationsSpecIT {

    private static final String SPEC = "04-invalidations_spec";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static NodeProcess node1;
    static NodeProcess node2;
    static KongSpecClient admin1;
    static KongSpecClient admin2;
    static KongMockUpstream mock;
    static String service;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(dir);
        mock = cluster.closing(new KongMockUpstream());
        Map<String, String> db = cluster.settings("db_update_frequency", "0.2");
        node1 = cluster.node("kong-proxy-cache-inv-1", db);
        node2 = cluster.node("kong-proxy-cache-inv-2", db);
        admin1 = new KongSpecClient(node1.admin());
        admin2 = new KongSpecClient(node2.admin());
        service = admin1.create("/services", body("name", "mock", "url", mock.url()))
                .get("id")
                .asText();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A route on a fresh host with its own proxy-cache instance (Kong's memory config): the host, the plugin's id. */
    private record Cached(String host, String plugin) {}

    private static Cached cachedRoute(String name) {
        String host = unique(name) + ".test";
        String route = admin1.create("/routes", body("hosts", List.of(host), "service", Map.of("id", service)))
                .get("id")
                .asText();
        String plugin = admin1.create(
                        "/routes/" + route + "/plugins",
                        body(
                                "name",
                                "proxy-cache",
                                "config",
                                body(
                                        "strategy", "memory",
                                        "content_type", List.of("text/plain", "application/json"),
                                        "memory", Map.of("dictionary_name", "kong"))))
                .get("id")
                .asText();
        // node 2 learns the route and its plugin from the event log; a path of its own leaves /get unprimed
        Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(() -> get(node2, host, "/ready").header("X-Cache-Status") != null);
        return new Cached(host, plugin);
    }

    private static RawHttp.Response get(NodeProcess node, String host, String path) throws IOException {
        return RawHttp.request("GET", host, path).header("Kong-Debug", "1").send(node.proxyPort);
    }

    /** Kong's {@code get(client, host)}: {@code GET /get} on the host, asserting a 200 with the cache status. */
    private static String get(NodeProcess node, Cached cached, String cacheStatus) throws IOException {
        RawHttp.Response res = get(node, cached.host, "/get");
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        assertThat(res.header("X-Cache-Status")).isEqualTo(cacheStatus);
        return res.header("X-Cache-Key");
    }

    /** The spec's {@code setup}: both routes requested on both nodes (all Misses); returns the two cache keys. */
    private static String[] prime(Cached route1, Cached route2) throws IOException {
        String key = get(node1, route1, "Miss");
        assertThat(get(node2, route1, "Miss")).isEqualTo(key);
        String key2 = get(node1, route2, "Miss");
        assertThat(key2).isNotEqualTo(key);
        get(node2, route2, "Miss");
        return new String[] {key, key2};
    }

    private static void awaitStatus(KongSpecClient admin, String path, int status) {
        Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> admin.get(path).status() == status);
    }

    /** {@value #SPEC}: "proxy-cache invalidations cache purge propagates purges via cluster events mechanism". */
    @Test
    void propagates_purges_via_cluster_events_mechanism() throws IOException {
        Cached route1 = cachedRoute("route-1");
        Cached route2 = cachedRoute("route-2");
        String key = prime(route1, route2)[0];

        get(node1, route1, "Hit");
        get(node2, route1, "Hit");

        String entry = "/proxy-cache/" + route1.plugin + "/caches/" + key;
        assertThat(admin1.delete(entry).status()).isEqualTo(204);
        awaitStatus(admin2, entry, 404);

        get(node1, route1, "Miss");
        assertThat(get(node2, route1, "Miss")).isEqualTo(key);

        assertThat(admin1.delete("/proxy-cache/" + key).status()).isEqualTo(204);
        awaitStatus(admin2, "/proxy-cache/" + key, 404);
    }

    /**
     * {@value #SPEC}: "proxy-cache invalidations cache purge does not affect cache entries under other plugin
     * instances" (after the purge of the first route's entry that Kong's first case makes).
     */
    @Test
    void does_not_affect_cache_entries_under_other_plugin_instances() throws IOException {
        Cached route1 = cachedRoute("route-1");
        Cached route2 = cachedRoute("route-2");
        String[] keys = prime(route1, route2);
        String entry = "/proxy-cache/" + route1.plugin + "/caches/" + keys[0];
        assertThat(admin1.delete(entry).status()).isEqualTo(204);
        awaitStatus(admin2, entry, 404);

        String other = "/proxy-cache/" + route2.plugin + "/caches/" + keys[1];
        assertThat(admin1.get(other).status()).isEqualTo(200);
        assertThat(admin2.get(other).status()).isEqualTo(200);
    }

    /** {@value #SPEC}: "proxy-cache invalidations cache purge propagates global purges". */
    @Test
    void propagates_global_purges() throws IOException {
        Cached route1 = cachedRoute("route-1");
        Cached route2 = cachedRoute("route-2");
        String key2 = prime(route1, route2)[1];

        assertThat(admin1.delete("/proxy-cache/").status()).isEqualTo(204);

        String entry = "/proxy-cache/" + route2.plugin + "/caches/" + key2;
        awaitStatus(admin1, entry, 404);
        awaitStatus(admin2, entry, 404);
    }
}
