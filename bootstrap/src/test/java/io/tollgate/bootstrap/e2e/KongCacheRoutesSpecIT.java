package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.ok;
import static io.tollgate.bootstrap.e2e.KongSpecClient.texts;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/02-integration/04-admin_api/05-cache_routes_spec.lua}: all 4 of its cases, against one real
 * node. Kong fills its cache through a test-only plugin that stores a posted key and value; a Tollgate node's cache
 * holds only entities, filled by the proxy, so here a request through a key-auth route caches the credential under
 * {@code keyauth_credentials:<key>:::::<ws>}, and the cached value checked is that credential (its {@code key}).
 * Every case uses keys of its own; the key's workspace part is read from {@code GET /cache?prefix=}.
 */
class KongCacheRoutesSpecIT {

    private static final String PATH = "/kong-cache-spec";

    @TempDir
    static Path dir;

    static EchoUpstream upstream;
    static NodeProcess node;
    static KongSpecClient client;

    @BeforeAll
    static void start() throws Exception {
        upstream = new EchoUpstream();
        node = NodeProcess.start("kong-cache", dir, Map.of());
        client = new KongSpecClient(node.admin());
        JsonNode service = client.create("/services", body("name", unique("cache-svc"), "url", upstream.url() + "/"));
        String serviceId = service.get("id").asText();
        client.create("/routes", body("paths", List.of(PATH), "service", Map.of("id", serviceId)));
        client.create("/services/" + serviceId + "/plugins", body("name", "key-auth"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    /**
     * Proxies a request with a fresh key-auth credential, which the node caches; returns the credential's cache key.
     */
    private static String cached(String key) {
        String consumer = client.create("/consumers", body("username", unique("cache-user")))
                .get("id")
                .asText();
        client.create("/consumers/" + consumer + "/key-auth", body("key", key));
        assertThat(Http.get(node.proxy() + PATH, "apikey", key).status()).isEqualTo(200);
        List<String> keys = texts(ok(client.get("/cache?prefix=keyauth_credentials:" + key + ":"), 200)
                .get("data"));
        assertThat(keys).hasSize(1);
        return keys.get(0);
    }

    /** 05-cache_routes_spec: "/cache/:key GET returns 404 if cache miss". */
    @Test
    void returns_404_if_cache_miss() {
        assertThat(client.get("/cache/_inexistent_").status()).isEqualTo(404);
    }

    /** 05-cache_routes_spec: "/cache/:key GET returns 200 and value if cache hit". */
    @Test
    void returns_200_and_value_if_cache_hit() {
        String key = unique("my_key");
        String cacheKey = cached(key);
        JsonNode json = ok(client.get("/cache/" + cacheKey), 200);
        assertThat(json.get("key").asText()).isEqualTo(key);
    }

    /** 05-cache_routes_spec: "/cache/:key DELETE purges a cached value". */
    @Test
    void purges_a_cached_value() {
        String cacheKey = cached(unique("purge_me"));
        assertThat(client.delete("/cache/" + cacheKey).status()).isEqualTo(204);
        assertThat(client.get("/cache/" + cacheKey).status()).isEqualTo(404);
    }

    /** 05-cache_routes_spec: "DELETE purges all cached values". */
    @Test
    void purges_all_cached_values() {
        String first = cached(unique("key_1"));
        String second = cached(unique("key_2"));
        assertThat(client.delete("/cache").status()).isEqualTo(204);
        assertThat(client.get("/cache/" + first).status()).isEqualTo(404);
        assertThat(client.get("/cache/" + second).status()).isEqualTo(404);
    }
}
