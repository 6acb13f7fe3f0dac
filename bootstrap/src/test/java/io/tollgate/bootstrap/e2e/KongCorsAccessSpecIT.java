package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kong's {@code spec/03-plugins/13-cors/01-access_spec.lua} (its newest 3.x revision: {@code .test} hosts,
 * {@code private_network}, {@code allow_origin_absent}, the upstream {@code Vary} case): the cors plugin on the proxy
 * path against one real node proxying to {@link KongMockUpstream}. Of the spec's 159 cases, 158 are ported: the 129
 * generated "given origin, origins will accept/reject" cases as one parameterized test (one invocation per case),
 * the rest one test each. The "works even when a runtime error occurs" case needs Kong's {@code error-generator-last}
 * test plugin and has no counterpart. The routes and plugins of the spec's {@code lazy_setup} are created once; no
 * case writes.
 */
class KongCorsAccessSpecIT {

    static final String DEFAULT_METHODS = "GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT";

    /**
     * The spec's regex table: each entry's {@code origins}, then {@code "<request origin> -> <answer>"} lines, the
     * answer {@code true} (the origin as sent), {@code false} (refused) or the {@code Access-Control-Allow-Origin}
     * sent.
     */
    static final List<RegexCase> REGEX_CASES = List.of(
            regex(
                    List.of("foo.test"),
                    "http://evil.test -> foo.test",
                    "http://foo.test -> foo.test",
                    "http://foo.test.evil.test -> foo.test",
                    "http://something.foo.test -> foo.test",
                    "http://evilfoo.test -> foo.test",
                    "http://foo.test:80 -> foo.test",
                    "http://foo.test:8000 -> foo.test",
                    "https://foo.test:8000 -> foo.test",
                    "http://foo.test:90 -> foo.test",
                    "http://foobtest -> foo.test",
                    "https://bar.test:1234 -> foo.test"),
            regex(
                    List.of("https://bar.test:1234"),
                    "http://evil.test -> https://bar.test:1234",
                    "http://foo.test -> https://bar.test:1234",
                    "http://foo.test.evil.test -> https://bar.test:1234",
                    "http://something.foo.test -> https://bar.test:1234",
                    "http://evilfoo.test -> https://bar.test:1234",
                    "http://foo.test:80 -> https://bar.test:1234",
                    "http://foo.test:8000 -> https://bar.test:1234",
                    "https://foo.test:8000 -> https://bar.test:1234",
                    "http://foo.test:90 -> https://bar.test:1234",
                    "http://foobtest -> https://bar.test:1234",
                    "https://bar.test:1234 -> https://bar.test:1234"),
            regex(
                    List.of("foo\\.test"),
                    "http://evil.test -> false",
                    "http://foo.test -> true",
                    "http://foo.test.evil.test -> false",
                    "http://something.foo.test -> false",
                    "http://evilfoo.test -> false",
                    "http://foo.test:80 -> http://foo.test",
                    "http://foo.test:8000 -> true",
                    "https://foo.test:8000 -> true",
                    "http://foo.test:90 -> true",
                    "http://foobtest -> false",
                    "https://bar.test:1234 -> false"),
            regex(
                    List.of("(.*[./])?foo\\.test"),
                    "http://evil.test -> false",
                    "http://foo.test -> true",
                    "http://foo.test.evil.test -> false",
                    "http://something.foo.test -> true",
                    "http://evilfoo.test -> false",
                    "http://foo.test:80 -> http://foo.test",
                    "http://foo.test:8000 -> true",
                    "https://foo.test:8000 -> true",
                    "http://foo.test:90 -> true",
                    "http://foobtest -> false",
                    "https://bar.test:1234 -> false"),
            regex(
                    List.of("(.*[./])?foo\\.test:8000"),
                    "http://evil.test -> false",
                    "http://foo.test -> false",
                    "http://foo.test.evil.test -> false",
                    "http://something.foo.test -> false",
                    "http://evilfoo.test -> false",
                    "http://foo.test:80 -> false",
                    "http://foo.test:8000 -> true",
                    "https://foo.test:8000 -> true",
                    "http://foo.test:90 -> false",
                    "http://foobtest -> false",
                    "https://bar.test:1234 -> false"),
            regex(
                    List.of("https://(.*[.])?foo\\.test:8000"),
                    "http://evil.test -> false",
                    "http://foo.test -> false",
                    "http://foo.test.evil.test -> false",
                    "http://something.foo.test -> false",
                    "http://foo.test:80 -> false",
                    "http://foo.test:8000 -> false",
                    "https://foo.test:8000 -> true",
                    "http://foo.test:90 -> false",
                    "http://foobtest -> false",
                    "https://bar.test:1234 -> false"),
            regex(
                    List.of("^http://(.*[.])?foo\\.test(:(80|90))?$"),
                    "http://evil.test -> false",
                    "http://foo.test -> true",
                    "http://foo.test.evil.test -> false",
                    "http://something.foo.test -> true",
                    "http://foo.test:80 -> http://foo.test",
                    "http://foo.test:8000 -> false",
                    "https://foo.test:8000 -> false",
                    "http://foo.test:90 -> true",
                    "http://foobtest -> false",
                    "https://bar.test:1234 -> false"),
            regex(
                    List.of("foo.test", "bar.test"),
                    "http://evil.test -> false",
                    "http://foo.test -> false",
                    "http://foo.test.evil.test -> false",
                    "http://foo.test:80 -> false",
                    "http://foo.test:8000 -> false",
                    "http://foo.test:90 -> false",
                    "http://foobtest -> false",
                    "https://bar.test:1234 -> false"),
            regex(
                    List.of("http://foo.test", "https://bar.test:1234"),
                    "http://evil.test -> false",
                    "http://foo.test -> true",
                    "http://foo.test.evil.test -> false",
                    "http://foo.test:80 -> http://foo.test",
                    "http://foo.test:8000 -> false",
                    "http://foo.test:90 -> false",
                    "http://foobtest -> false",
                    "https://bar.test:1234 -> true"),
            regex(
                    List.of("bar.test", "foo\\.test"),
                    "http://evil.test -> false",
                    "http://foo.test -> true",
                    "http://foo.test.evil.test -> false",
                    "http://something.foo.test -> false",
                    "http://foo.test:80 -> http://foo.test",
                    "http://foo.test:8000 -> true",
                    "http://foo.test:90 -> true",
                    "http://foobtest -> false",
                    "https://bar.test:1234 -> false"),
            regex(
                    List.of("bar.test", "(.*\\.)?foo\\.test"),
                    "http://evil.test -> false",
                    "http://foo.test -> true",
                    "http://foo.test.evil.test -> false",
                    "http://something.foo.test -> true",
                    "http://foo.test:80 -> http://foo.test",
                    "http://foo.test:8000 -> true",
                    "http://foo.test:90 -> true",
                    "http://foobtest -> false",
                    "https://bar.test:1234 -> false"),
            regex(
                    List.of("bar.test", "(.*[./])?foo\\.test:8000"),
                    "http://evil.test -> false",
                    "http://foo.test -> false",
                    "http://foo.test.evil.test -> false",
                    "http://something.foo.test -> false",
                    "http://foo.test:80 -> false",
                    "http://foo.test:8000 -> true",
                    "https://foo.test:8000 -> true",
                    "http://foo.test:90 -> false",
                    "http://foobtest -> false",
                    "https://bar.test:1234 -> false"),
            regex(
                    List.of("bar.test", "https://(.*\\.)?foo\\.test:8000"),
                    "http://evil.test -> false",
                    "http://foo.test -> false",
                    "http://foo.test.evil.test -> false",
                    "http://something.foo.test -> false",
                    "http://foo.test:80 -> false",
                    "http://foo.test:8000 -> false",
                    "https://foo.test:8000 -> true",
                    "http://foo.test:90 -> false",
                    "http://foobtest -> false",
                    "https://bar.test:1234 -> false"));

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;
    static KongMockUpstream mock;
    static String service;

    /** One entry of the regex table: the configured origins and each request origin's expected answer. */
    record RegexCase(List<String> origins, Map<String, Object> tests) {}

    private static RegexCase regex(List<String> origins, String... lines) {
        Map<String, Object> tests = new java.util.LinkedHashMap<>();
        for (String line : lines) {
            String[] pair = line.split(" -> ");
            tests.put(
                    pair[0],
                    switch (pair[1]) {
                        case "true" -> true;
                        case "false" -> false;
                        default -> pair[1];
                    });
        }
        return new RegexCase(origins, tests);
    }

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("kong-cors-access", dir, Map.of());
        client = new KongSpecClient(node.admin());
        service = id(client.create("/services", body("name", "mock", "url", mock.url())));

        cors("cors1.test", body());
        cors(
                "cors2.test",
                body(
                        "origins", List.of("example.test"),
                        "methods", List.of("GET"),
                        "headers", List.of("origin", "type", "accepts"),
                        "exposed_headers", List.of("x-auth-token"),
                        "max_age", 23,
                        "credentials", true));
        cors("cors3.test", continuing(23, "example.test"));
        String route4 = cors("cors4.test", body());
        plugin("key-auth", route4, body());
        cors("cors5.test", body("origins", List.of("*"), "credentials", true));
        cors("cors6.test", continuing(23, "example.test", "example.org"));
        cors("cors7.test", body("origins", List.of("*"), "credentials", false));
        cors("cors-empty-origins.test", body("origins", List.of()));
        cors("cors9.test", body("origins", List.of(".*\\.?example(?:-foo)?.test")));
        cors("cors10.test", body("origins", List.of("http://my-site.test", "http://my-other-site.test")));
        cors("cors11.test", body("origins", List.of("http://my-site.test", "https://my-other-site.test:9000")));
        cors(
                "cors12.test",
                body(
                        "credentials",
                        true,
                        "preflight_continue",
                        false,
                        "max_age",
                        1728000,
                        "headers",
                        List.of(
                                "DNT",
                                "X-CustomHeader",
                                "Keep-Alive",
                                "User-Agent",
                                "X-Requested-With",
                                "If-Modified-Since",
                                "Cache-Control",
                                "Content-Type",
                                "Authorization"),
                        "methods",
                        KongSpecClient.NULL,
                        "origins",
                        List.of("a.xxx.test", "allowed-domain.test")));
        cors(
                "cors13.test",
                body("preflight_continue", false, "private_network", true, "origins", List.of("allowed-domain.test")));
        cors("cors14.test", body("preflight_continue", false, "origins", List.of("foo.bar", "*")));
        cors(
                "cors15.test",
                body(
                        "allow_origin_absent",
                        false,
                        "origins",
                        List.of("foo.bar"),
                        "exposed_headers",
                        List.of("x-auth-token"),
                        "credentials",
                        true));
        cors(
                "cors16.test",
                body(
                        "allow_origin_absent",
                        true,
                        "origins",
                        List.of("foo.bar"),
                        "exposed_headers",
                        List.of("x-auth-token"),
                        "credentials",
                        true));
        cors("cors-upstream.test", continuing(10, "example.test"));

        // a service nothing listens on (Kong's 127.0.0.2:26865)
        String refused = id(client.create("/services", body("name", "refused", "url", "http://127.0.0.2:26865")));
        String timeout = id(client.create(
                "/routes", body("hosts", List.of("cors-timeout.test"), "service", Map.of("id", refused))));
        plugin("cors", timeout, continuing(10, "example.test"));

        for (int i = 0; i < REGEX_CASES.size(); i++) {
            cors(
                    "cors-regex-" + (i + 1) + ".test",
                    body("origins", REGEX_CASES.get(i).origins()));
        }
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

    /** The config shared by the spec's {@code preflight_continue} routes. */
    private static Map<String, Object> continuing(int maxAge, String... origins) {
        return body(
                "origins", List.of(origins),
                "methods", List.of("GET"),
                "headers", List.of("origin", "type", "accepts"),
                "exposed_headers", List.of("x-auth-token"),
                "max_age", maxAge,
                "preflight_continue", true);
    }

    /** A route on {@code host} to the mock with a cors plugin of this config; returns the route's id. */
    private static String cors(String host, Map<String, Object> config) {
        String route = id(client.create("/routes", body("hosts", List.of(host), "service", Map.of("id", service))));
        plugin("cors", route, config);
        return route;
    }

    private static void plugin(String name, String route, Map<String, Object> config) {
        client.create("/plugins", body("name", name, "route", Map.of("id", route), "config", config));
    }

    private static RawHttp.Response send(String method, String host, String target, String... headers)
            throws IOException {
        RawHttp.Request request = RawHttp.request(method, host, target);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send(node.proxyPort);
    }

    private static RawHttp.Response preflight(String host, String origin, String... headers) throws IOException {
        List<String> all = new ArrayList<>(List.of("Origin", origin, "Access-Control-Request-Method", "GET"));
        all.addAll(List.of(headers));
        return send("OPTIONS", host, "/", all.toArray(String[]::new));
    }

    private static RawHttp.Response get(String host, @Nullable String origin) throws IOException {
        return origin == null ? send("GET", host, "/") : send("GET", host, "/", "Origin", origin);
    }

    private static RawHttp.Response status(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response;
    }

    private static void absent(RawHttp.Response response, String... names) {
        for (String name : names) {
            assertThat(response.header(name)).as(name).isNull();
        }
    }

    private static void origin(RawHttp.Response response, @Nullable String expected) {
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(expected);
    }

    // ------------------------------------------------------------------------ HTTP method: OPTIONS

    static Stream<Arguments> regexCases() {
        List<Arguments> all = new ArrayList<>();
        for (int i = 0; i < REGEX_CASES.size(); i++) {
            RegexCase regexCase = REGEX_CASES.get(i);
            String host = "cors-regex-" + (i + 1) + ".test";
            regexCase.tests().keySet().stream()
                    .sorted()
                    .forEach(origin -> all.add(Arguments.of(
                            origin, regexCase.origins(), host, regexCase.tests().get(origin))));
        }
        return all.stream();
    }

    /**
     * 01-access_spec: "HTTP method: OPTIONS given {origin}, {origins} will accept|reject" (the 129 cases of the regex
     * table; an accepted origin is answered as configured, as sent, or normalized).
     */
    @ParameterizedTest(name = "given {0}, {1} will accept or reject")
    @MethodSource("regexCases")
    void given_origin_will_accept_or_reject(String origin, List<String> origins, String host, Object accept)
            throws IOException {
        RawHttp.Response res = status(preflight(host, origin), 200);
        if (Boolean.FALSE.equals(accept)) {
            origin(res, null);
            return;
        }
        assertThat(res.header("Access-Control-Allow-Methods")).isEqualTo(DEFAULT_METHODS);
        origin(res, Boolean.TRUE.equals(accept) ? origin : (String) accept);
        absent(
                res,
                "Access-Control-Allow-Headers",
                "Access-Control-Expose-Headers",
                "Access-Control-Allow-Credentials",
                "Access-Control-Max-Age");
    }

    /** 01-access_spec: "HTTP method: OPTIONS gives appropriate defaults". */
    @Test
    void options_gives_appropriate_defaults() throws IOException {
        RawHttp.Response res = status(preflight("cors1.test", "origin1.test"), 200);
        assertThat(res.header("Content-Length")).isEqualTo("0");
        assertThat(res.header("Access-Control-Allow-Methods")).isEqualTo(DEFAULT_METHODS);
        origin(res, "*");
        absent(
                res,
                "Access-Control-Allow-Headers",
                "Access-Control-Expose-Headers",
                "Access-Control-Allow-Credentials",
                "Access-Control-Max-Age",
                "Vary");
    }

    /** 01-access_spec: "HTTP method: OPTIONS gives * wildcard when config.origins is empty". */
    @Test
    void options_gives_wildcard_when_config_origins_is_empty() throws IOException {
        RawHttp.Response res = status(preflight("cors-empty-origins.test", "empty-origin.test"), 200);
        assertThat(res.header("Content-Length")).isEqualTo("0");
        assertThat(res.header("Access-Control-Allow-Methods")).isEqualTo(DEFAULT_METHODS);
        origin(res, "*");
        absent(
                res,
                "Access-Control-Allow-Headers",
                "Access-Control-Expose-Headers",
                "Access-Control-Allow-Credentials",
                "Access-Control-Max-Age",
                "Vary");
    }

    /**
     * 01-access_spec: "HTTP method: OPTIONS gives appropriate defaults when origin is explicitly set to * and
     * config.credentials=true".
     */
    @Test
    void options_gives_appropriate_defaults_when_origin_is_explicitly_set_to_wildcard_and_credentials_true()
            throws IOException {
        RawHttp.Response res = status(preflight("cors5.test", "origin5.test"), 200);
        assertThat(res.header("Content-Length")).isEqualTo("0");
        assertThat(res.header("Access-Control-Allow-Methods")).isEqualTo(DEFAULT_METHODS);
        origin(res, "origin5.test");
        assertThat(res.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(res.header("Vary")).isEqualTo("Origin");
        absent(res, "Access-Control-Allow-Headers", "Access-Control-Expose-Headers", "Access-Control-Max-Age");
    }

    /** 01-access_spec: "HTTP method: OPTIONS gives * wildcard when origin has multiple entries and have * included". */
    @Test
    void options_gives_wildcard_when_origin_has_multiple_entries_and_have_wildcard_included() throws IOException {
        RawHttp.Response res = status(preflight("cors14.test", "http://www.example.net"), 200);
        assertThat(res.header("Content-Length")).isEqualTo("0");
        assertThat(res.header("Access-Control-Allow-Methods")).isEqualTo(DEFAULT_METHODS);
        origin(res, "*");
        absent(
                res,
                "Access-Control-Allow-Headers",
                "Access-Control-Expose-Headers",
                "Access-Control-Allow-Credentials",
                "Access-Control-Max-Age");
    }

    /** 01-access_spec: "HTTP method: OPTIONS accepts config options". */
    @Test
    void options_accepts_config_options() throws IOException {
        RawHttp.Response res = status(preflight("cors2.test", "origin5.test"), 200);
        assertThat(res.header("Content-Length")).isEqualTo("0");
        assertThat(res.header("Access-Control-Allow-Methods")).isEqualTo("GET");
        origin(res, "example.test");
        assertThat(res.header("Access-Control-Max-Age")).isEqualTo("23");
        assertThat(res.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(res.header("Access-Control-Allow-Headers")).isEqualTo("origin,type,accepts");
        assertThat(res.header("Vary")).isEqualTo("Origin");
        absent(res, "Access-Control-Expose-Headers");
    }

    /** 01-access_spec: "HTTP method: OPTIONS preflight_continue enabled". */
    @Test
    void options_preflight_continue_enabled() throws IOException {
        RawHttp.Response res = status(send("OPTIONS", "cors3.test", "/status/201"), 201);
        assertThat(res.json().get("code").asInt()).isEqualTo(201);
    }

    /** 01-access_spec: "HTTP method: OPTIONS replies with request-headers if present in request". */
    @Test
    void options_replies_with_request_headers_if_present_in_request() throws IOException {
        RawHttp.Response res = status(
                preflight("cors5.test", "origin5.test", "Access-Control-Request-Headers", "origin,accepts"), 200);
        assertThat(res.header("Content-Length")).isEqualTo("0");
        assertThat(res.header("Access-Control-Allow-Headers")).isEqualTo("origin,accepts");
    }

    /** 01-access_spec: "HTTP method: OPTIONS properly validates flat strings". */
    @Test
    void options_properly_validates_flat_strings() throws IOException {
        origin(
                status(send("OPTIONS", "cors10.test", "/", "Origin", "http://my-site.test"), 200),
                "http://my-site.test");
        origin(status(send("OPTIONS", "cors10.test", "/", "Origin", "http://bad-guys.test"), 200), null);
        origin(status(send("OPTIONS", "cors10.test", "/", "Origin", "http://my-site.test.bad-guys.test"), 200), null);
    }

    /** 01-access_spec: "HTTP method: OPTIONS support private-network". */
    @Test
    void options_support_private_network() throws IOException {
        RawHttp.Response res = status(
                send(
                        "OPTIONS",
                        "cors13.test",
                        "/",
                        "Origin",
                        "allowed-domain.test",
                        "Access-Control-Request-Private-Network",
                        "true",
                        "Access-Control-Request-Method",
                        "PUT"),
                200);
        assertThat(res.header("Access-Control-Allow-Private-Network")).isEqualTo("true");
    }

    // ------------------------------------------------------------------------ HTTP method: others

    /** 01-access_spec: "HTTP method: others gives appropriate defaults". */
    @Test
    void others_gives_appropriate_defaults() throws IOException {
        RawHttp.Response res = status(get("cors1.test", null), 200);
        origin(res, "*");
        absent(
                res,
                "Access-Control-Allow-Methods",
                "Access-Control-Allow-Headers",
                "Access-Control-Expose-Headers",
                "Access-Control-Allow-Credentials",
                "Access-Control-Max-Age",
                "Vary");
    }

    /** 01-access_spec: "HTTP method: others proxies a non-preflight OPTIONS request". */
    @Test
    void others_proxies_a_non_preflight_options_request() throws IOException {
        RawHttp.Response res = status(send("OPTIONS", "cors1.test", "/anything"), 200);
        assertThat(res.json().at("/vars/request_method").asText()).isEqualTo("OPTIONS");
        origin(res, "*");
        absent(
                res,
                "Access-Control-Allow-Methods",
                "Access-Control-Allow-Headers",
                "Access-Control-Expose-Headers",
                "Access-Control-Allow-Credentials",
                "Access-Control-Max-Age",
                "Vary");
    }

    /** 01-access_spec: "HTTP method: others accepts config options". */
    @Test
    void others_accepts_config_options() throws IOException {
        RawHttp.Response res = status(get("cors2.test", null), 200);
        origin(res, "example.test");
        assertThat(res.header("Access-Control-Expose-Headers")).isEqualTo("x-auth-token");
        assertThat(res.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(res.header("Vary")).isEqualTo("Origin");
        absent(res, "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Max-Age");
    }

    /** 01-access_spec: "HTTP method: others works even when upstream timeouts" (the upstream refuses: 502). */
    @Test
    void others_works_even_when_upstream_timeouts() throws IOException {
        RawHttp.Response res = status(get("cors-timeout.test", null), 502);
        origin(res, "example.test");
        assertThat(res.header("Access-Control-Expose-Headers")).isEqualTo("x-auth-token");
        assertThat(res.header("Vary")).isEqualTo("Origin");
        absent(
                res,
                "Access-Control-Allow-Credentials",
                "Access-Control-Allow-Methods",
                "Access-Control-Allow-Headers",
                "Access-Control-Max-Age");
    }

    /** 01-access_spec: "HTTP method: others works with 404 responses". */
    @Test
    void others_works_with_404_responses() throws IOException {
        RawHttp.Response res = status(send("GET", "cors1.test", "/asdasdasd"), 404);
        origin(res, "*");
        absent(
                res,
                "Access-Control-Allow-Methods",
                "Access-Control-Allow-Headers",
                "Access-Control-Expose-Headers",
                "Access-Control-Allow-Credentials",
                "Access-Control-Max-Age",
                "Vary");
    }

    /** 01-access_spec: "HTTP method: others works with 40x responses returned by another plugin". */
    @Test
    void others_works_with_40x_responses_returned_by_another_plugin() throws IOException {
        RawHttp.Response res = status(get("cors4.test", null), 401);
        origin(res, "*");
        absent(
                res,
                "Access-Control-Allow-Methods",
                "Access-Control-Allow-Headers",
                "Access-Control-Expose-Headers",
                "Access-Control-Allow-Credentials",
                "Access-Control-Max-Age",
                "Vary");
    }

    /** 01-access_spec: "HTTP method: others sets CORS orgin based on origin host". */
    @Test
    void others_sets_cors_orgin_based_on_origin_host() throws IOException {
        RawHttp.Response res = status(get("cors6.test", "example.test"), 200);
        origin(res, "example.test");
        assertThat(res.header("Vary")).isEqualTo("Origin");
        Map<String, Boolean> domains = Map.of(
                "example.test", true,
                "www.example.test", true,
                "example-foo.test", true,
                "www.example-foo.test", true,
                "www.example-fo0.test", false);
        for (Map.Entry<String, Boolean> domain : domains.entrySet()) {
            RawHttp.Response each = status(get("cors9.test", domain.getKey()), 200);
            assertThat(each.header("Access-Control-Allow-Origin"))
                    .as(domain.getKey())
                    .isEqualTo(domain.getValue() ? domain.getKey() : null);
            assertThat(each.header("Vary")).isEqualTo("Origin");
        }
    }

    /** 01-access_spec: "HTTP method: others sets Vary and don't override existing Vary header". */
    @Test
    void others_sets_vary_and_dont_override_existing_vary_header() throws IOException {
        RawHttp.Response res = status(
                send("GET", "cors-upstream.test", "/response-headers?vary=Accept-Encoding", "Origin", "example.test"),
                200);
        assertThat(res.headers("Vary")).containsExactly("Accept-Encoding", "Origin");
    }

    /** 01-access_spec: "HTTP method: others does not automatically parse the host". */
    @Test
    void others_does_not_automatically_parse_the_host() throws IOException {
        origin(status(get("cors6.test", "http://example.test"), 200), null);
        origin(status(get("cors6.test", "https://example.test"), 200), null);
    }

    /** 01-access_spec: "HTTP method: others validates scheme and port". */
    @Test
    void others_validates_scheme_and_port() throws IOException {
        origin(status(get("cors11.test", "http://my-site.test"), 200), "http://my-site.test");
        origin(status(get("cors11.test", "http://my-site.test:80"), 200), "http://my-site.test");
        origin(status(get("cors11.test", "http://my-site.test:8000"), 200), null);
        origin(status(get("cors11.test", "https://my-site.test"), 200), null);
        origin(status(get("cors11.test", "https://my-other-site.test:9000"), 200), "https://my-other-site.test:9000");
        origin(status(get("cors11.test", "https://my-other-site.test:9001"), 200), null);
    }

    /** 01-access_spec: "HTTP method: others does not sets CORS origin if origin host is not in origin_domains list". */
    @Test
    void others_does_not_sets_cors_origin_if_origin_host_is_not_in_origin_domains_list() throws IOException {
        origin(status(get("cors6.test", "http://www.example.net"), 200), null);
    }

    /** 01-access_spec: "HTTP method: others responds with the requested Origin when config.credentials=true". */
    @Test
    void others_responds_with_the_requested_origin_when_credentials_true() throws IOException {
        RawHttp.Response res = status(get("cors5.test", "http://www.example.net"), 200);
        origin(res, "http://www.example.net");
        assertThat(res.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(res.header("Vary")).isEqualTo("Origin");
    }

    /**
     * 01-access_spec: "HTTP method: others responds with the requested Origin (including port) when
     * config.credentials=true".
     */
    @Test
    void others_responds_with_the_requested_origin_including_port_when_credentials_true() throws IOException {
        RawHttp.Response res = status(get("cors5.test", "http://www.example.net:3000"), 200);
        origin(res, "http://www.example.net:3000");
        assertThat(res.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(res.header("Vary")).isEqualTo("Origin");
    }

    /**
     * 01-access_spec: "HTTP method: others responds with * when origin is explicitly set to * and
     * config.credentials=false".
     */
    @Test
    void others_responds_with_wildcard_when_origin_is_explicitly_set_to_wildcard_and_credentials_false()
            throws IOException {
        RawHttp.Response res = status(get("cors7.test", "http://www.example.net"), 200);
        origin(res, "*");
        absent(res, "Access-Control-Allow-Credentials", "Vary");
    }

    /** 01-access_spec: "HTTP method: others responds with * when origin has multiple entries and have * included". */
    @Test
    void others_responds_with_wildcard_when_origin_has_multiple_entries_and_have_wildcard_included()
            throws IOException {
        origin(status(get("cors14.test", "http://www.example.net"), 200), "*");
    }

    /** 01-access_spec: "HTTP method: others removes upstream ACAO header when no match is found". */
    @Test
    void others_removes_upstream_acao_header_when_no_match_is_found() throws IOException {
        String target = "/response-headers?Response-Header=is-added&Access-Control-Allow-Origin=*";
        RawHttp.Response res = status(send("GET", "cors12.test", target, "Origin", "allowed-domain.test"), 200);
        assertThat(res.header("Response-Header")).isEqualTo("is-added");
        origin(res, "allowed-domain.test");
        assertThat(res.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(res.header("Vary")).isEqualTo("Origin");
        assertThat(res.json().at("/headers/origin").asText()).isEqualTo("allowed-domain.test");

        res = status(send("GET", "cors12.test", target, "Origin", "disallowed-domain.test"), 200);
        assertThat(res.header("Response-Header")).isEqualTo("is-added");
        origin(res, null);
        assertThat(res.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(res.json().at("/headers/origin").asText()).isEqualTo("disallowed-domain.test");
    }

    /**
     * 01-access_spec: "HTTP method: others when allow_origin_absent is disabled with missing Origin header value:nil,
     * no ACAO is returned".
     */
    @Test
    void others_when_allow_origin_absent_is_disabled_with_missing_origin_header_value_nil_no_acao_is_returned()
            throws IOException {
        absent(
                status(get("cors15.test", null), 200),
                "Access-Control-Allow-Origin",
                "Access-Control-Allow-Credentials",
                "Access-Control-Expose-Headers");
    }

    /**
     * 01-access_spec: "HTTP method: others when allow_origin_absent is disabled with missing Origin header value:,
     * no ACAO is returned" (an empty {@code Origin}).
     */
    @Test
    void others_when_allow_origin_absent_is_disabled_with_missing_origin_header_value_empty_no_acao_is_returned()
            throws IOException {
        absent(
                status(get("cors15.test", ""), 200),
                "Access-Control-Allow-Origin",
                "Access-Control-Allow-Credentials",
                "Access-Control-Expose-Headers");
    }

    /**
     * 01-access_spec: "HTTP method: others when allow_origin_absent is enabled with missing Origin header value:nil,
     * ACAO is returned".
     */
    @Test
    void others_when_allow_origin_absent_is_enabled_with_missing_origin_header_value_nil_acao_is_returned()
            throws IOException {
        originAbsentAllowed(status(get("cors16.test", null), 200));
    }

    /**
     * 01-access_spec: "HTTP method: others when allow_origin_absent is enabled with missing Origin header value:,
     * ACAO is returned" (an empty {@code Origin}).
     */
    @Test
    void others_when_allow_origin_absent_is_enabled_with_missing_origin_header_value_empty_acao_is_returned()
            throws IOException {
        originAbsentAllowed(status(get("cors16.test", ""), 200));
    }

    private static void originAbsentAllowed(RawHttp.Response res) {
        origin(res, "foo.bar");
        assertThat(res.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(res.header("Access-Control-Expose-Headers")).isEqualTo("x-auth-token");
    }
}
