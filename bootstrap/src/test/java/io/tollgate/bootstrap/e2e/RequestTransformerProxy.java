package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.bootstrap.e2e.KongSpecClient.ContentType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One real node with a service on {@link KongMockUpstream}, for the ports of Kong's request-transformer access spec:
 * routes with a {@code request-transformer} plugin, proxy requests as Kong's spec client sends them, and the
 * mock's echo read as Kong's {@code assert.request(r)} modifier reads it ({@code headers}, {@code uri_args},
 * {@code post_data.params}).
 */
final class RequestTransformerProxy implements AutoCloseable {

    private final KongMockUpstream mock;
    private final NodeProcess node;
    private final KongSpecClient client;
    private final String service;

    private RequestTransformerProxy(KongMockUpstream mock, NodeProcess node) {
        this.mock = mock;
        this.node = node;
        this.client = new KongSpecClient(node.admin());
        this.service = client.create("/services", body("name", "mock", "url", mock.url()))
                .get("id")
                .asText();
    }

    static RequestTransformerProxy start(String name, Path dir) throws Exception {
        KongMockUpstream mock = new KongMockUpstream();
        try {
            return new RequestTransformerProxy(mock, NodeProcess.start(name, dir, Map.of()));
        } catch (Exception | Error e) {
            mock.close();
            throw e;
        }
    }

    /** The mock's base URL ({@code helpers.mock_upstream_url}). */
    String mockUrl() {
        return mock.url();
    }

    /** A route for {@code host} (plus {@code fields}) with a request-transformer of {@code config}. */
    void route(String host, Map<String, Object> fields, Map<String, Object> config) {
        Map<String, Object> route = body("hosts", List.of(host), "service", Map.of("id", service));
        route.putAll(fields);
        String id = client.create("/routes", route).get("id").asText();
        client.create("/plugins", body("name", "request-transformer", "route", Map.of("id", id), "config", config));
    }

    /** A proxy request for {@code host}: {@code headers} as name/value pairs (a name may repeat). */
    RawHttp.Response send(String method, String target, String host, @Nullable String body, String... headers)
            throws IOException {
        RawHttp.Request request = RawHttp.request(method, host, target);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (body != null) {
            request.body(body);
        }
        return request.send(node.proxyPort);
    }

    /** A proxy request with a body Kong's spec client encodes from a table, with its {@code Content-Type}. */
    RawHttp.Response send(String method, String target, String host, ContentType type, Map<String, Object> body)
            throws IOException {
        return send(method, target, host, KongSpecClient.encode(type, body), "Content-Type", type.header);
    }

    /** The echo of a response with {@code status}. */
    static JsonNode echo(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response.json();
    }

    /** {@code assert.request(r).has.header(name)}; {@code null} for {@code has.no.header}. */
    static @Nullable String header(JsonNode echo, String name) {
        JsonNode value = echo.path("headers").get(name.toLowerCase(java.util.Locale.ROOT));
        return value == null ? null : value.asText();
    }

    /** {@code assert.request(r).has.queryparam(name)}: a text, or a JSON list for a repeated argument. */
    static @Nullable JsonNode query(JsonNode echo, String name) {
        return echo.path("uri_args").get(name);
    }

    /** {@code assert.request(r).has.formparam(name)} / {@code jsonbody().params[name]}. */
    static @Nullable JsonNode param(JsonNode echo, String name) {
        return echo.path("post_data").path("params").get(name);
    }

    /** {@code assert.request(r).has.jsonbody().data}: the body the upstream received. */
    static String data(JsonNode echo) {
        return echo.path("post_data").path("text").asText();
    }

    @Override
    public void close() throws Exception {
        try {
            node.close();
        } finally {
            mock.close();
        }
    }
}
