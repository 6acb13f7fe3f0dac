package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.bootstrap.e2e.KongSpecClient.ContentType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/31-proxy-cache/03-api_spec.lua} (memory strategy): the proxy-cache schema as
 * {@code POST /plugins} checks it and Kong's {@code /proxy-cache} Admin endpoints, against one real node proxying to
 * {@link KongMockUpstream}. All 12 of the spec's cases are ported. The revision read checks 32-character md5 keys
 * (its pre-3.x form); Kong 3.x's keys are 64-character sha256 sums, as here. Kong's {@code setup} creates two cached
 * routes and a global request-transformer (whose presence the global {@code /proxy-cache} handlers must tolerate);
 * here each case creates its own routes, the global request-transformer is created once. Purging everything
 * ({@code DELETE /proxy-cache}) empties the node's one store, so the cases that purge assert only on entries they
 * made after the purge or on entries gone because of it.
 */
class KongProxyCacheApiSpecIT {

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;
    static KongMockUpstream mock;
    static String service;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("kong-proxy-cache-api", dir, Map.of());
        client = new KongSpecClient(node.admin());
        service = id(client.create("/services", body("name", "mock", "url", mock.url())));
        // a plugin of another kind beside the caches: the global /proxy-cache handlers must skip it
        client.create("/plugins", body("name", "request-transformer"));
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

    /** A cached route: its host, route id and plugin id. */
    private record Cached(String host, String route, String plugin) {}

    private static Cached cachedRoute(String name) {
        String host = unique(name) + ".com";
        String route = id(client.create("/routes", body("hosts", List.of(host), "service", Map.of("id", service))));
        String plugin = id(client.create(
                "/routes/" + route + "/plugins",
                body(
                        "name",
                        "proxy-cache",
                        "config",
                        body(
                                "strategy", "memory",
                                "content_type", List.of("text/plain", "application/json"),
                                "memory", Map.of("dictionary_name", "kong")))));
        return new Cached(host, route, plugin);
    }

    private static RawHttp.Response get(Cached cached) throws IOException {
        return RawHttp.request("GET", cached.host, "/get").send(node.proxyPort);
    }

    private static RawHttp.Response expect(RawHttp.Response response, String cacheStatus) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("X-Cache-Status")).isEqualTo(cacheStatus);
        return response;
    }

    private static String key(RawHttp.Response response) {
        String key = response.header("X-Cache-Key");
        assertThat(key).matches("^[0-9a-f]{64}$");
        return key;
    }

    private static int status(Http.Response response) {
        return response.status();
    }

    // ------------------------------------------------------------------------ (schema)

    /** The plugin configuration of Kong's schema cases, with {@code more} replacing or adding fields. */
    private static Map<String, Object> schemaConfig(Object... more) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("strategy", "memory");
        config.put("memory", Map.of("dictionary_name", "kong"));
        config.put("response_code", List.of(123, 200));
        config.put("cache_ttl", 600);
        config.put("request_method", List.of("GET"));
        config.put("content_type", List.of("text/json"));
        config.putAll(body(more));
        return config;
    }

    /** POSTs a proxy-cache instance with the configuration to {@code /plugins}, on a fresh route of its own. */
    private static Http.Response post(Map<String, Object> config) {
        String route = id(client.create(
                "/routes", body("hosts", List.of(unique("schema") + ".com"), "service", Map.of("id", service))));
        return client.send(
                "POST",
                "/plugins",
                ContentType.JSON,
                body("name", "proxy-cache", "route", Map.of("id", route), "config", config));
    }

    private static JsonNode responseCodeError(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        return response.json().path("fields").path("config").path("response_code");
    }

    /** 03-api_spec: "(schema) accepts an array of numbers as strings". */
    @Test
    void accepts_an_array_of_numbers_as_strings() {
        assertThat(status(post(schemaConfig()))).isEqualTo(201);
    }

    /** 03-api_spec: "(schema) casts an array of response_code values to number types". */
    @Test
    void casts_an_array_of_response_code_values_to_number_types() {
        Http.Response created = post(schemaConfig());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode codes = created.json().path("config").path("response_code");
        assertThat(codes.size()).isEqualTo(2);
        codes.forEach(code -> assertThat(code.isNumber()).as(code.toString()).isTrue());
    }

    /** 03-api_spec: "(schema) errors if response_code is an empty array". */
    @Test
    void errors_if_response_code_is_an_empty_array() {
        assertThat(responseCodeError(post(schemaConfig("response_code", List.of())))
                        .asText())
                .isEqualTo("length must be at least 1");
    }

    /** 03-api_spec: "(schema) errors if response_code is a string". */
    @Test
    void errors_if_response_code_is_a_string() {
        Http.Response response =
                post(schemaConfig("response_code", List.of(), "request_method", "GET", "content_type", "text/json"));
        assertThat(responseCodeError(response).asText()).isEqualTo("length must be at least 1");
    }

    /** 03-api_spec: "(schema) errors if response_code has non-numeric values". */
    @Test
    void errors_if_response_code_has_non_numeric_values() {
        Http.Response response = post(schemaConfig(
                "response_code", List.of(true, "alo", 123), "request_method", "GET", "content_type", "text/json"));
        assertThat(responseCodeError(response))
                .isEqualTo(KongSpecClient.json("[\"expected an integer\",\"expected an integer\"]"));
    }

    /** 03-api_spec: "(schema) errors if response_code has float value". */
    @Test
    void errors_if_response_code_has_float_value() {
        Http.Response response =
                post(schemaConfig("response_code", List.of(90), "request_method", "GET", "content_type", "text/json"));
        assertThat(responseCodeError(response))
                .isEqualTo(KongSpecClient.json("[\"value should be between 100 and 900\"]"));
    }

    // ------------------------------------------------------------------------ (API) DELETE

    /** 03-api_spec: "(API) DELETE delete a cache entry". */
    @Test
    void delete_a_cache_entry() throws IOException {
        Cached one = cachedRoute("route-1");
        String key = key(expect(get(one), "Miss"));
        assertThat(expect(get(one), "Hit").header("X-Cache-Key")).isEqualTo(key);

        assertThat(status(client.delete("/proxy-cache/" + one.plugin + "/caches/" + key)))
                .isEqualTo(204);
        expect(get(one), "Miss");

        // without the plugin: every proxy-cache instance is looked at
        assertThat(status(client.delete("/proxy-cache/" + key))).isEqualTo(204);
        expect(get(one), "Miss");
        assertThat(status(client.get("/proxy-cache/" + key))).isEqualTo(200);
    }

    /** 03-api_spec: "(API) DELETE purge all the cache entries". */
    @Test
    void purge_all_the_cache_entries() throws IOException {
        Cached one = cachedRoute("route-1");
        Cached two = cachedRoute("route-2");
        expect(get(one), "Miss");
        expect(get(one), "Hit");
        String key = key(expect(get(two), "Miss"));
        assertThat(expect(get(two), "Hit").header("X-Cache-Key")).isEqualTo(key);

        assertThat(status(client.delete("/proxy-cache"))).isEqualTo(204);
        expect(get(one), "Miss");
        expect(get(two), "Miss");
    }

    /** 03-api_spec: "(API) DELETE delete a non-existing cache key". */
    @Test
    void delete_a_non_existing_cache_key() {
        Cached one = cachedRoute("route-1");
        assertThat(status(client.delete("/proxy-cache"))).isEqualTo(204);
        assertThat(status(client.delete("/proxy-cache/" + one.plugin + "/caches/123")))
                .isEqualTo(404);
    }

    /** 03-api_spec: "(API) DELETE delete a non-existing plugins's cache key". */
    @Test
    void delete_a_non_existing_pluginss_cache_key() {
        Cached one = cachedRoute("route-1");
        assertThat(status(client.delete("/proxy-cache"))).isEqualTo(204);
        assertThat(status(client.delete("/proxy-cache/" + one.route + "/caches/123")))
                .isEqualTo(404);
    }

    // ------------------------------------------------------------------------ (API) GET

    /** 03-api_spec: "(API) GET get a non-existing cache". */
    @Test
    void get_a_non_existing_cache() throws IOException {
        Cached one = cachedRoute("route-1");
        String key = key(expect(get(one), "Miss"));
        assertThat(status(client.delete("/proxy-cache"))).isEqualTo(204);
        assertThat(status(client.get("/proxy-cache/" + one.plugin + "/caches/" + key)))
                .isEqualTo(404);
        assertThat(status(client.get("/proxy-cache/" + key))).isEqualTo(404);
    }

    /** 03-api_spec: "(API) GET get a existing cache". */
    @Test
    void get_a_existing_cache() throws IOException {
        Cached one = cachedRoute("route-1");
        String key = key(get(one));
        Http.Response viaPlugin = client.get("/proxy-cache/" + one.plugin + "/caches/" + key);
        assertThat(viaPlugin.status()).as(viaPlugin.body()).isEqualTo(200);
        assertThat(viaPlugin.json().path("headers").path("X-Cache-Key").asText())
                .isEqualTo(key);
        Http.Response direct = client.get("/proxy-cache/" + key);
        assertThat(direct.status()).as(direct.body()).isEqualTo(200);
        assertThat(direct.json().path("headers").path("X-Cache-Key").asText()).isEqualTo(key);
    }
}
