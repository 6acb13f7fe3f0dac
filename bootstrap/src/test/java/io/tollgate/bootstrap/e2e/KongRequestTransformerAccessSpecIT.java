package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.RequestTransformerProxy.data;
import static io.tollgate.bootstrap.e2e.RequestTransformerProxy.echo;
import static io.tollgate.bootstrap.e2e.RequestTransformerProxy.header;
import static io.tollgate.bootstrap.e2e.RequestTransformerProxy.param;
import static io.tollgate.bootstrap.e2e.RequestTransformerProxy.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.bootstrap.e2e.KongSpecClient.ContentType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kong's {@code spec/03-plugins/36-request-transformer/02-access_spec.lua}, its describes "http method", "remove",
 * "rename", "replace", "add" and "append": request-transformer on the proxy path against one real node proxying to
 * {@link KongMockUpstream}. All 65 cases of these describes are ported (the 6 "different format" cases of "rename" as
 * one parameterized test; the "replace" describe's {@code pending} case is not a case). The spec's other describes
 * are in {@link KongRequestTransformerTemplateSpecIT}. Kong's mock echoes a repeated header as a list; ours joins its
 * values with {@code ", "}, so such expectations read {@code "v1, v2"}. The one case of Kong's
 * {@code spec/02-integration/05-proxy/32-query-params_spec.lua} (an argument added to a request target ending in a
 * bare {@code ?}) is here too, on this class's {@code add} route.
 */
class KongRequestTransformerAccessSpecIT {

    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";

    @TempDir
    static Path dir;

    static RequestTransformerProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        proxy = RequestTransformerProxy.start("kong-request-transformer-access", dir);
        proxy.route(
                "test1.test",
                Map.of(),
                body(
                        "add",
                        body(
                                "headers", List.of("h1:v1", "h2:value:2"),
                                "querystring", List.of("q1:v1"),
                                "body", List.of("p1:v1"))));
        proxy.route("test2.test", body("preserve_host", true), body("add", body("headers", List.of("host:mark"))));
        proxy.route(
                "test4.test",
                Map.of(),
                body(
                        "remove",
                        body(
                                "headers", List.of("x-to-remove"),
                                "querystring", List.of("q1"),
                                "body", List.of("toremoveform"))));
        proxy.route(
                "test5.test",
                Map.of(),
                body(
                        "replace",
                        body("headers", List.of("h1:v1"), "querystring", List.of("q1:v1"), "body", List.of("p1:v1"))));
        proxy.route(
                "test6.test",
                Map.of(),
                body(
                        "append",
                        body(
                                "headers", List.of("h1:v1", "h1:v2", "h2:v1"),
                                "querystring", List.of("q1:v1", "q1:v2", "q2:v1"),
                                "body", List.of("p1:v1", "p1:v2", "p2:value:1"))));
        proxy.route("test7.test", Map.of(), body("http_method", "POST"));
        proxy.route("test8.test", Map.of(), body("http_method", "GET"));
        proxy.route(
                "test9.test",
                Map.of(),
                body(
                        "rename",
                        body(
                                "headers", List.of("x-to-rename:x-is-renamed"),
                                "querystring", List.of("originalparam:renamedparam"),
                                "body", List.of("originalparam:renamedparam"))));
        proxy.route(
                "test20.test",
                Map.of(),
                body(
                        "http_method",
                        "POST",
                        "add",
                        body(
                                "headers",
                                List.of("Content-Type:application/json"),
                                "body",
                                List.of("body:somecontent"))));
        proxy.route(
                "test29.test",
                body("paths", List.of("~/(gw/)?api/(?<subpath>htest)$"), "strip_path", false),
                body("replace", body("uri", "/api/v2/$(uri_captures[\"subpath\"])")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static JsonNode get(String target, String host, String... headers) throws IOException {
        return echo(proxy.send("GET", target, host, null, headers), 200);
    }

    private static JsonNode post(String host, ContentType type, Map<String, Object> body) throws IOException {
        return echo(proxy.send("POST", "/request", host, type, body), 200);
    }

    private static JsonNode postJson(String host, String json) throws IOException {
        return echo(proxy.send("POST", "/request", host, json, "Content-Type", JSON), 200);
    }

    private static void malformedJsonPasses(String host) throws IOException {
        JsonNode json = postJson(host, "malformed json body");
        assertThat(json.path("post_data").path("kind").asText()).isEqualTo("json (error)");
        assertThat(json.path("post_data").path("error").isMissingNode()).isFalse();
    }

    private static String text(JsonNode value) {
        assertThat(value).isNotNull();
        return value.isArray() ? value.toString() : value.asText();
    }

    // ------------------------------------------------------------------------ http method

    /** 02-access_spec: "http method changes the HTTP method from GET to POST". */
    @Test
    void changes_the_http_method_from_get_to_post() throws IOException {
        JsonNode json = get("/request?hello=world&name=marco", "test7.test");
        assertThat(json.path("vars").path("request_method").asText()).isEqualTo("POST");
        assertThat(text(query(json, "hello"))).isEqualTo("world");
        assertThat(text(query(json, "name"))).isEqualTo("marco");
    }

    /** 02-access_spec: "http method changes the HTTP method from POST to GET". */
    @Test
    void changes_the_http_method_from_post_to_get() throws IOException {
        JsonNode json = echo(
                proxy.send("POST", "/request?hello=world", "test8.test", ContentType.FORM, body("name", "marco")), 200);
        assertThat(json.path("vars").path("request_method").asText()).isEqualTo("GET");
        assertThat(text(query(json, "hello"))).isEqualTo("world");
        assertThat(text(query(json, "name"))).isEqualTo("marco");
    }

    /** 02-access_spec: "http method changes the HTTP method from GET to POST and adds JSON body". */
    @Test
    void changes_the_http_method_from_get_to_post_and_adds_json_body() throws IOException {
        JsonNode json = get("/request", "test20.test");
        assertThat(json.path("vars").path("request_method").asText()).isEqualTo("POST");
        assertThat(json.path("post_data").path("params").isObject()).isTrue();
        assertThat(json.path("post_data").has("error")).isFalse();
        assertThat(header(json, "Content-Type")).isEqualTo(JSON);
    }

    // ------------------------------------------------------------------------ remove

    /** 02-access_spec: "remove specified header". */
    @Test
    void remove_specified_header() throws IOException {
        JsonNode json = get("/request", "test4.test", "x-to-remove", "true", "x-another-header", "true");
        assertThat(header(json, "x-to-remove")).isNull();
        assertThat(header(json, "x-another-header")).isNotNull();
    }

    /** 02-access_spec: "remove parameters on url encoded form POST". */
    @Test
    void remove_parameters_on_url_encoded_form_post() throws IOException {
        JsonNode json = post("test4.test", ContentType.FORM, body("toremoveform", "yes", "nottoremove", "yes"));
        assertThat(param(json, "toremoveform")).isNull();
        assertThat(text(param(json, "nottoremove"))).isEqualTo("yes");
    }

    /** 02-access_spec: "remove parameters from JSON body in POST". */
    @Test
    void remove_parameters_from_json_body_in_post() throws IOException {
        JsonNode json = post("test4.test", ContentType.JSON, body("toremoveform", "yes", "nottoremove", "yes"));
        assertThat(param(json, "toremoveform")).isNull();
        assertThat(text(param(json, "nottoremove"))).isEqualTo("yes");
    }

    /** 02-access_spec: "remove does not fail if JSON body is malformed in POST". */
    @Test
    void remove_does_not_fail_if_json_body_is_malformed_in_post() throws IOException {
        malformedJsonPasses("test4.test");
    }

    /** 02-access_spec: "remove does not fail if body is empty and content type is application/json in POST". */
    @Test
    void remove_does_not_fail_if_body_is_empty_and_content_type_is_application_json_in_post() throws IOException {
        JsonNode json = post("test4.test", ContentType.JSON, body());
        assertThat(data(json)).isEqualTo("{}");
        assertThat(header(json, "content-length")).isEqualTo("2");
    }

    /** 02-access_spec: "remove does not fail if body is empty in POST". */
    @Test
    void remove_does_not_fail_if_body_is_empty_in_post() throws IOException {
        JsonNode json = echo(proxy.send("POST", "/request", "test4.test", ""), 200);
        assertThat(json.path("post_data").path("params").isMissingNode()).isTrue();
        assertThat(data(json)).isEmpty();
        assertThat(header(json, "content-length")).isEqualTo("0");
    }

    /** 02-access_spec: "remove parameters on multipart POST". */
    @Test
    void remove_parameters_on_multipart_post() throws IOException {
        JsonNode json = post("test4.test", ContentType.MULTIPART, body("toremoveform", "yes", "nottoremove", "yes"));
        assertThat(param(json, "toremoveform")).isNull();
        assertThat(text(param(json, "nottoremove"))).isEqualTo("yes");
    }

    /** 02-access_spec: "remove args on GET if it exist". */
    @Test
    void remove_args_on_get_if_it_exist() throws IOException {
        JsonNode json =
                echo(proxy.send("GET", "/request?q1=v1&q2=v2", "test4.test", "hello=world", "Content-Type", FORM), 200);
        assertThat(query(json, "q1")).isNull();
        assertThat(text(query(json, "q2"))).isEqualTo("v2");
    }

    /** 02-access_spec: "remove preserves empty json array". */
    @Test
    void remove_preserves_empty_json_array() throws IOException {
        assertThat(data(postJson("test4.test", "{\"emptyarray\":[]}"))).isEqualTo("{\"emptyarray\":[]}");
    }

    // ------------------------------------------------------------------------ rename

    /** 02-access_spec: "rename specified header". */
    @Test
    void rename_specified_header() throws IOException {
        JsonNode json = get("/request", "test9.test", "x-to-rename", "true", "x-another-header", "true");
        assertThat(header(json, "x-to-rename")).isNull();
        assertThat(header(json, "x-is-renamed")).isNotNull();
        assertThat(header(json, "x-another-header")).isNotNull();
    }

    /** 02-access_spec: "rename does not add as new header if header does not exist". */
    @Test
    void rename_does_not_add_as_new_header_if_header_does_not_exist() throws IOException {
        JsonNode json = get("/request", "test9.test", "x-a-header", "true");
        assertThat(header(json, "renamedparam")).isNull();
        assertThat(header(json, "x-a-header")).isEqualTo("true");
    }

    /** 02-access_spec: "rename override value if target header already exist: #%s". */
    @Test
    void rename_override_value_if_target_header_already_exist() throws IOException {
        JsonNode json = get("/request", "test9.test", "x-to-rename", "new-result", "x-is-renamed", "old-result");
        assertThat(header(json, "x-to-rename")).isNull();
        assertThat(header(json, "x-is-renamed")).isEqualTo("new-result");
    }

    /** 02-access_spec: "rename override value if target header already exist with different format: #1" … "#6". */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void rename_override_value_if_target_header_already_exist_with_different_format(int seq) throws IOException {
        JsonNode json = get("/request", "test9.test", "x-to-rename", "new-result", "X-Is-Renamed", "old-result");
        assertThat(header(json, "x-to-rename")).isNull();
        assertThat(header(json, "x-is-renamed")).isEqualTo("new-result");
    }

    /** 02-access_spec: "rename specified parameters in url encoded body on POST". */
    @Test
    void rename_specified_parameters_in_url_encoded_body_on_post() throws IOException {
        JsonNode json = post("test9.test", ContentType.FORM, body("originalparam", "yes"));
        assertThat(param(json, "originalparam")).isNull();
        assertThat(text(param(json, "renamedparam"))).isEqualTo("yes");
    }

    /**
     * 02-access_spec: "rename does not add as new parameter in url encoded body if parameter does not exist on POST".
     */
    @Test
    void rename_does_not_add_as_new_parameter_in_url_encoded_body_if_parameter_does_not_exist_on_post()
            throws IOException {
        JsonNode json = post("test9.test", ContentType.FORM, body("x-a-header", "true"));
        assertThat(param(json, "renamedparam")).isNull();
        assertThat(text(param(json, "x-a-header"))).isEqualTo("true");
    }

    /** 02-access_spec: "rename parameters from JSON body in POST". */
    @Test
    void rename_parameters_from_json_body_in_post() throws IOException {
        JsonNode json = post("test9.test", ContentType.JSON, body("originalparam", "yes", "nottorename", "yes"));
        assertThat(param(json, "originalparam")).isNull();
        assertThat(text(param(json, "renamedparam"))).isEqualTo("yes");
        assertThat(text(param(json, "nottorename"))).isEqualTo("yes");
    }

    /** 02-access_spec: "rename does not fail if JSON body is malformed in POST". */
    @Test
    void rename_does_not_fail_if_json_body_is_malformed_in_post() throws IOException {
        malformedJsonPasses("test9.test");
    }

    /** 02-access_spec: "rename parameters on multipart POST". */
    @Test
    void rename_parameters_on_multipart_post() throws IOException {
        JsonNode json = post("test9.test", ContentType.MULTIPART, body("originalparam", "yes", "nottorename", "yes"));
        assertThat(param(json, "originalparam")).isNull();
        assertThat(text(param(json, "renamedparam"))).isEqualTo("yes");
        assertThat(text(param(json, "nottorename"))).isEqualTo("yes");
    }

    /** 02-access_spec: "rename args on GET if it exists". */
    @Test
    void rename_args_on_get_if_it_exists() throws IOException {
        JsonNode json = get("/request?originalparam=true&nottorename=true", "test9.test", "Content-Type", FORM);
        assertThat(query(json, "originalparam")).isNull();
        assertThat(text(query(json, "renamedparam"))).isEqualTo("true");
        assertThat(text(query(json, "nottorename"))).isEqualTo("true");
    }

    /** 02-access_spec: "rename preserves empty json array". */
    @Test
    void rename_preserves_empty_json_array() throws IOException {
        assertThat(data(postJson("test9.test", "{\"emptyarray\":[]}"))).isEqualTo("{\"emptyarray\":[]}");
    }

    // ------------------------------------------------------------------------ replace

    /** 02-access_spec: "replace specified header if it exist". */
    @Test
    void replace_specified_header_if_it_exist() throws IOException {
        JsonNode json = get("/request", "test5.test", "h1", "V", "h2", "v2");
        assertThat(header(json, "h1")).isEqualTo("v1");
        assertThat(header(json, "h2")).isEqualTo("v2");
    }

    /** 02-access_spec: "replace does not add as new header if header does not exist". */
    @Test
    void replace_does_not_add_as_new_header_if_header_does_not_exist() throws IOException {
        JsonNode json = get("/request", "test5.test", "h2", "v2");
        assertThat(header(json, "h1")).isNull();
        assertThat(header(json, "h2")).isEqualTo("v2");
    }

    /** 02-access_spec: "replace specified parameters in url encoded body on POST". */
    @Test
    void replace_specified_parameters_in_url_encoded_body_on_post() throws IOException {
        JsonNode json = post("test5.test", ContentType.FORM, body("p1", "v", "p2", "v1"));
        assertThat(text(param(json, "p1"))).isEqualTo("v1");
        assertThat(text(param(json, "p2"))).isEqualTo("v1");
    }

    /**
     * 02-access_spec: "replace does not add as new parameter in url encoded body if parameter does not exist on POST".
     */
    @Test
    void replace_does_not_add_as_new_parameter_in_url_encoded_body_if_parameter_does_not_exist_on_post()
            throws IOException {
        JsonNode json = post("test5.test", ContentType.FORM, body("p2", "v1"));
        assertThat(param(json, "p1")).isNull();
        assertThat(text(param(json, "p2"))).isEqualTo("v1");
    }

    /** 02-access_spec: "replace specified parameters in json body on POST". */
    @Test
    void replace_specified_parameters_in_json_body_on_post() throws IOException {
        JsonNode json = post("test5.test", ContentType.JSON, body("p1", "v", "p2", "v1"));
        assertThat(text(param(json, "p1"))).isEqualTo("v1");
        assertThat(text(param(json, "p2"))).isEqualTo("v1");
    }

    /** 02-access_spec: "replace does not fail if JSON body is malformed in POST". */
    @Test
    void replace_does_not_fail_if_json_body_is_malformed_in_post() throws IOException {
        malformedJsonPasses("test5.test");
    }

    /** 02-access_spec: "replace does not add as new parameter in json if parameter does not exist on POST". */
    @Test
    void replace_does_not_add_as_new_parameter_in_json_if_parameter_does_not_exist_on_post() throws IOException {
        JsonNode json = post("test5.test", ContentType.JSON, body("p2", "v1"));
        assertThat(param(json, "p1")).isNull();
        assertThat(text(param(json, "p2"))).isEqualTo("v1");
    }

    /** 02-access_spec: "replace specified parameters on multipart POST". */
    @Test
    void replace_specified_parameters_on_multipart_post() throws IOException {
        JsonNode json = post("test5.test", ContentType.MULTIPART, body("p1", "v", "p2", "v1"));
        assertThat(text(param(json, "p1"))).isEqualTo("v1");
        assertThat(text(param(json, "p2"))).isEqualTo("v1");
    }

    /** 02-access_spec: "replace does not add as new parameter if parameter does not exist on multipart POST". */
    @Test
    void replace_does_not_add_as_new_parameter_if_parameter_does_not_exist_on_multipart_post() throws IOException {
        JsonNode json = post("test5.test", ContentType.MULTIPART, body("p2", "v1"));
        assertThat(param(json, "p1")).isNull();
        assertThat(text(param(json, "p2"))).isEqualTo("v1");
    }

    /** 02-access_spec: "replace args on POST if it exist". */
    @Test
    void replace_args_on_post_if_it_exist() throws IOException {
        JsonNode json = echo(
                proxy.send("POST", "/request?q1=v&q2=v2", "test5.test", ContentType.FORM, body("hello", "world")), 200);
        assertThat(text(query(json, "q1"))).isEqualTo("v1");
        assertThat(text(query(json, "q2"))).isEqualTo("v2");
    }

    /** 02-access_spec: "replace does not add new args on POST if it does not exist". */
    @Test
    void replace_does_not_add_new_args_on_post_if_it_does_not_exist() throws IOException {
        JsonNode json =
                echo(proxy.send("POST", "/request?q2=v2", "test5.test", ContentType.FORM, body("hello", "world")), 200);
        assertThat(query(json, "q1")).isNull();
        assertThat(text(query(json, "q2"))).isEqualTo("v2");
    }

    /** 02-access_spec: "replace preserves empty json array". */
    @Test
    void replace_preserves_empty_json_array() throws IOException {
        assertThat(data(postJson("test5.test", "{\"emptyarray\":[], \"p1\":\"v\"}")))
                .contains("\"emptyarray\":[]");
    }

    /** 02-access_spec: "replace replaces request uri with optional capture prefix". */
    @Test
    void replaces_request_uri_with_optional_capture_prefix() throws IOException {
        JsonNode json = echo(proxy.send("GET", "/api/htest", "test29.test", null), 404);
        assertThat(json.path("vars").path("request_uri").asText()).isEqualTo("/api/v2/htest");
    }

    /** 02-access_spec: "replace replaces request uri with the capature prefix". */
    @Test
    void replaces_request_uri_with_the_capature_prefix() throws IOException {
        JsonNode json = echo(proxy.send("GET", "/gw/api/htest", "test29.test", null), 404);
        assertThat(json.path("vars").path("request_uri").asText()).isEqualTo("/api/v2/htest");
    }

    // ------------------------------------------------------------------------ add

    /** 02-access_spec: "add new headers". */
    @Test
    void add_new_headers() throws IOException {
        JsonNode json = get("/request", "test1.test");
        assertThat(header(json, "h1")).isEqualTo("v1");
        assertThat(header(json, "h2")).isEqualTo("value:2");
    }

    /** 02-access_spec: "add does not change or append value if header already exists". */
    @Test
    void add_does_not_change_or_append_value_if_header_already_exists() throws IOException {
        JsonNode json = get("/request", "test1.test", "h1", "v3");
        assertThat(header(json, "h1")).isEqualTo("v3");
        assertThat(header(json, "h2")).isEqualTo("value:2");
    }

    /** 02-access_spec: "add new parameter in url encoded body on POST". */
    @Test
    void add_new_parameter_in_url_encoded_body_on_post() throws IOException {
        JsonNode json = post("test1.test", ContentType.FORM, body("hello", "world"));
        assertThat(text(param(json, "hello"))).isEqualTo("world");
        assertThat(text(param(json, "p1"))).isEqualTo("v1");
    }

    /**
     * 02-access_spec: "add does not change or append value to parameter in url encoded body on POST when parameter
     * exists".
     */
    @Test
    void add_does_not_change_or_append_value_to_parameter_in_url_encoded_body_on_post_when_parameter_exists()
            throws IOException {
        JsonNode json = post("test1.test", ContentType.FORM, body("p1", "should not change", "hello", "world"));
        assertThat(text(param(json, "p1"))).isEqualTo("should not change");
        assertThat(text(param(json, "hello"))).isEqualTo("world");
    }

    /** 02-access_spec: "add new parameter in JSON body on POST". */
    @Test
    void add_new_parameter_in_json_body_on_post() throws IOException {
        JsonNode json = post("test1.test", ContentType.JSON, body("hello", "world"));
        assertThat(text(param(json, "hello"))).isEqualTo("world");
        assertThat(text(param(json, "p1"))).isEqualTo("v1");
    }

    /** 02-access_spec: "add does not change or append value to parameter in JSON on POST when parameter exists". */
    @Test
    void add_does_not_change_or_append_value_to_parameter_in_json_on_post_when_parameter_exists() throws IOException {
        JsonNode json = post("test1.test", ContentType.JSON, body("p1", "this should not change", "hello", "world"));
        assertThat(text(param(json, "hello"))).isEqualTo("world");
        assertThat(text(param(json, "p1"))).isEqualTo("this should not change");
    }

    /** 02-access_spec: "add does not fail if JSON body is malformed in POST". */
    @Test
    void add_does_not_fail_if_json_body_is_malformed_in_post() throws IOException {
        malformedJsonPasses("test1.test");
    }

    /** 02-access_spec: "add new parameter on multipart POST". */
    @Test
    void add_new_parameter_on_multipart_post() throws IOException {
        JsonNode json = post("test1.test", ContentType.MULTIPART, body());
        assertThat(text(param(json, "p1"))).isEqualTo("v1");
    }

    /** 02-access_spec: "add does not change or append value to parameter on multipart POST when parameter exists". */
    @Test
    void add_does_not_change_or_append_value_to_parameter_on_multipart_post_when_parameter_exists() throws IOException {
        JsonNode json =
                post("test1.test", ContentType.MULTIPART, body("p1", "this should not change", "hello", "world"));
        assertThat(text(param(json, "p1"))).isEqualTo("this should not change");
        assertThat(text(param(json, "hello"))).isEqualTo("world");
    }

    /** 02-access_spec: "add new querystring on GET". */
    @Test
    void add_new_querystring_on_get() throws IOException {
        JsonNode json = get("/request?q2=v2", "test1.test", "Content-Type", FORM);
        assertThat(text(query(json, "q2"))).isEqualTo("v2");
        assertThat(text(query(json, "q1"))).isEqualTo("v1");
    }

    /** 02-access_spec: "add does not change or append value to querystring on GET if querystring exists". */
    @Test
    void add_does_not_change_or_append_value_to_querystring_on_get_if_querystring_exists() throws IOException {
        JsonNode json = get("/request?q1=v2", "test1.test", "Content-Type", FORM);
        assertThat(text(query(json, "q1"))).isEqualTo("v2");
    }

    /** 02-access_spec: "add should not change the host header". */
    @Test
    void add_should_not_change_the_host_header() throws IOException {
        JsonNode json = get("/get", "test2.test", "Content-Type", JSON);
        assertThat(header(json, "host")).isEqualTo("test2.test");
    }

    /** 02-access_spec: "add preserves empty json array". */
    @Test
    void add_preserves_empty_json_array() throws IOException {
        assertThat(data(postJson("test1.test", "{\"emptyarray\":[]}"))).contains("\"emptyarray\":[]");
    }

    // ------------------------------------------------------------------------ append

    /** 02-access_spec: "append new header if header does not exists". */
    @Test
    void append_new_header_if_header_does_not_exists() throws IOException {
        assertThat(header(get("/request", "test6.test"), "h2")).isEqualTo("v1");
    }

    /** 02-access_spec: "append values to existing headers". */
    @Test
    void append_values_to_existing_headers() throws IOException {
        assertThat(header(get("/request", "test6.test"), "h1")).isEqualTo("v1, v2");
    }

    /** 02-access_spec: "append can append a value with '#' (regression test for #29)". */
    @Test
    void append_can_append_a_value_with_hash() throws IOException {
        String host = KongSpecClient.unique("append-hash") + ".test";
        proxy.route(
                host,
                Map.of(),
                body(
                        "append",
                        body(
                                "headers", List.of("h1:v1", "h1:v2", "h1:#value_with_hash", "h2:v1"),
                                "querystring", List.of("q1:v1", "q1:v2", "q2:v1"),
                                "body", List.of("p1:v1", "p1:v2", "p2:value:1"))));
        assertThat(header(get("/request", host), "h1")).isEqualTo("v1, v2, #value_with_hash");
    }

    /** 02-access_spec: "append new querystring if querystring does not exists". */
    @Test
    void append_new_querystring_if_querystring_does_not_exists() throws IOException {
        JsonNode json = post("test6.test", ContentType.FORM, body("hello", "world"));
        assertThat(text(query(json, "q2"))).isEqualTo("v1");
    }

    /** 02-access_spec: "append values to existing querystring". */
    @Test
    void append_values_to_existing_querystring() throws IOException {
        JsonNode json = echo(proxy.send("POST", "/request", "test6.test", null, "Content-Type", FORM), 200);
        assertThat(text(query(json, "q1"))).isEqualTo("[\"v1\",\"v2\"]");
    }

    /** 02-access_spec: "append new parameter in url encoded body on POST if it does not exist". */
    @Test
    void append_new_parameter_in_url_encoded_body_on_post_if_it_does_not_exist() throws IOException {
        JsonNode json = echo(proxy.send("POST", "/request", "test6.test", null, "Content-Type", FORM), 200);
        assertThat(text(param(json, "p1"))).isEqualTo("[\"v1\",\"v2\"]");
        assertThat(text(param(json, "p2"))).isEqualTo("value:1");
    }

    /** 02-access_spec: "append values to existing parameter in url encoded body if parameter already exist on POST". */
    @Test
    void append_values_to_existing_parameter_in_url_encoded_body_if_parameter_already_exist_on_post()
            throws IOException {
        JsonNode json = post("test6.test", ContentType.FORM, body("p1", "v0"));
        assertThat(text(param(json, "p1"))).isEqualTo("[\"v0\",\"v1\",\"v2\"]");
        assertThat(text(param(json, "p2"))).isEqualTo("value:1");
    }

    /** 02-access_spec: "append does not fail if JSON body is malformed in POST". */
    @Test
    void append_does_not_fail_if_json_body_is_malformed_in_post() throws IOException {
        malformedJsonPasses("test6.test");
    }

    /** 02-access_spec: "append does not change or append value to parameter on multipart POST". */
    @Test
    void append_does_not_change_or_append_value_to_parameter_on_multipart_post() throws IOException {
        JsonNode json = post("test6.test", ContentType.MULTIPART, body("p1", "This should not change"));
        assertThat(text(param(json, "p1"))).isEqualTo("This should not change");
    }

    /** 02-access_spec: "append preserves empty json array". */
    @Test
    void append_preserves_empty_json_array() throws IOException {
        assertThat(data(postJson("test6.test", "{\"emptyarray\":[]}"))).contains("\"emptyarray\":[]");
    }

    // ------------------------------------------------------------------------ 05-proxy/32-query-params_spec

    /** 32-query-params_spec: "does proxy set query args if URI does not contain arguments" (target {@code /x?}). */
    @Test
    void does_proxy_set_query_args_if_uri_does_not_contain_arguments() throws IOException {
        JsonNode json = get("/request?", "test1.test");
        assertThat(text(query(json, "q1"))).isEqualTo("v1");
        assertThat(json.path("vars").path("request_uri").asText()).isEqualTo("/request?q1=v1");
    }
}
