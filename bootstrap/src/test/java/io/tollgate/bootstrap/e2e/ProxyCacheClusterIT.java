package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Beyond Kong's memory strategy (whose purge reaches other nodes only through its cluster-events channel): on a
 * two-node cluster ({@code db_update_frequency = 1}), a purge through A's Admin API ({@code DELETE
 * /proxy-cache/{key}}, {@code DELETE /proxy-cache}) goes through the event log and empties B's own entries after
 * B's poll, so B's next request is a Miss again.
 */
class ProxyCacheClusterIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static NodeProcess a;
    static NodeProcess b;
    static final AtomicInteger calls = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(dir);
        HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            byte[] body = ("{\"call\":" + calls.incrementAndGet() + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.setExecutor(Executors.newFixedThreadPool(4));
        upstream.start();
        cluster.closing(() -> upstream.stop(0));
        Map<String, String> db = cluster.settings("db_update_frequency", "1");
        a = cluster.node("a", db);
        b = cluster.node("b", db);
        RateLimitingNodeIT.created(Http.post(
                a.admin() + "/services",
                "{\"name\":\"origin\",\"url\":\"http://127.0.0.1:"
                        + upstream.getAddress().getPort() + "\"}"));
        RateLimitingNodeIT.created(
                Http.post(a.admin() + "/services/origin/routes", "{\"name\":\"cached\",\"paths\":[\"/cached\"]}"));
        RateLimitingNodeIT.created(Http.post(
                a.admin() + "/routes/cached/plugins",
                "{\"name\":\"proxy-cache\",\"config\":{\"strategy\":\"memory\"}}"));
        Http.await(b.proxy() + "/cached/ready", r -> r.header("X-Cache-Status") != null, PROPAGATION);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Requests {@code path} on {@code node} until it is a Hit there; returns its cache key. */
    static String cachedOn(NodeProcess node, String path) {
        Http.Response miss = Http.get(node.proxy() + path);
        assertThat(miss.status()).isEqualTo(200);
        Http.Response hit = Http.get(node.proxy() + path);
        assertThat(hit.header("X-Cache-Status")).isEqualTo("Hit");
        assertThat(hit.body()).isEqualTo(miss.body());
        return hit.header("X-Cache-Key");
    }

    @Test
    void a_purge_of_one_key_on_a_empties_bs_entry_after_its_poll() {
        String key = cachedOn(a, "/cached/one");
        assertThat(cachedOn(b, "/cached/one")).as("the same key on both nodes").isEqualTo(key);
        assertThat(Http.get(b.admin() + "/proxy-cache/" + key).status()).isEqualTo(200);

        assertThat(Http.delete(a.admin() + "/proxy-cache/" + key).status()).isEqualTo(204);
        assertThat(Http.get(a.admin() + "/proxy-cache/" + key).status()).isEqualTo(404);
        Http.await(b.admin() + "/proxy-cache/" + key, Http.status(404), PROPAGATION);
        assertThat(Http.get(b.proxy() + "/cached/one").header("X-Cache-Status")).isEqualTo("Miss");
    }

    @Test
    void purging_everything_on_a_empties_b_too() {
        String key = cachedOn(b, "/cached/two");
        String other = cachedOn(b, "/cached/three");
        assertThat(Http.delete(a.admin() + "/proxy-cache").status()).isEqualTo(204);
        Http.await(b.admin() + "/proxy-cache/" + key, Http.status(404), PROPAGATION);
        assertThat(Http.get(b.admin() + "/proxy-cache/" + other).status()).isEqualTo(404);
        assertThat(Http.get(b.proxy() + "/cached/two").header("X-Cache-Status")).isEqualTo("Miss");
    }
}
