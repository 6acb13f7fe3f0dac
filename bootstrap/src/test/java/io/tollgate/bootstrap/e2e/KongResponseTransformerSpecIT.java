package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's response-transformer specs under {@code spec/03-plugins/15-response-transformer/}, against one real node
 * proxying to {@link KongMockUpstream}: 69 cases, and 4 of Tollgate's on the header transformer's Kong semantics.
 *
 * <ul>
 *   <li>{@code 01-header_transformer_spec.lua}: 29 of 29; its unit cases on Kong's header transformer hold through
 *       the proxy, the upstream's {@code /response-headers} sending the headers each case starts from ("content-type
 *       json" is abbreviated "json");
 *   <li>{@code 02-body_transformer_spec.lua}: 25 of 25; its unit cases on Kong's JSON body transformer hold through
 *       the proxy, an upstream of this class answering each case's JSON document (see {@link #bigJsonUpstream});
 *   <li>{@code 03-api_spec.lua}: its 3.x revision, 7 of 7;
 *   <li>{@code 04-filter_spec.lua}: 4 of 4;
 *   <li>{@code 05-big_response_body_spec.lua}: 2 of 2;
 *   <li>{@code 07-big_json_response_parse_spec.lua}: 2 of 2; its upstream, which answers a 1 MiB JSON document, is a
 *       loopback server of this class.
 * </ul>
 *
 * <p>The routes and plugins of each spec's {@code lazy_setup} are created once, with hosts of their own; the API cases
 * each create their plugin on a route of their own (Kong's are global).
 */
class KongResponseTransformerSpecIT {

    private static final String BIG_FIELD = "*".repeat(1024 * 1024);

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;
    static KongMockUpstream mock;
    static HttpServer bigJson;
    static String service;
    static String bigService;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        bigJson = bigJsonUpstream();
        node = NodeProcess.start("kong-response-transformer", dir, Map.of());
        client = new KongSpecClient(node.admin());
        service = id(client.create("/services", body("name", "mock", "url", mock.url())));
        bigService = id(client.create(
                "/services",
                body(
                        "name",
                        "big-json",
                        "url",
                        "http://127.0.0.1:" + bigJson.getAddress().getPort())));

        // 04-filter_spec
        transformer(
                "response.test",
                body("remove", body("headers", List.of("Access-Control-Allow-Origin"), "json", List.of("url"))));
        transformer(
                "response2.test",
                body(
                        "replace",
                        body("json", List.of("headers:/hello/world", "uri_args:this is a / test", "url:\"wot\""))));
        String route3 = transformer("response3.test", body("remove", body("json", List.of("ip"))));
        plugin("basic-auth", route3, body());

        // 01-header_transformer_spec: each describe's conf on a route of its own
        List<String> p1 = List.of("p1:v1");
        transformer(
                "hdr-remove.test", body("remove", body("headers", List.of("h1", "h2", "h3")), "add", body("json", p1)));
        transformer(
                "hdr-replace.test",
                body("replace", body("headers", List.of("h1:v1", "h2:value:2")), "add", body("json", p1)));
        transformer("hdr-add.test", body("add", body("json", p1, "headers", List.of("h2:v2"))));
        transformer("hdr-append.test", body("append", body("headers", List.of("h1:v2")), "add", body("json", p1)));
        transformer(
                "hdr-all.test",
                body(
                        "remove",
                        body("headers", List.of("h1:v1")),
                        "replace",
                        body("headers", List.of("h2:v3")),
                        "add",
                        body("json", p1, "headers", List.of("h3:v3")),
                        "append",
                        body("headers", List.of("h3:v4"))));
        // Kong's header transformer beyond its unit spec: rename keeps each line; conditions read the headers as
        // they were before the plugin ran
        transformer("hdr-rename.test", body("rename", body("headers", List.of("h1:h9"))));
        transformer(
                "hdr-before.test",
                body(
                        "remove",
                        body("headers", List.of("h1")),
                        "replace",
                        body("headers", List.of("h1:v9")),
                        "rename",
                        body("headers", List.of("h2:h3")),
                        "add",
                        body("headers", List.of("h3:v3"))));
        transformer(
                "hdr-colons.test",
                body("rename", body("headers", List.of("h2::h8")), "replace", body("headers", List.of("h1::v9"))));
        for (String operation : List.of("remove", "replace", "add", "append")) {
            List<String> headers = operation.equals("remove") ? List.of("h1", "h2") : List.of("h1:v1", "h2:v2");
            List<String> json = operation.equals("remove") ? List.of("p1") : List.of("p1:v1", "p2:v1");
            transformer("ct-" + operation + ".test", body(operation, body("json", json, "headers", headers)));
            transformer("ct-" + operation + "-nojson.test", body(operation, body("headers", headers)));
        }

        // 02-body_transformer_spec: each describe's conf on a route of its own, to the upstream answering its body
        bodyTransformer(
                "body-add.test",
                body(
                        "add",
                        body(
                                "json", List.of("p1:v1", "p3:value:3", "p4:\"v1\"", "p5:-1", "p6:false", "p7:true"),
                                "json_types", List.of("string", "string", "string", "number", "boolean", "boolean"))));
        bodyTransformer(
                "body-append.test",
                body(
                        "append",
                        body(
                                "json", List.of("p1:v1", "p3:\"v1\"", "p4:-1", "p5:false", "p6:true"),
                                "json_types", List.of("string", "string", "number", "boolean", "boolean"))));
        bodyTransformer("body-remove.test", body("remove", body("json", List.of("p1", "p2"))));
        bodyTransformer(
                "body-replace.test",
                body(
                        "replace",
                        body(
                                "json", List.of("p1:v2", "p2:\"v2\"", "p3:-1", "p4:false", "p5:true"),
                                "json_types", List.of("string", "string", "number", "boolean", "boolean"))));
        bodyTransformer(
                "body-all.test",
                body(
                        "remove",
                        body("json", List.of("p1")),
                        "replace",
                        body("json", List.of("p2:v2")),
                        "add",
                        body("json", List.of("p3:v1")),
                        "append",
                        body("json", List.of("p3:v2"))));
        bodyTransformer("body-headers-only.test", body("remove", body("headers", List.of("h1", "h2", "h3"))));

        // 05-big_response_body_spec
        String big = id(client.create(
                "/routes",
                body(
                        "hosts",
                        List.of("response-big.test"),
                        "methods",
                        List.of("POST"),
                        "service",
                        Map.of("id", service))));
        plugin("response-transformer", big, bigConfig());

        // 07-big_json_response_parse_spec
        String rtlj =
                id(client.create("/routes", body("hosts", List.of("rtlj.test"), "service", Map.of("id", bigService))));
        plugin("response-transformer", rtlj, bigConfig());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (mock != null) {
            mock.close();
        }
        if (bigJson != null) {
            bigJson.stop(0);
        }
    }

    /**
     * The 07 spec's upstream: {@code /add} and {@code /remove} answer a JSON object with a 1 MiB member; {@code /body}
     * answers the request's body with its {@code Content-Type} (the 02 spec's JSON documents).
     */
    private static HttpServer bigJsonUpstream() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/body", exchange -> {
            try (exchange) {
                byte[] bytes = exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders()
                        .add("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"));
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                String param = exchange.getRequestURI().getPath().equals("/remove") ? "\"param\":2," : "";
                byte[] bytes =
                        ("{" + param + "\"big_field\":\"" + BIG_FIELD + "\"}\n").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
            }
        });
        server.start();
        return server;
    }

    private static Map<String, Object> bigConfig() {
        return body("add", body("json", List.of("p1:v1")), "remove", body("json", List.of("params")));
    }

    private static String id(JsonNode entity) {
        return entity.get("id").asText();
    }

    private static String transformer(String host, Map<String, Object> config) {
        String route = id(client.create("/routes", body("hosts", List.of(host), "service", Map.of("id", service))));
        plugin("response-transformer", route, config);
        return route;
    }

    private static void bodyTransformer(String host, Map<String, Object> config) {
        String route = id(client.create("/routes", body("hosts", List.of(host), "service", Map.of("id", bigService))));
        plugin("response-transformer", route, config);
    }

    private static void plugin(String name, String route, Map<String, Object> config) {
        client.create("/plugins", body("name", name, "route", Map.of("id", route), "config", config));
    }

    private static RawHttp.Response get(String target, String host) throws IOException {
        return RawHttp.request("GET", host, target).send(node.proxyPort);
    }

    private static JsonNode json(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response.json();
    }

    // ------------------------------------------------------------------------ 01-header_transformer_spec

    private static final String JSON_UTF8 = "application/json;%20charset=utf-8";
    private static final String FORM = "application/x-www-form-urlencoded;%20charset=utf-8";

    /** The upstream answers {@code /response-headers} with the query's arguments as headers. */
    private static RawHttp.Response headers(String host, String query) throws IOException {
        RawHttp.Response response = get("/response-headers" + (query.isEmpty() ? "" : "?" + query), host);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static void noContentLength(String host, String query) throws IOException {
        RawHttp.Response response = headers(host, query);
        assertThat(response.header("content-length")).isNull();
    }

    /** The upstream's Content-Length (the echo's length) goes through unchanged. */
    private static void keepsContentLength(String host, String query) throws IOException {
        RawHttp.Response response = headers(host, query);
        assertThat(response.header("content-length"))
                .isEqualTo(String.valueOf(response.body().getBytes(StandardCharsets.ISO_8859_1).length));
    }

    /** 01-header_transformer_spec: "execute_headers() remove all the headers". */
    @Test
    void remove_all_the_headers() throws IOException {
        RawHttp.Response response = headers("hdr-remove.test", "h1=value1&h2=value2a&h2=value2b");
        assertThat(response.headers("h1")).isEmpty();
        assertThat(response.headers("h2")).isEmpty();
    }

    /** 01-header_transformer_spec: "execute_headers() remove sets content-length nil". */
    @Test
    void remove_sets_content_length_nil() throws IOException {
        noContentLength("hdr-remove.test", "h1=value1&h2=value2a&h2=value2b");
    }

    /** 01-header_transformer_spec: "execute_headers() replace header if the header only exists". */
    @Test
    void replace_header_if_the_header_only_exists() throws IOException {
        RawHttp.Response response = headers("hdr-replace.test", "h1=value1&h2=value2a&h2=value2b");
        assertThat(response.headers("h1")).containsExactly("v1");
        assertThat(response.headers("h2")).containsExactly("value:2");
    }

    /** 01-header_transformer_spec: "replace does not add a new header if the header does not already exist". */
    @Test
    void replace_does_not_add_a_new_header_if_the_header_does_not_already_exist() throws IOException {
        RawHttp.Response response = headers("hdr-replace.test", "h2=value2a&h2=value2b");
        assertThat(response.headers("h1")).isEmpty();
        assertThat(response.headers("h2")).containsExactly("value:2");
    }

    /** 01-header_transformer_spec: "execute_headers() replace sets content-length nil". */
    @Test
    void replace_sets_content_length_nil() throws IOException {
        noContentLength("hdr-replace.test", "h1=value1&h2=value2a&h2=value2b");
    }

    /** 01-header_transformer_spec: "execute_headers() add header if the header does not exists". */
    @Test
    void add_header_if_the_header_does_not_exists() throws IOException {
        RawHttp.Response response = headers("hdr-add.test", "h1=v1");
        assertThat(response.headers("h1")).containsExactly("v1");
        assertThat(response.headers("h2")).containsExactly("v2");
    }

    /** 01-header_transformer_spec: "execute_headers() add does not add a new header if the header already exist". */
    @Test
    void add_does_not_add_a_new_header_if_the_header_already_exist() throws IOException {
        RawHttp.Response response = headers("hdr-add.test", "h1=v1&h2=v3");
        assertThat(response.headers("h1")).containsExactly("v1");
        assertThat(response.headers("h2")).containsExactly("v3");
    }

    /** 01-header_transformer_spec: "execute_headers() add sets content-length nil". */
    @Test
    void add_sets_content_length_nil() throws IOException {
        noContentLength("hdr-add.test", "h1=v1");
    }

    /** 01-header_transformer_spec: "execute_headers() append header if the header does not exists". */
    @Test
    void append_header_if_the_header_does_not_exists() throws IOException {
        assertThat(headers("hdr-append.test", "").headers("h1")).containsExactly("v2");
    }

    /** 01-header_transformer_spec: "execute_headers() append header if the header already exist" (two lines). */
    @Test
    void append_header_if_the_header_already_exist() throws IOException {
        assertThat(headers("hdr-append.test", "h1=v1").headers("h1")).containsExactly("v1", "v2");
    }

    /** 01-header_transformer_spec: "execute_headers() append sets content-length nil". */
    @Test
    void append_sets_content_length_nil() throws IOException {
        noContentLength("hdr-append.test", "h1=v1");
    }

    /** 01-header_transformer_spec: "performing remove, replace, add, append together transforms all headers". */
    @Test
    void together_transforms_all_headers() throws IOException {
        RawHttp.Response response = headers("hdr-all.test", "h1=v1&h2=v2");
        assertThat(response.headers("h1")).isEmpty();
        assertThat(response.headers("h2")).containsExactly("v3");
        assertThat(response.headers("h3")).containsExactly("v3", "v4");
    }

    /** 01-header_transformer_spec: "performing remove, replace, add, append together sets content-length nil". */
    @Test
    void together_sets_content_length_nil() throws IOException {
        noContentLength("hdr-all.test", "h1=v1");
    }

    /** Kong's set_header of the renamed header's value list: each of its lines under the new name. */
    @Test
    void rename_keeps_every_line_of_the_header() throws IOException {
        RawHttp.Response response = headers("hdr-rename.test", "h1=a&h1=b");
        assertThat(response.headers("h1")).isEmpty();
        assertThat(response.headers("h9")).containsExactly("a", "b");
    }

    /**
     * Kong's header transformer tests presence against its {@code kong.response.get_headers()} copy taken before
     * any step: a removed header is still replaced, and an add of a renamed header's new name overwrites it.
     */
    @Test
    void replace_and_add_look_at_the_headers_before_the_plugin_ran() throws IOException {
        RawHttp.Response response = headers("hdr-before.test", "h1=a&h2=b");
        assertThat(response.headers("h1")).containsExactly("v9");
        assertThat(response.headers("h2")).isEmpty();
        assertThat(response.headers("h3")).containsExactly("v3");
    }

    /** Kong splits an entry as {@code ^([^:]+):*(.-)$}: every colon after the name goes, as its schema checks it. */
    @Test
    void colons_after_the_name_are_all_separators() throws IOException {
        RawHttp.Response response = headers("hdr-colons.test", "h1=a&h2=b");
        assertThat(response.headers("h1")).containsExactly("v9");
        assertThat(response.headers("h8")).containsExactly("b");
    }

    /** 01-header_transformer_spec: "json remove sets content-length nil if application/json passed". */
    @Test
    void json_remove_sets_content_length_nil_if_application_json_passed() throws IOException {
        noContentLength("ct-remove.test", "");
    }

    /** 01-header_transformer_spec: "json remove sets content-length nil if application/json and charset passed". */
    @Test
    void json_remove_sets_content_length_nil_if_application_json_and_charset_passed() throws IOException {
        noContentLength("ct-remove.test", "Content-Type=" + JSON_UTF8);
    }

    /** 01-header_transformer_spec: "json remove does not set content-length nil if content-type not json". */
    @Test
    void json_remove_does_not_set_content_length_nil_if_content_type_not_json() throws IOException {
        keepsContentLength("ct-remove.test", "Content-Type=" + FORM);
    }

    /** 01-header_transformer_spec: "json remove does not set content-length nil if any of json not set". */
    @Test
    void json_remove_does_not_set_content_length_nil_if_any_of_json_not_set() throws IOException {
        keepsContentLength("ct-remove-nojson.test", "");
    }

    /** 01-header_transformer_spec: "json replace sets content-length nil if application/json passed". */
    @Test
    void json_replace_sets_content_length_nil_if_application_json_passed() throws IOException {
        noContentLength("ct-replace.test", "");
    }

    /** 01-header_transformer_spec: "json replace sets content-length nil if application/json and charset passed". */
    @Test
    void json_replace_sets_content_length_nil_if_application_json_and_charset_passed() throws IOException {
        noContentLength("ct-replace.test", "Content-Type=" + JSON_UTF8);
    }

    /** 01-header_transformer_spec: "json replace does not set content-length nil if content-type not json". */
    @Test
    void json_replace_does_not_set_content_length_nil_if_content_type_not_json() throws IOException {
        keepsContentLength("ct-replace.test", "Content-Type=" + FORM);
    }

    /** 01-header_transformer_spec: "json replace does not set content-length nil if any of json not set". */
    @Test
    void json_replace_does_not_set_content_length_nil_if_any_of_json_not_set() throws IOException {
        keepsContentLength("ct-replace-nojson.test", "");
    }

    /** 01-header_transformer_spec: "json add set content-length nil if application/json passed". */
    @Test
    void json_add_set_content_length_nil_if_application_json_passed() throws IOException {
        noContentLength("ct-add.test", "");
    }

    /** 01-header_transformer_spec: "json add set content-length nil if application/json and charset passed". */
    @Test
    void json_add_set_content_length_nil_if_application_json_and_charset_passed() throws IOException {
        noContentLength("ct-add.test", "Content-Type=" + JSON_UTF8);
    }

    /** 01-header_transformer_spec: "json add does not set content-length nil if content-type not json". */
    @Test
    void json_add_does_not_set_content_length_nil_if_content_type_not_json() throws IOException {
        keepsContentLength("ct-add.test", "Content-Type=" + FORM);
    }

    /** Kong's is_json_body compares the media type itself: {@code application/json-patch+json} is not JSON. */
    @Test
    void json_add_leaves_a_media_type_that_only_starts_with_application_json_alone() throws IOException {
        keepsContentLength("ct-add.test", "Content-Type=application/json-patch%2Bjson");
    }

    /** 01-header_transformer_spec: "json add does not set content-length nil if any of json not set". */
    @Test
    void json_add_does_not_set_content_length_nil_if_any_of_json_not_set() throws IOException {
        keepsContentLength("ct-add-nojson.test", "");
    }

    /** 01-header_transformer_spec: "json append set content-length nil if application/json passed". */
    @Test
    void json_append_set_content_length_nil_if_application_json_passed() throws IOException {
        noContentLength("ct-append.test", "");
    }

    /** 01-header_transformer_spec: "json append set content-length nil if application/json and charset passed". */
    @Test
    void json_append_set_content_length_nil_if_application_json_and_charset_passed() throws IOException {
        noContentLength("ct-append.test", "Content-Type=" + JSON_UTF8);
    }

    /** 01-header_transformer_spec: "json append does not set content-length nil if content-type not json". */
    @Test
    void json_append_does_not_set_content_length_nil_if_content_type_not_json() throws IOException {
        keepsContentLength("ct-append.test", "Content-Type=" + FORM);
    }

    /** 01-header_transformer_spec: "json append does not set content-length nil if any of json not set". */
    @Test
    void json_append_does_not_set_content_length_nil_if_any_of_json_not_set() throws IOException {
        keepsContentLength("ct-append-nojson.test", "");
    }

    // ------------------------------------------------------------------------ 02-body_transformer_spec

    /** JSON written with single quotes (so {@code \'} is an escaped double quote). */
    private static String q(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** The response to the JSON document {@code json} sent back by the upstream as {@code contentType}. */
    private static RawHttp.Response answer(String host, String contentType, String json) throws IOException {
        RawHttp.Response response = RawHttp.request("POST", host, "/body")
                .header("Content-Type", contentType)
                .body(json)
                .send(node.proxyPort);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** Asserts the transformed document equals {@code expected} (members in any order). */
    private static void transforms(String host, String json, String expected) throws IOException {
        JsonNode body = answer(host, "application/json", q(json)).json();
        assertThat(body).isEqualTo(KongSpecClient.json(q(expected)));
    }

    /** The members the add describe's conf adds. */
    private static final String ADDED = "'p1':'v1','p3':'value:3','p4':'\\'v1\\'','p5':-1,'p6':false,'p7':true";
    /** The append describe's members other than p1. */
    private static final String APPENDED = "'p3':['\\'v1\\''],'p4':[-1],'p5':[false],'p6':[true]";

    /** 02-body_transformer_spec: "transform_json_body() add parameter". */
    @Test
    void body_add_parameter() throws IOException {
        transforms("body-add.test", "{'p2':'v1'}", "{'p2':'v1'," + ADDED + "}");
    }

    /** 02-body_transformer_spec: "transform_json_body() add add value in double quotes". */
    @Test
    void body_add_add_value_in_double_quotes() throws IOException {
        JsonNode body =
                answer("body-add.test", "application/json", q("{'p2':'v1'}")).json();
        assertThat(body.get("p4").asText()).isEqualTo("\"v1\"");
        assertThat(body).isEqualTo(KongSpecClient.json(q("{'p2':'v1'," + ADDED + "}")));
    }

    /** 02-body_transformer_spec: "transform_json_body() add number". */
    @Test
    void body_add_number() throws IOException {
        transforms("body-add.test", "{'p2':-1}", "{'p2':-1," + ADDED + "}");
    }

    /** 02-body_transformer_spec: "transform_json_body() add boolean". */
    @Test
    void body_add_boolean() throws IOException {
        transforms("body-add.test", "{'p2':false}", "{'p2':false," + ADDED + "}");
    }

    /** 02-body_transformer_spec: "transform_json_body() add preserves empty arrays". */
    @Test
    void body_add_preserves_empty_arrays() throws IOException {
        transforms("body-add.test", "{'p2':'v1', 'a':[]}", "{'p2':'v1','a':[]," + ADDED + "}");
    }

    /** 02-body_transformer_spec: "transform_json_body() append new key:value if key does not exists". */
    @Test
    void body_append_new_key_value_if_key_does_not_exists() throws IOException {
        transforms("body-append.test", "{'p2':'v1'}", "{'p2':'v1','p1':['v1']," + APPENDED + "}");
    }

    /** 02-body_transformer_spec: "transform_json_body() append value if key exists". */
    @Test
    void body_append_value_if_key_exists() throws IOException {
        transforms("body-append.test", "{'p1':'v2'}", "{'p1':['v2','v1']," + APPENDED + "}");
    }

    /** 02-body_transformer_spec: "transform_json_body() append value in double quotes". */
    @Test
    void body_append_value_in_double_quotes() throws IOException {
        transforms(
                "body-append.test",
                "{'p3':'v2'}",
                "{'p1':['v1'],'p3':['v2','\\'v1\\''],'p4':[-1],'p5':[false],'p6':[true]}");
    }

    /** 02-body_transformer_spec: "transform_json_body() append number". */
    @Test
    void body_append_number() throws IOException {
        transforms(
                "body-append.test",
                "{'p4':'v2'}",
                "{'p1':['v1'],'p3':['\\'v1\\''],'p4':['v2',-1],'p5':[false],'p6':[true]}");
    }

    /** 02-body_transformer_spec: "transform_json_body() append boolean". */
    @Test
    void body_append_boolean() throws IOException {
        transforms(
                "body-append.test",
                "{'p5':'v5', 'p6':'v6'}",
                "{'p1':['v1'],'p3':['\\'v1\\''],'p4':[-1],'p5':['v5',false],'p6':['v6',true]}");
    }

    /** 02-body_transformer_spec: "transform_json_body() append preserves empty arrays". */
    @Test
    void body_append_preserves_empty_arrays() throws IOException {
        transforms("body-append.test", "{'p2':'v1', 'a':[]}", "{'p2':'v1','a':[],'p1':['v1']," + APPENDED + "}");
    }

    /** 02-body_transformer_spec: "transform_json_body() remove parameter". */
    @Test
    void body_remove_parameter() throws IOException {
        assertThat(answer("body-remove.test", "application/json", q("{'p1' : 'v1', 'p2' : 'v1'}"))
                        .body())
                .isEqualTo("{}");
    }

    /** 02-body_transformer_spec: "transform_json_body() remove preserves empty arrays". */
    @Test
    void body_remove_preserves_empty_arrays() throws IOException {
        RawHttp.Response response =
                answer("body-remove.test", "application/json", q("{'p1' : 'v1', 'p2' : 'v1', 'a': []}"));
        assertThat(response.body()).isEqualTo(q("{'a':[]}"));
    }

    /** 02-body_transformer_spec: "transform_json_body() replace parameter if it exists". */
    @Test
    void body_replace_parameter_if_it_exists() throws IOException {
        transforms("body-replace.test", "{'p1' : 'v1', 'p2' : 'v1'}", "{'p1':'v2','p2':'\\'v2\\''}");
    }

    /** 02-body_transformer_spec: "replace does not add value to parameter if parameter does not exists". */
    @Test
    void body_replace_does_not_add_value_to_parameter_if_parameter_does_not_exists() throws IOException {
        transforms("body-replace.test", "{'p1' : 'v1'}", "{'p1':'v2'}");
    }

    /** 02-body_transformer_spec: "transform_json_body() replace double quoted value". */
    @Test
    void body_replace_double_quoted_value() throws IOException {
        transforms("body-replace.test", "{'p2' : 'v1'}", "{'p2':'\\'v2\\''}");
    }

    /** 02-body_transformer_spec: "transform_json_body() replace preserves empty arrays". */
    @Test
    void body_replace_preserves_empty_arrays() throws IOException {
        transforms("body-replace.test", "{'p1' : 'v1', 'p2' : 'v1', 'a': []}", "{'p1':'v2','p2':'\\'v2\\'','a':[]}");
    }

    /** 02-body_transformer_spec: "transform_json_body() replace number". */
    @Test
    void body_replace_number() throws IOException {
        transforms("body-replace.test", "{'p3' : 'v1'}", "{'p3':-1}");
    }

    /** 02-body_transformer_spec: "transform_json_body() replace boolean". */
    @Test
    void body_replace_boolean() throws IOException {
        transforms("body-replace.test", "{'p4' : 'v4', 'p5' : 'v5'}", "{'p4':false,'p5':true}");
    }

    /** 02-body_transformer_spec: "transform_json_body() remove, replace, add, append combination". */
    @Test
    void body_combination() throws IOException {
        transforms("body-all.test", "{'p1' : 'v1', 'p2' : 'v1'}", "{'p2':'v2','p3':['v1','v2']}");
    }

    /** 02-body_transformer_spec: "transform_json_body() remove, replace, add, append preserves empty array". */
    @Test
    void body_combination_preserves_empty_array() throws IOException {
        transforms("body-all.test", "{'p1' : 'v1', 'p2' : 'v1', 'a' : []}", "{'p2':'v2','p3':['v1','v2'],'a':[]}");
    }

    /** 02-body_transformer_spec: "is_json_body() is truthy when content-type application/json passed". */
    @Test
    void is_json_body_is_truthy_when_content_type_application_json_passed() throws IOException {
        for (String type : List.of("application/json", "application/json; charset=utf-8")) {
            assertThat(answer("body-remove.test", type, q("{'p1':'v1','p3':1}")).body())
                    .isEqualTo(q("{'p3':1}"));
        }
    }

    /** 02-body_transformer_spec: "is_json_body() is truthy when content-type is multiple values along with …". */
    @Test
    void is_json_body_is_truthy_when_content_type_is_multiple_values_along_with_application_json_passed()
            throws IOException {
        String type = "application/x-www-form-urlencoded, application/json";
        assertThat(answer("body-remove.test", type, q("{'p1':'v1','p3':1}")).body())
                .isEqualTo(q("{'p3':1}"));
    }

    /** 02-body_transformer_spec: "is_json_body() is falsy when content-type not application/json". */
    @Test
    void is_json_body_is_falsy_when_content_type_not_application_json() throws IOException {
        String json = q("{'p1':'v1','p3':1}");
        assertThat(answer("body-remove.test", "application/x-www-form-urlencoded", json)
                        .body())
                .isEqualTo(json);
    }

    /** 02-body_transformer_spec: "leave body alone body remains unaltered if no transforms have been set". */
    @Test
    void body_remains_unaltered_if_no_transforms_have_been_set() throws IOException {
        String json = q("\n\n    {\n      'id': 1,\n      'name': 'Some One',\n      'address': {\n"
                + "        'city': 'Gwendoline'\n      }\n    }\n\n  ");
        assertThat(answer("body-headers-only.test", "application/json", json).body())
                .isEqualTo(json);
    }

    // ------------------------------------------------------------------------ 03-api_spec

    private static Http.Response post(Map<String, Object> config) {
        return client.send(
                "POST",
                "/plugins",
                KongSpecClient.ContentType.JSON,
                body("name", "response-transformer", "config", config));
    }

    private static JsonNode created(Http.Response response) {
        JsonNode body = KongSpecClient.ok(response, 201);
        assertThat(client.delete("/plugins/" + body.get("id").asText()).status())
                .isEqualTo(204);
        return body;
    }

    /** A 400 schema violation; returns {@code fields.config}. */
    private static JsonNode violation(Http.Response response) {
        JsonNode body = KongSpecClient.ok(response, 400);
        assertThat(body.get("name").asText()).isEqualTo("schema violation");
        assertThat(body.get("code").asInt()).isEqualTo(2);
        return body.get("fields").get("config");
    }

    /** 03-api_spec: "validate config parameters remove succeeds without colons". */
    @Test
    void remove_succeeds_without_colons() {
        JsonNode body =
                created(post(body("remove", body("headers", List.of("just_a_key"), "json", List.of("just_a_key")))));
        assertThat(body.at("/config/remove/headers/0").asText()).isEqualTo("just_a_key");
        assertThat(body.at("/config/remove/json/0").asText()).isEqualTo("just_a_key");
    }

    /** 03-api_spec: "validate config parameters rename succeeds with colons". */
    @Test
    void rename_succeeds_with_colons() {
        String rename = "x-request-id:x-custom-request-id";
        JsonNode body = created(post(body("rename", body("headers", List.of(rename)))));
        assertThat(body.at("/config/rename/headers/0").asText()).isEqualTo(rename);
    }

    /** 03-api_spec: "rename fails with missing colons for header old_name/new_name separation". */
    @Test
    void rename_fails_with_missing_colons_for_header_old_name_new_name_separation() {
        String noColons = "x-request-idx-custom-request-id";
        JsonNode config = violation(post(body("rename", body("headers", List.of(noColons)))));
        assertThat(config.at("/rename/headers"))
                .isEqualTo(KongSpecClient.json("[\"invalid value: " + noColons + "\"]"));
    }

    /** 03-api_spec: "rename fails with invalid header name for old_name or new_name separation". */
    @Test
    void rename_fails_with_invalid_header_name_for_old_name_or_new_name_separation() {
        JsonNode config =
                violation(post(body("rename", body("headers", List.of("x-requ,est-id:x-custom-request-id")))));
        assertThat(config.at("/rename/headers"))
                .isEqualTo(KongSpecClient.json("[\"'x-requ,est-id' is not a valid header\"]"));
    }

    /** 03-api_spec: "add fails with missing colons for key/value separation". */
    @Test
    void add_fails_with_missing_colons_for_key_value_separation() {
        JsonNode config = violation(post(body("add", body("headers", List.of("just_a_key")))));
        assertThat(config.at("/add/headers")).isEqualTo(KongSpecClient.json("[\"invalid value: just_a_key\"]"));
    }

    /** 03-api_spec: "replace fails with missing colons for key/value separation". */
    @Test
    void replace_fails_with_missing_colons_for_key_value_separation() {
        JsonNode config = violation(post(body("replace", body("headers", List.of("just_a_key")))));
        assertThat(config.at("/replace/headers")).isEqualTo(KongSpecClient.json("[\"invalid value: just_a_key\"]"));
    }

    /** 03-api_spec: "append fails with missing colons for key/value separation". */
    @Test
    void append_fails_with_missing_colons_for_key_value_separation() {
        JsonNode config = violation(post(body("append", body("headers", List.of("just_a_key")))));
        assertThat(config.at("/append/headers")).isEqualTo(KongSpecClient.json("[\"invalid value: just_a_key\"]"));
    }

    // ------------------------------------------------------------------------ 04-filter_spec

    /** 04-filter_spec: "parameters remove a parameter". */
    @Test
    void remove_a_parameter() throws IOException {
        JsonNode json = json(get("/get", "response.test"), 200);
        assertThat(json.has("url")).isFalse();
        assertThat(json.has("headers")).isTrue();
    }

    /**
     * 04-filter_spec: "parameters remove a header". The upstream is asked to send the header (Kong's mock sends a
     * {@code /response-headers} query argument back as a header), so its removal shows.
     */
    @Test
    void remove_a_header() throws IOException {
        RawHttp.Response response = get("/response-headers?Access-Control-Allow-Origin=*&X-Kept=yes", "response.test");
        json(response, 200);
        assertThat(response.header("access-control-allow-origin")).isNull();
        assertThat(response.header("x-kept")).isEqualTo("yes");
    }

    /** 04-filter_spec: "parameters replace a body parameter on GET". */
    @Test
    void replace_a_body_parameter_on_get() throws IOException {
        JsonNode json = json(get("/get", "response2.test"), 200);
        assertThat(json.get("headers").asText()).isEqualTo("/hello/world");
        assertThat(json.get("url").asText()).isEqualTo("\"wot\"");
        assertThat(json.get("uri_args").asText()).isEqualTo("this is a / test");
    }

    /** 04-filter_spec: "regressions does not throw an error when request was short-circuited in access phase". */
    @Test
    void does_not_throw_an_error_when_request_was_short_circuited_in_access_phase() throws IOException {
        assertThat(get("/get", "response3.test").status()).isEqualTo(401);
    }

    // ------------------------------------------------------------------------ 05-big_response_body_spec

    private static RawHttp.Response postBig() throws IOException {
        String big = "{\"mock_json\":{\"big_field\":\"" + BIG_FIELD + "\"}}";
        return RawHttp.request("POST", "response-big.test", "/post")
                .header("Content-Type", "application/json")
                .body(big)
                .send(node.proxyPort);
    }

    /** 05-big_response_body_spec: "add new parameters on large POST". */
    @Test
    void add_new_parameters_on_large_post() throws IOException {
        JsonNode json = json(postBig(), 200);
        assertThat(json.get("p1").asText()).isEqualTo("v1");
        assertThat(json.at("/post_data/params/mock_json/big_field").asText()).hasSize(1024 * 1024);
    }

    /** 05-big_response_body_spec: "remove parameters on large POST". */
    @Test
    void remove_parameters_on_large_post() throws IOException {
        JsonNode json = json(postBig(), 200);
        assertThat(json.has("params")).isFalse();
        assertThat(json.has("post_data")).isTrue();
    }

    // ------------------------------------------------------------------------ 07-big_json_response_parse_spec

    /** 07-big_json_response_parse_spec: "add new parameters on large JSON body". */
    @Test
    void add_new_parameters_on_large_json_body() throws IOException {
        JsonNode json = json(get("/add", "rtlj.test"), 200);
        assertThat(json.get("p1").asText()).isEqualTo("v1");
        assertThat(json.get("big_field").asText()).isEqualTo(BIG_FIELD);
    }

    /** 07-big_json_response_parse_spec: "remove parameters on large JSON body". */
    @Test
    void remove_parameters_on_large_json_body() throws IOException {
        JsonNode json = json(get("/remove", "rtlj.test"), 200);
        assertThat(json.has("params")).isFalse();
        assertThat(json.get("param").asInt()).isEqualTo(2);
        assertThat(json.get("p1").asText()).isEqualTo("v1");
    }
}
