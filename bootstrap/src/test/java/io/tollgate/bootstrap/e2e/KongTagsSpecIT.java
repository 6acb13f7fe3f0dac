package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/02-integration/04-admin_api/14-tags_spec.lua} on a real node: 14 {@code it} cases, 10 ported
 * here; "filter by single tag", "/tags" and "/tags/:tags" are already ported (adapters-http's {@code KongAdminSpecIT}
 * and {@link AdminConventionsNodeIT#kong_spec_cases_on_a_real_node}). Not ported: "ignores tags when filtering by
 * multiple filters #6779" (Kong ignores {@code ?tags=} on a list nested under its parent; Tollgate filters it, as
 * adapters-http's {@code AdminConventionsIT#tag_filters_work_on_nested_lists} asserts). Kong sets up two consumers
 * tagged {@code corp_ a}, {@code consumer_ <i>} (and {@code 🦍}), each with a tagged {@code file-log} plugin, once
 * for all cases; here each test makes that set-up with tags of its own (a per-test suffix), so that the cases hold
 * whatever else the shared node stores.
 */
class KongTagsSpecIT {

    private static final String INVALID_SYNTAX = "invalid option (tags: invalid filter syntax)";
    private static final AtomicInteger SEQ = new AtomicInteger();

    @TempDir
    static Path dir;

    static NodeProcess node;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-tags", dir, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** Kong's set-up with this test's own tags: {@code corp}, {@code consumer(i)} and {@code gorilla}. */
    private record Fixture(String suffix, List<JsonNode> consumers) {
        String corp() {
            return "corp_ a" + suffix;
        }

        String consumer(int i) {
            return "consumer_ " + i + suffix;
        }

        String gorilla() {
            return "🦍" + suffix;
        }

        String username(int i) {
            return "adminapi-filter-by-tag-" + i + suffix;
        }
    }

    /** Two consumers tagged {@code corp}, {@code consumer(i)} (and {@code gorilla}), each with a tagged file-log. */
    private static Fixture fixture(boolean gorillaAndPlugins) {
        Fixture fixture = new Fixture("-" + SEQ.incrementAndGet(), new ArrayList<>());
        for (int i = 1; i <= 2; i++) {
            ObjectNode consumer = Http.JSON.createObjectNode().put("username", fixture.username(i));
            List<String> tags = new ArrayList<>(List.of(fixture.corp(), fixture.consumer(i)));
            if (gorillaAndPlugins) {
                tags.add(fixture.gorilla());
            }
            consumer.set("tags", Http.JSON.valueToTree(tags));
            JsonNode row = ok(Http.post(node.admin() + "/consumers", consumer.toString()));
            assertThat(row.get("tags")).isEqualTo(Http.JSON.valueToTree(tags));
            fixture.consumers().add(row);
            if (gorillaAndPlugins) {
                ObjectNode plugin = Http.JSON.createObjectNode().put("name", "file-log");
                plugin.putObject("consumer").put("id", row.get("id").asText());
                plugin.putObject("config")
                        .put(
                                "path",
                                dir.resolve("file-log" + fixture.suffix() + "-" + i)
                                        .toString());
                plugin.set("tags", Http.JSON.valueToTree(List.of(fixture.corp(), fixture.consumer(i))));
                ok(Http.post(node.admin() + "/plugins", plugin.toString()));
            }
        }
        return fixture;
    }

    private static JsonNode ok(Http.Response reply) {
        assertThat(reply.status()).as(reply.body()).isBetween(200, 201);
        return reply.json();
    }

    private static Http.Response get(String path) {
        return Http.get(node.admin() + path);
    }

    /** Percent-escapes a tag for a query string or a path segment (a space as {@code %20}). */
    private static String q(String tag) {
        return URLEncoder.encode(tag, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<String> tags(JsonNode entity) {
        List<String> tags = new ArrayList<>();
        entity.get("tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    /** One raw request whose target is these bytes as sent (a byte that is not UTF-8 included): status and body. */
    private static Http.Response raw(byte[] target) throws IOException {
        URI uri = URI.create(node.admin());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write("GET ".getBytes(StandardCharsets.US_ASCII));
            request.write(target);
            request.write(
                    " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(request.toByteArray());
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = text.substring(0, end);
            String body = text.substring(end + 4);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new Http.Response(Integer.parseInt(head.split(" ")[1]), body);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        byte[] bytes = chunked.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        while (true) {
            int lineEnd = i;
            while (bytes[lineEnd] != '\r') {
                lineEnd++;
            }
            int size = Integer.parseInt(new String(bytes, i, lineEnd - i, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(new String(bytes, lineEnd + 2, size, StandardCharsets.UTF_8));
            i = lineEnd + 2 + size + 2;
        }
    }

    private static byte[] bytes(String ascii, int... more) {
        byte[] head = ascii.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + more.length);
        for (int k = 0; k < more.length; k++) {
            all[head.length + k] = (byte) more[k];
        }
        return all;
    }

    // ------------------------------------------------------------------ /entities?tags=

    /** 14-tags_spec, /entities?tags=: "filter by single unicode tag". */
    @Test
    void entities_filter_by_single_unicode_tag() {
        Fixture fixture = fixture(true);
        JsonNode json = ok(get("/consumers?tags=" + q(fixture.gorilla())));
        assertThat(json.get("data")).hasSize(2);
        json.get("data").forEach(c -> assertThat(tags(c)).contains(fixture.gorilla()));
    }

    /** 14-tags_spec, /entities?tags=: "filter by multiple tags with AND". */
    @Test
    void entities_filter_by_multiple_tags_with_and() {
        Fixture fixture = fixture(true);
        JsonNode json = ok(get("/consumers?tags=" + q(fixture.corp()) + "," + q(fixture.consumer(1))));
        assertThat(json.get("data")).hasSize(1);
        assertThat(tags(json.get("data").get(0)))
                .containsExactlyInAnyOrder(fixture.corp(), fixture.consumer(1), fixture.gorilla());
    }

    /** 14-tags_spec, /entities?tags=: "filter by multiple tags with OR". */
    @Test
    void entities_filter_by_multiple_tags_with_or() {
        Fixture fixture = fixture(true);
        JsonNode json = ok(get("/consumers?tags=" + q(fixture.consumer(2)) + "/" + q(fixture.consumer(1))));
        assertThat(json.get("data")).hasSize(2);
    }

    /** 14-tags_spec, /entities?tags=: "errors if filter by mix of AND and OR". */
    @Test
    void entities_errors_if_filter_by_mix_of_and_and_or() {
        Fixture fixture = fixture(true);
        String c1 = q(fixture.consumer(1));
        String c2 = q(fixture.consumer(2));
        String c3 = q(fixture.consumer(3));
        for (String filter : new String[] {c3 + "," + c2 + "/" + c1, c3 + "/" + c2 + "," + c1}) {
            Http.Response reply = get("/consumers?tags=" + filter);
            assertThat(reply.status()).as(reply.body()).isEqualTo(400);
            assertThat(reply.json().get("message").asText()).isEqualTo(INVALID_SYNTAX);
        }
    }

    /** 14-tags_spec, /entities?tags=: "errors if filter by tag with invalid value" (a raw byte 0xFF). */
    @Test
    void entities_errors_if_filter_by_tag_with_invalid_value() throws Exception {
        Http.Response reply = raw(bytes("/consumers?tags=", 0xFF));
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("message").asText()).isEqualTo(INVALID_SYNTAX);
    }

    /** 14-tags_spec, /entities?tags=: "returns the correct 'next' arg". */
    @Test
    void entities_returns_the_correct_next_arg() {
        Fixture fixture = fixture(true);
        String tagsArg = "tags=" + q(fixture.corp());
        JsonNode json = ok(get("/consumers?" + tagsArg + "&size=1"));
        assertThat(json.get("data")).hasSize(1);
        assertThat(json.get("next").asText()).contains(tagsArg);
    }

    // ------------------------------------------------------------------ /tags

    /** 14-tags_spec, /tags: "/tags/:tags with a not exist tag". */
    @Test
    void tags_tags_with_a_not_exist_tag() {
        Http.Response reply = get("/tags/does-not-exist-" + SEQ.incrementAndGet());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).contains("\"data\":[]");
    }

    /** 14-tags_spec, /tags: "/tags/:tags with invalid :tags value" (a raw byte 0xFF). */
    @Test
    void tags_tags_with_invalid_tags_value() throws Exception {
        Http.Response reply = raw(bytes("/tags/", 0xFF));
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("message").asText()).contains("invalid utf-8");
    }

    /** 14-tags_spec, /tags: "/tags ignores ?tags= query" (the same rows as without it, this test's among them). */
    @Test
    void tags_ignores_tags_query() {
        Fixture fixture = fixture(false);
        JsonNode all = ok(get("/tags")).get("data");
        assertThat(all.toString()).contains(fixture.corp(), fixture.consumer(1), fixture.consumer(2));
        for (String query : new String[] {"not_a_tag", "invalid@tag"}) {
            assertThat(ok(get("/tags?tags=" + query)).get("data")).isEqualTo(all);
        }
    }

    /** 14-tags_spec, /tags: "/tags/:tags ignores ?tags= query". */
    @Test
    void tags_tags_ignores_tags_query() {
        Fixture fixture = fixture(false);
        for (String query : new String[] {"not_a_tag", "invalid@tag"}) {
            JsonNode json = ok(get("/tags/" + q(fixture.corp()) + "?tags=" + query));
            assertThat(json.get("data")).hasSize(2);
        }
    }
}
