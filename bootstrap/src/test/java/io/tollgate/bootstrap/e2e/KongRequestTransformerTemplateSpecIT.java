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

/**
 * Kong's {@code spec/03-plugins/36-request-transformer/02-access_spec.lua}, its describes "remove, replace, add and
 * append", "request rewrite using template", "remove then add header" and "query parameters are not urlencoded":
 * request-transformer on the proxy path against one real node proxying to {@link KongMockUpstream} (the spec's
 * other describes are in {@link KongRequestTransformerAccessSpecIT}). Kong's mock echoes a repeated header as a list;
 * ours joins its values with {@code ", "}, so such expectations read {@code "a1, a2, a3"}.
 */
class KongRequestTransformerTemplateSpecIT {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String CAPTURES = "~/requests/user1/(?<user1>\\w+)/user2/(?<user2>\\S+)";
    private static final String PY_CAPTURES = "~/requests/user1/(?P<user1>\\w+)/user2/(?P<user2>\\S+)";
    private static final String USERS = "/requests/user1/foo/user2/bar";

    @TempDir
    static Path dir;

    static RequestTransformerProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        proxy = RequestTransformerProxy.start("kong-request-transformer-template", dir);
        proxy.route(
                "test3.test",
                Map.of(),
                body(
                        "add",
                        body(
                                "headers", List.of("x-added:a1", "x-added2:b1", "x-added3:c2"),
                                "querystring", List.of("query-added:newvalue", "p1:anything:1"),
                                "body", List.of("newformparam:newvalue")),
                        "remove",
                        body("headers", List.of("x-to-remove"), "querystring", List.of("toremovequery")),
                        "append",
                        body("headers", List.of("x-added:a2", "x-added:a3"), "querystring", List.of("p1:a2", "p2:b1")),
                        "replace",
                        body("headers", List.of("x-to-replace:false"), "querystring", List.of("toreplacequery:no"))));
        proxy.route(
                "test10.test",
                body("paths", List.of(PY_CAPTURES), "strip_path", false),
                body(
                        "add",
                        body(
                                "querystring",
                                List.of(
                                        "uri_param1:$(uri_captures.user1)",
                                        "uri_param2[some_index][1]:$(uri_captures.user2)"))));
        proxy.route(
                "test11.test",
                body("paths", List.of(PY_CAPTURES)),
                body("replace", body("uri", "/requests/user2/$(uri_captures.user2)/user1/$(uri_captures.user1)")));
        proxy.route(
                "test12.test",
                body("paths", List.of("/requests/"), "strip_path", false),
                body(
                        "add",
                        body(
                                "querystring",
                                List.of(
                                        "uri_param1:$(uri_captures.user1 or 'default1')",
                                        "uri_param2:$(uri_captures.user2 or 'default2')"))));
        proxy.route(
                "test13.test",
                body("paths", List.of(PY_CAPTURES)),
                body("replace", body("uri", "/requests/user2/$(10 * uri_captures.user1)")));
        proxy.route(
                "test14.test",
                body("paths", List.of("~/user1/(?P<user1>\\w+)/user2/(?P<user2>\\S+)")),
                body("replace", body("uri", "/requests$(uri_captures[0])")));
        proxy.route(
                "test15.test",
                body("paths", List.of(CAPTURES), "strip_path", false),
                body(
                        "add",
                        body(
                                "querystring",
                                        List.of("uri_param1:$(uri_captures.user1)", "uri_param2:$(headers.host)"),
                                "headers", List.of("x-test-header:$(query_params.q1)")),
                        "remove",
                        body("querystring", List.of("q1"))));
        proxy.route(
                "test16.test",
                body("paths", List.of(CAPTURES), "strip_path", false),
                body(
                        "replace",
                        body("querystring", List.of("q2:$(headers['x-remove-header'])")),
                        "add",
                        body(
                                "querystring", List.of("q1:$(uri_captures.user1)"),
                                "headers", List.of("x-test-header:$(headers['x-remove-header'])")),
                        "remove",
                        body("headers", List.of("x-remove-header"))));
        proxy.route(
                "test17.test",
                body("paths", List.of(CAPTURES), "strip_path", false),
                body(
                        "replace",
                        body(
                                "querystring", List.of("q2:$(headers['x-replace-header'])"),
                                "headers", List.of("x-replace-header:the new value")),
                        "add",
                        body(
                                "querystring", List.of("q1:$(uri_captures.user1)"),
                                "headers", List.of("x-test-header:$(headers['x-replace-header'])"))));
        proxy.route(
                "test18.test",
                body("paths", List.of(CAPTURES), "strip_path", false),
                body("add", body("querystring", List.of("q1:$('$(uri_captures.user1)')"))));
        proxy.route(
                "test19.test",
                body("paths", List.of(CAPTURES), "strip_path", false),
                body("add", body("querystring", List.of("q1:$(ERROR())"))));
        proxy.route(
                "test22.test",
                Map.of(),
                body(
                        "http_method",
                        "POST",
                        "remove",
                        body("headers", List.of("Authorization")),
                        "add",
                        body("headers", List.of("Authorization:Basic test"))));
        proxy.route("test23.test", body("paths", List.of("/request")), body());
        proxy.route(
                "test24.test",
                Map.of(),
                body(
                        "add",
                        body(
                                "headers",
                                List.of("x-user-agent:$(foo(headers[\"User-Agent\"]) == \"table\" and "
                                        + "headers[\"User-Agent\"][1] or headers[\"User-Agent\"])"))));
        proxy.route(
                "test26.test",
                Map.of(),
                body(
                        "add",
                        body("headers", List.of("X-aDDed:a1", "x-aDDed2:b1", "x-Added3:c2")),
                        "remove",
                        body("headers", List.of("X-To-Remove")),
                        "append",
                        body("headers", List.of("X-aDDed:a2", "X-aDDed:a3")),
                        "replace",
                        body("headers", List.of("x-to-Replace:false"))));
        proxy.route(
                "test28.test",
                Map.of(),
                body("add", body("headers", List.of("X-Write-Attempt:$(shared.written = true)"))));
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

    /** Kong's client sending a GET with a form body {@code hello=world}. */
    private static JsonNode getWithForm(String target, String host) throws IOException {
        return echo(proxy.send("GET", target, host, "hello=world", "Content-Type", FORM), 200);
    }

    private static JsonNode postForm(String host) throws IOException {
        return echo(proxy.send("POST", "/request", host, ContentType.FORM, body("hello", "world")), 200);
    }

    private static String text(JsonNode value) {
        assertThat(value).isNotNull();
        return value.isArray() ? value.toString() : value.asText();
    }

    // ------------------------------------------------------------------------ remove, replace, add and append

    /** 02-access_spec: "remove, replace, add and append removes a header". */
    @Test
    void removes_a_header() throws IOException {
        assertThat(header(get("/request", "test3.test", "x-to-remove", "true"), "x-to-remove"))
                .isNull();
    }

    /** 02-access_spec: "remove, replace, add and append replaces value of header, if header exist". */
    @Test
    void replaces_value_of_header_if_header_exist() throws IOException {
        assertThat(header(get("/request", "test3.test", "x-to-replace", "true"), "x-to-replace"))
                .isEqualTo("false");
    }

    /**
     * 02-access_spec: "remove, replace, add and append does not add new header if to be replaced header does not
     * exist".
     */
    @Test
    void does_not_add_new_header_if_to_be_replaced_header_does_not_exist() throws IOException {
        assertThat(header(get("/request", "test3.test"), "x-to-replace")).isNull();
    }

    /** 02-access_spec: "remove, replace, add and append add new header if missing". */
    @Test
    void add_new_header_if_missing() throws IOException {
        assertThat(header(get("/request", "test3.test"), "x-added2")).isEqualTo("b1");
    }

    /** 02-access_spec: "remove, replace, add and append does not add new header if it already exist". */
    @Test
    void does_not_add_new_header_if_it_already_exist() throws IOException {
        assertThat(header(get("/request", "test3.test", "x-added3", "c1"), "x-added3"))
                .isEqualTo("c1");
    }

    /** 02-access_spec: "remove, replace, add and append appends values to existing headers". */
    @Test
    void appends_values_to_existing_headers() throws IOException {
        assertThat(header(get("/request", "test3.test"), "x-added")).isEqualTo("a1, a2, a3");
    }

    /** 02-access_spec: "remove, replace, add and append adds new parameters on POST when query string key missing". */
    @Test
    void adds_new_parameters_on_post_when_query_string_key_missing() throws IOException {
        assertThat(text(query(postForm("test3.test"), "p2"))).isEqualTo("b1");
    }

    /** 02-access_spec: "remove, replace, add and append removes parameters on GET". */
    @Test
    void removes_parameters_on_get() throws IOException {
        JsonNode json = getWithForm("/request?toremovequery=yes&nottoremove=yes", "test3.test");
        assertThat(query(json, "toremovequery")).isNull();
        assertThat(text(query(json, "nottoremove"))).isEqualTo("yes");
    }

    /** 02-access_spec: "remove, replace, add and append replaces parameters on GET". */
    @Test
    void replaces_parameters_on_get() throws IOException {
        assertThat(text(query(getWithForm("/request?toreplacequery=yes", "test3.test"), "toreplacequery")))
                .isEqualTo("no");
    }

    /**
     * 02-access_spec: "remove, replace, add and append does not add new parameter if to be replaced parameters does
     * not exist on GET".
     */
    @Test
    void does_not_add_new_parameter_if_to_be_replaced_parameters_does_not_exist_on_get() throws IOException {
        assertThat(param(get("/request", "test3.test", "Content-Type", FORM), "toreplacequery"))
                .isNull();
    }

    /** 02-access_spec: "remove, replace, add and append adds parameters on GET if it does not exist". */
    @Test
    void adds_parameters_on_get_if_it_does_not_exist() throws IOException {
        JsonNode json = get("/request", "test3.test", "Content-Type", FORM);
        assertThat(text(query(json, "query-added"))).isEqualTo("newvalue");
    }

    /**
     * 02-access_spec: "remove, replace, add and append does not add new parameter if to be added parameters already
     * exist on GET".
     */
    @Test
    void does_not_add_new_parameter_if_to_be_added_parameters_already_exist_on_get() throws IOException {
        JsonNode json = get("/request?query-added=oldvalue", "test3.test", "Content-Type", FORM);
        assertThat(text(query(json, "query-added"))).isEqualTo("oldvalue");
    }

    /** 02-access_spec: "remove, replace, add and append appends parameters on GET". */
    @Test
    void appends_parameters_on_get() throws IOException {
        JsonNode json = getWithForm("/request?q1=20", "test3.test");
        assertThat(text(query(json, "p1"))).isEqualTo("[\"anything:1\",\"a2\"]");
        assertThat(text(query(json, "q1"))).isEqualTo("20");
    }

    /** 02-access_spec: "remove, replace, add and append removes a header -- ignore case". */
    @Test
    void removes_a_header_ignore_case() throws IOException {
        assertThat(header(get("/request", "test26.test", "x-to-remove", "true"), "X-To-Remove"))
                .isNull();
    }

    /**
     * 02-access_spec: "remove, replace, add and append replaces value of header, if header exist -- don't change header
     * case".
     */
    @Test
    void replaces_value_of_header_if_header_exist_dont_change_header_case() throws IOException {
        assertThat(header(get("/request", "test26.test", "x-to-replace", "true"), "x-to-Replace"))
                .isEqualTo("false");
    }

    /** 02-access_spec: "remove, replace, add and append add new header if missing -- keep configured case". */
    @Test
    void add_new_header_if_missing_keep_configured_case() throws IOException {
        assertThat(header(get("/request", "test26.test"), "x-aDDed2")).isEqualTo("b1");
    }

    /**
     * 02-access_spec: "remove, replace, add and append does not add new header if it already exist -- keep request
     * case".
     */
    @Test
    void does_not_add_new_header_if_it_already_exist_keep_request_case() throws IOException {
        assertThat(header(get("/request", "test26.test", "x-added3", "c1"), "x-added3"))
                .isEqualTo("c1");
    }

    /** 02-access_spec: "remove, replace, add and append appends values to existing headers -- keep config case". */
    @Test
    void appends_values_to_existing_headers_keep_config_case() throws IOException {
        assertThat(header(get("/request", "test26.test", "X-addeD", "a0"), "X-aDDed"))
                .isEqualTo("a0, a2, a3");
    }

    /** 02-access_spec: "remove, replace, add and append appends values to added headers -- keep 'add' config case". */
    @Test
    void appends_values_to_added_headers_keep_add_config_case() throws IOException {
        assertThat(header(get("/request", "test26.test"), "X-Added")).isEqualTo("a1, a2, a3");
    }

    /**
     * 02-access_spec: "remove, replace, add and append adds new parameters on POST when query string key missing"
     * (its second occurrence in the describe).
     */
    @Test
    void adds_new_parameters_on_post_when_query_string_key_missing_second() throws IOException {
        assertThat(text(query(postForm("test3.test"), "p2"))).isEqualTo("b1");
    }

    /** 02-access_spec: "remove, replace, add and append removes parameters on GET" (its second occurrence). */
    @Test
    void removes_parameters_on_get_second() throws IOException {
        JsonNode json = getWithForm("/request?toremovequery=yes&nottoremove=yes", "test3.test");
        assertThat(query(json, "toremovequery")).isNull();
        assertThat(text(query(json, "nottoremove"))).isEqualTo("yes");
    }

    /** 02-access_spec: "remove, replace, add and append replaces parameters on GET" (its second occurrence). */
    @Test
    void replaces_parameters_on_get_second() throws IOException {
        assertThat(text(query(getWithForm("/request?toreplacequery=yes", "test3.test"), "toreplacequery")))
                .isEqualTo("no");
    }

    /**
     * 02-access_spec: "remove, replace, add and append does not add new parameter if to be replaced parameters does
     * not exist on GET" (its second occurrence).
     */
    @Test
    void does_not_add_new_parameter_if_to_be_replaced_parameters_does_not_exist_on_get_second() throws IOException {
        assertThat(param(get("/request", "test3.test", "Content-Type", FORM), "toreplacequery"))
                .isNull();
    }

    /** 02-access_spec: "remove, replace, add and append adds parameters on GET if it does not exist" (second). */
    @Test
    void adds_parameters_on_get_if_it_does_not_exist_second() throws IOException {
        JsonNode json = get("/request", "test3.test", "Content-Type", FORM);
        assertThat(text(query(json, "query-added"))).isEqualTo("newvalue");
    }

    /**
     * 02-access_spec: "remove, replace, add and append does not add new parameter if to be added parameters already
     * exist on GET" (its second occurrence).
     */
    @Test
    void does_not_add_new_parameter_if_to_be_added_parameters_already_exist_on_get_second() throws IOException {
        JsonNode json = get("/request?query-added=oldvalue", "test3.test", "Content-Type", FORM);
        assertThat(text(query(json, "query-added"))).isEqualTo("oldvalue");
    }

    /** 02-access_spec: "remove, replace, add and append appends parameters on GET" (its second occurrence). */
    @Test
    void appends_parameters_on_get_second() throws IOException {
        JsonNode json = getWithForm("/request?q1=20", "test3.test");
        assertThat(text(query(json, "p1"))).isEqualTo("[\"anything:1\",\"a2\"]");
        assertThat(text(query(json, "q1"))).isEqualTo("20");
    }

    /** 02-access_spec: "remove, replace, add and append preserves empty json array". */
    @Test
    void preserves_empty_json_array() throws IOException {
        JsonNode json = echo(
                proxy.send("POST", "/request", "test3.test", "{\"emptyarray\":[]}", "Content-Type", "application/json"),
                200);
        assertThat(data(json)).contains("\"emptyarray\":[]");
    }

    // ------------------------------------------------------------------------ request rewrite using template

    /** 02-access_spec: "request rewrite using template template as querystring parameters on GET". */
    @Test
    void template_as_querystring_parameters_on_get() throws IOException {
        JsonNode json = getWithForm(USERS + "?q1=20", "test10.test");
        assertThat(text(query(json, "uri_param1"))).isEqualTo("foo");
        assertThat(json.path("vars").path("request_uri").asText())
                .isEqualTo(USERS + "?q1=20&uri_param1=foo&uri_param2%5Bsome_index%5D%5B1%5D=bar");
    }

    /** 02-access_spec: "request rewrite using template should update request path using hash". */
    @Test
    void should_update_request_path_using_hash() throws IOException {
        JsonNode json = get(USERS, "test11.test");
        assertThat(json.path("url").asText()).isEqualTo(proxy.mockUrl() + "/requests/user2/bar/user1/foo");
    }

    /** 02-access_spec: "request rewrite using template should not add querystring if hash missing". */
    @Test
    void should_not_add_querystring_if_hash_missing() throws IOException {
        JsonNode json = get("/requests/?q1=20", "test12.test");
        assertThat(query(json, "q1")).isNotNull();
        assertThat(text(query(json, "uri_param1"))).isEqualTo("default1");
        assertThat(text(query(json, "uri_param2"))).isEqualTo("default2");
    }

    /** 02-access_spec: "request rewrite using template should fail when uri template is not a proper expression". */
    @Test
    void should_fail_when_uri_template_is_not_a_proper_expression() throws IOException {
        assertThat(proxy.send("GET", USERS, "test13.test", null).status()).isEqualTo(500);
    }

    /**
     * 02-access_spec: "request rewrite using template should not fail when uri template rendered using index" (index
     * 0 is the whole match, as in Kong's captures table).
     */
    @Test
    void should_not_fail_when_uri_template_rendered_using_index() throws IOException {
        JsonNode json = get("/user1/foo/user2/bar", "test14.test");
        assertThat(json.path("url").asText()).isEqualTo(proxy.mockUrl() + "/requests/user1/foo/user2/bar");
    }

    /**
     * 02-access_spec: "request rewrite using template validate using headers/req_querystring for rendering templates".
     */
    @Test
    void validate_using_headers_req_querystring_for_rendering_templates() throws IOException {
        JsonNode json = get(USERS + "?q1=20", "test15.test", "Content-Type", FORM);
        assertThat(query(json, "q1")).isNull();
        assertThat(text(query(json, "uri_param1"))).isEqualTo("foo");
        assertThat(text(query(json, "uri_param2"))).isEqualTo("test15.test");
        assertThat(header(json, "x-test-header")).isEqualTo("20");
    }

    /** 02-access_spec: "request rewrite using template validate that removed header can be used as template". */
    @Test
    void validate_that_removed_header_can_be_used_as_template() throws IOException {
        JsonNode json = get(USERS + "?q2=20", "test16.test", "x-remove-header", "its a test", "Content-Type", FORM);
        assertThat(header(json, "x-remove-header")).isNull();
        assertThat(text(query(json, "q1"))).isEqualTo("foo");
        assertThat(text(query(json, "q2"))).isEqualTo("its a test");
        assertThat(header(json, "x-test-header")).isEqualTo("its a test");
    }

    /**
     * 02-access_spec: "request rewrite using template validate template will be rendered with old value of replaced
     * header".
     */
    @Test
    void validate_template_will_be_rendered_with_old_value_of_replaced_header() throws IOException {
        JsonNode json = get(USERS + "?q2=20", "test17.test", "x-replace-header", "the old value", "Content-Type", FORM);
        assertThat(text(query(json, "q1"))).isEqualTo("foo");
        assertThat(text(query(json, "q2"))).isEqualTo("the old value");
        assertThat(header(json, "x-test-header")).isEqualTo("the old value");
        assertThat(header(json, "x-replace-header")).isEqualTo("the new value");
    }

    /** 02-access_spec: "request rewrite using template validate template can be escaped". */
    @Test
    void validate_template_can_be_escaped() throws IOException {
        JsonNode json = get(USERS + "?q2=20", "test18.test", "x-replace-header", "the old value", "Content-Type", FORM);
        assertThat(text(query(json, "q1"))).isEqualTo("$(uri_captures.user1)");
        assertThat(text(query(json, "q2"))).isEqualTo("20");
    }

    /**
     * 02-access_spec: "request rewrite using template rendering error (query) should fail when rendering errors out".
     */
    @Test
    void rendering_error_query_should_fail_when_rendering_errors_out() throws IOException {
        RawHttp.Response res = proxy.send(
                "GET",
                USERS + "?q2=20",
                "test19.test",
                null,
                "x-replace-header",
                "the old value",
                "Content-Type",
                FORM);
        assertThat(res.status()).isEqualTo(500);
    }

    /**
     * 02-access_spec: "request rewrite using template rendering error (header) is correctly propagated in error.log,
     * issue #25" — its 500; the Lua error line it then looks for in Kong's error.log has no counterpart.
     */
    @Test
    void rendering_error_header_is_correctly_propagated() throws IOException {
        assertThat(proxy.send("GET", "/", "test24.test", null).status()).isEqualTo(500);
    }

    /** 02-access_spec: "request rewrite using template cannot write a value in `kong.ctx.shared`". */
    @Test
    void cannot_write_a_value_in_kong_ctx_shared() throws IOException {
        assertThat(proxy.send("GET", "/", "test28.test", null).status()).isEqualTo(500);
    }

    // ------------------------------------------------------------------------ remove then add header

    /** 02-access_spec: "remove then add header (regression test) header already exists in request". */
    @Test
    void remove_then_add_header_already_exists_in_request() throws IOException {
        JsonNode json =
                get("/", "test22.test", "Authorization", "Basic dGVzdDp0ZXN0", "Content-Type", "application/json");
        assertThat(header(json, "authorization")).isEqualTo("Basic test");
    }

    /** 02-access_spec: "remove then add header (regression test) header does not exist in request". */
    @Test
    void remove_then_add_header_does_not_exist_in_request() throws IOException {
        JsonNode json = get("/", "test22.test", "Content-Type", "application/json");
        assertThat(header(json, "authorization")).isEqualTo("Basic test");
    }

    // ------------------------------------------------------------------------ query parameters are not urlencoded

    /** 02-access_spec: "query parameters are not #urlencoded to upstream URL when plugin is not configured". */
    @Test
    void query_parameters_are_not_urlencoded_when_plugin_is_not_configured() throws IOException {
        String expected = "$&+,/:;?@";
        JsonNode json = get("/request?expected=" + expected, "test23.test");
        assertThat(json.path("url").asText()).isEqualTo(proxy.mockUrl() + "/?expected=" + expected);
    }
}
