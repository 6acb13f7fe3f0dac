package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.RawHttp.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's cors, redirect and request-termination specs ({@code spec/03-plugins/13-cors/01-access_spec.lua},
 * {@code 45-redirect/02-access_spec.lua}, {@code 14-request-termination/02-access_spec.lua}) on one real node. The upstream answers {@code /response-headers?k=v} with
 * the response headers the query names (as Kong's mock upstream) and echoes the request headers.
 */
class BrowserPluginsNodeIT {

    static final String DEFAULT_METHODS = "GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS,TRACE,CONNECT";
    static final List<String> CORS_HEADERS = List.of(
            "access-control-allow-methods",
            "access-control-allow-headers",
            "access-control-expose-headers",
            "access-control-allow-credentials",
            "access-control-max-age",
            "vary");

    @TempDir
    static Path dir;

    static HttpServer upstream;
    static NodeProcess node;

    @BeforeAll
    static void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ObjectMapper json = new ObjectMapper();
        upstream.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null && exchange.getRequestURI().getPath().equals("/response-headers")) {
                for (String pair : query.split("&")) {
                    String[] kv = pair.split("=", 2);
                    exchange.getResponseHeaders()
                            .add(
                                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                                    URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
                }
            }
            Map<String, Object> echo = new LinkedHashMap<>();
            echo.put("method", exchange.getRequestMethod());
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            echo.put("headers", headers);
            byte[] body = json.writeValueAsBytes(echo);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        node = NodeProcess.start("browser", dir, Map.of());
        service("echo", "http://127.0.0.1:" + upstream.getAddress().getPort());
        service("dead", "http://127.0.0.1:" + NodeProcess.freePort());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    static void service(String name, String url) {
        Http.Response service =
                Http.post(node.admin() + "/services", "{\"name\":\"" + name + "\",\"url\":\"" + url + "\"}");
        assertThat(service.status()).as(service.body()).isEqualTo(201);
    }

    /** A route of {@code service} for {@code host} with a plugin per {@code name, config} pair. */
    static void route(String service, String host, String... plugins) {
        Http.Response route = Http.post(
                node.admin() + "/services/" + service + "/routes",
                "{\"name\":\"" + host + "\",\"hosts\":[\"" + host + "\"]}");
        assertThat(route.status()).as(route.body()).isEqualTo(201);
        for (int i = 0; i < plugins.length; i += 2) {
            Http.Response created = Http.post(
                    node.admin() + "/routes/" + host + "/plugins",
                    "{\"name\":\"" + plugins[i] + "\",\"config\":" + plugins[i + 1] + "}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
    }

    static RawHttp.Response send(String method, String host, String target, String... headers) throws Exception {
        RawHttp.Request request = request(method, host, target);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send(node.proxyPort);
    }

    static RawHttp.Response preflight(String host, String origin, String... more) throws Exception {
        String[] headers = new String[4 + more.length];
        headers[0] = "Origin";
        headers[1] = origin;
        headers[2] = "Access-Control-Request-Method";
        headers[3] = "GET";
        System.arraycopy(more, 0, headers, 4, more.length);
        return send("OPTIONS", host, "/", headers);
    }

    static void assertNone(RawHttp.Response response, String... names) {
        for (String name : names) {
            assertThat(response.header(name)).as(name).isNull();
        }
    }

    @Test
    void cors_preflights_and_response_headers() throws Exception {
        String full = "{\"origins\":[\"example.test\"],\"methods\":[\"GET\"],\"headers\":[\"origin\",\"type\","
                + "\"accepts\"],\"exposed_headers\":[\"x-auth-token\"],\"max_age\":23";
        route("echo", "cors1.test", "cors", "{}");
        route("echo", "cors2.test", "cors", full + ",\"credentials\":true}");
        route("echo", "cors3.test", "cors", full + ",\"preflight_continue\":true}");
        route("echo", "cors4.test", "cors", "{}", "key-auth", "{}");
        route("echo", "cors5.test", "cors", "{\"origins\":[\"*\"],\"credentials\":true}");
        route("echo", "cors6.test", "cors", "{\"origins\":[\"example.test\",\"example.org\"]}");
        route("echo", "cors7.test", "cors", "{\"origins\":[\"*\"],\"credentials\":false}");
        route("echo", "cors8.test", "cors", "{\"origins\":[]}");
        route("echo", "cors9.test", "cors", "{\"origins\":[\".*\\\\.?example(?:-foo)?.test\"]}");
        route("echo", "cors10.test", "cors", "{\"origins\":[\"http://my-site.test\",\"http://my-other-site.test\"]}");
        route(
                "echo",
                "cors12.test",
                "cors",
                "{\"credentials\":true,\"max_age\":1728000,\"headers\":[\"DNT\",\"X-CustomHeader\"],"
                        + "\"methods\":null,\"origins\":[\"a.xxx.test\",\"allowed-domain.test\"]}");
        route("echo", "cors13.test", "cors", "{\"private_network\":true,\"origins\":[\"allowed-domain.test\"]}");
        route("echo", "cors14.test", "cors", "{\"origins\":[\"foo.bar\",\"*\"]}");
        route(
                "echo",
                "cors15.test",
                "cors",
                "{\"allow_origin_absent\":false,\"origins\":[\"foo.bar\"],\"exposed_headers\":[\"x-auth-token\"],"
                        + "\"credentials\":true}");
        route(
                "echo",
                "cors16.test",
                "cors",
                "{\"origins\":[\"foo.bar\"],\"exposed_headers\":[\"x-auth-token\"],\"credentials\":true}");
        route("echo", "cors-regex.test", "cors", "{\"origins\":[\"(.*[./])?foo\\\\.test\"]}");
        route(
                "dead",
                "cors-dead.test",
                "cors",
                "{\"origins\":[\"example.test\"],\"exposed_headers\":[\"x-auth-token\"]}");
        RawHttp.await(
                () -> send("GET", "cors-dead.test", "/").header("access-control-allow-origin") != null,
                Duration.ofSeconds(20));

        // preflights answered by the gateway
        RawHttp.Response defaults = preflight("cors1.test", "origin1.test");
        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.header("Content-Length")).isEqualTo("0");
        assertThat(defaults.header("Access-Control-Allow-Methods")).isEqualTo(DEFAULT_METHODS);
        assertThat(defaults.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertNone(
                defaults,
                "Access-Control-Allow-Headers",
                "Access-Control-Expose-Headers",
                "Access-Control-Allow-Credentials",
                "Access-Control-Max-Age",
                "Vary");
        assertThat(preflight("cors8.test", "empty-origin.test").header("Access-Control-Allow-Origin"))
                .isEqualTo("*");

        RawHttp.Response star = preflight("cors5.test", "origin5.test");
        assertThat(star.header("Access-Control-Allow-Origin")).isEqualTo("origin5.test");
        assertThat(star.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(star.header("Vary")).isEqualTo("Origin");
        assertThat(star.header("Access-Control-Allow-Methods")).isEqualTo(DEFAULT_METHODS);

        RawHttp.Response withStar = preflight("cors14.test", "http://www.example.net");
        assertThat(withStar.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertNone(withStar, "Access-Control-Allow-Credentials", "Access-Control-Max-Age");

        RawHttp.Response options = preflight("cors2.test", "origin5.test");
        assertThat(options.status()).isEqualTo(200);
        assertThat(options.header("Access-Control-Allow-Methods")).isEqualTo("GET");
        assertThat(options.header("Access-Control-Allow-Origin")).isEqualTo("example.test");
        assertThat(options.header("Access-Control-Max-Age")).isEqualTo("23");
        assertThat(options.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(options.header("Access-Control-Allow-Headers")).isEqualTo("origin,type,accepts");
        assertThat(options.header("Vary")).isEqualTo("Origin");
        assertNone(options, "Access-Control-Expose-Headers");

        RawHttp.Response continued = send("OPTIONS", "cors3.test", "/status/201");
        assertThat(continued.status()).isEqualTo(200);
        assertThat(continued.json().path("method").asText()).as("proxied").isEqualTo("OPTIONS");
        RawHttp.Response continuedPreflight = preflight("cors3.test", "example.test");
        assertThat(continuedPreflight.json().path("method").asText()).isEqualTo("OPTIONS");
        assertThat(continuedPreflight.header("Access-Control-Allow-Origin")).isNull();

        assertThat(preflight("cors5.test", "origin5.test", "Access-Control-Request-Headers", "origin,accepts")
                        .header("Access-Control-Allow-Headers"))
                .isEqualTo("origin,accepts");
        RawHttp.Response listed = preflight("cors12.test", "allowed-domain.test");
        assertThat(listed.header("Access-Control-Allow-Methods"))
                .as("methods: null")
                .isEqualTo(DEFAULT_METHODS);
        assertThat(listed.header("Access-Control-Allow-Headers")).isEqualTo("DNT,X-CustomHeader");
        assertThat(listed.header("Access-Control-Max-Age")).isEqualTo("1728000");

        RawHttp.Response privateNetwork = send(
                "OPTIONS",
                "cors13.test",
                "/",
                "Origin",
                "allowed-domain.test",
                "Access-Control-Request-Private-Network",
                "true",
                "Access-Control-Request-Method",
                "PUT");
        assertThat(privateNetwork.header("Access-Control-Allow-Private-Network"))
                .isEqualTo("true");

        RawHttp.Response regex = preflight("cors-regex.test", "http://something.foo.test");
        assertThat(regex.header("Access-Control-Allow-Origin")).isEqualTo("http://something.foo.test");
        assertThat(preflight("cors-regex.test", "http://foo.test:80").header("Access-Control-Allow-Origin"))
                .isEqualTo("http://foo.test");
        assertThat(preflight("cors-regex.test", "http://foo.test.evil.test").header("Access-Control-Allow-Origin"))
                .isNull();

        // an OPTIONS without Access-Control-Request-Method is not a preflight: proxied, headers added
        RawHttp.Response flat = send("OPTIONS", "cors10.test", "/", "Origin", "http://my-site.test");
        assertThat(flat.json().path("method").asText()).isEqualTo("OPTIONS");
        assertThat(flat.header("Access-Control-Allow-Origin")).isEqualTo("http://my-site.test");
        assertThat(send("OPTIONS", "cors10.test", "/", "Origin", "http://bad-guys.test")
                        .header("Access-Control-Allow-Origin"))
                .isNull();
        assertThat(send("OPTIONS", "cors10.test", "/", "Origin", "http://my-site.test.bad-guys.test")
                        .header("Access-Control-Allow-Origin"))
                .isNull();

        // other methods: headers in header_filter, on upstream, gateway and other plugins' responses
        RawHttp.Response get = send("GET", "cors1.test", "/");
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.header("Access-Control-Allow-Origin")).isEqualTo("*");
        for (String name : CORS_HEADERS) {
            assertThat(get.header(name)).as(name).isNull();
        }
        RawHttp.Response configured = send("GET", "cors2.test", "/");
        assertThat(configured.header("Access-Control-Allow-Origin")).isEqualTo("example.test");
        assertThat(configured.header("Access-Control-Expose-Headers")).isEqualTo("x-auth-token");
        assertThat(configured.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(configured.header("Vary")).isEqualTo("Origin");
        assertNone(
                configured, "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Max-Age");

        RawHttp.Response dead = send("GET", "cors-dead.test", "/");
        assertThat(dead.status()).isEqualTo(502);
        assertThat(dead.header("Access-Control-Allow-Origin")).isEqualTo("example.test");
        assertThat(dead.header("Access-Control-Expose-Headers")).isEqualTo("x-auth-token");
        assertThat(dead.header("Vary")).isEqualTo("Origin");
        RawHttp.Response unauthorized = send("GET", "cors4.test", "/");
        assertThat(unauthorized.status()).isEqualTo(401);
        assertThat(unauthorized.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(unauthorized.header("Vary")).isNull();

        RawHttp.Response byHost = send("GET", "cors6.test", "/", "Origin", "example.test");
        assertThat(byHost.header("Access-Control-Allow-Origin")).isEqualTo("example.test");
        assertThat(byHost.header("Vary")).isEqualTo("Origin");
        assertThat(send("GET", "cors6.test", "/", "Origin", "http://example.test")
                        .header("Access-Control-Allow-Origin"))
                .as("the host is not parsed out")
                .isNull();
        for (String domain : List.of("example.test", "www.example.test", "example-foo.test", "www.example-foo.test")) {
            assertThat(send("GET", "cors9.test", "/", "Origin", domain).header("Access-Control-Allow-Origin"))
                    .isEqualTo(domain);
        }
        assertThat(send("GET", "cors9.test", "/", "Origin", "www.example-fo0.test")
                        .header("Access-Control-Allow-Origin"))
                .isNull();

        RawHttp.Response credentials = send("GET", "cors5.test", "/", "Origin", "http://www.example.net:3000");
        assertThat(credentials.header("Access-Control-Allow-Origin")).isEqualTo("http://www.example.net:3000");
        assertThat(credentials.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(credentials.header("Vary")).isEqualTo("Origin");
        RawHttp.Response noCredentials = send("GET", "cors7.test", "/", "Origin", "http://www.example.net");
        assertThat(noCredentials.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertNone(noCredentials, "Access-Control-Allow-Credentials", "Vary");

        RawHttp.Response upstreamAcao = send(
                "GET",
                "cors12.test",
                "/response-headers?Response-Header=is-added&Access-Control-Allow-Origin=*&Vary=Accept-Encoding",
                "Origin",
                "allowed-domain.test");
        assertThat(upstreamAcao.header("Response-Header")).isEqualTo("is-added");
        assertThat(upstreamAcao.headers("Access-Control-Allow-Origin")).containsExactly("allowed-domain.test");
        assertThat(upstreamAcao.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(upstreamAcao.headers("Vary"))
                .as("the upstream's Vary kept, Origin on a line of its own as Kong's add_header")
                .containsExactly("Accept-Encoding", "Origin");
        assertThat(upstreamAcao.json().path("headers").path("origin").asText()).isEqualTo("allowed-domain.test");
        RawHttp.Response removed = send(
                "GET",
                "cors12.test",
                "/response-headers?Access-Control-Allow-Origin=*",
                "Origin",
                "disallowed-domain.test");
        assertThat(removed.header("Access-Control-Allow-Origin")).isNull();
        assertThat(removed.header("Access-Control-Allow-Credentials")).isEqualTo("true");

        RawHttp.Response absent = send("GET", "cors15.test", "/");
        assertNone(
                absent,
                "Access-Control-Allow-Origin",
                "Access-Control-Allow-Credentials",
                "Access-Control-Expose-Headers");
        RawHttp.Response absentAllowed = send("GET", "cors16.test", "/");
        assertThat(absentAllowed.header("Access-Control-Allow-Origin")).isEqualTo("foo.bar");
        assertThat(absentAllowed.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(absentAllowed.header("Access-Control-Expose-Headers")).isEqualTo("x-auth-token");
    }

    @Test
    void cors_refuses_bad_origins_and_methods() {
        Http.Response bad =
                Http.post(node.admin() + "/plugins", "{\"name\":\"cors\",\"config\":{\"origins\":[\"*\",\"(bad\"]}}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("name").asText()).isEqualTo("schema violation");
        assertThat(bad.body()).contains("'(bad' is not a valid regex");
        Http.Response method =
                Http.post(node.admin() + "/plugins", "{\"name\":\"cors\",\"config\":{\"methods\":[\"FETCH\"]}}");
        assertThat(method.status()).isEqualTo(400);
    }

    @Test
    void redirect_with_status_location_and_the_incoming_path() throws Exception {
        route("echo", "redirect1.test", "redirect", "{\"location\":\"https://example.com\"}");
        route("echo", "redirect2.test", "redirect", "{\"status_code\":302,\"location\":\"https://example.com\"}");
        route("echo", "redirect3.test", "redirect", "{\"location\":\"https://example.com/path?foo=bar\"}");
        route(
                "echo",
                "redirect4.test",
                "redirect",
                "{\"location\":\"https://example.com/some_path?foo=bar\",\"keep_incoming_path\":true}");
        RawHttp.await(() -> send("GET", "redirect4.test", "/").status() == 301, Duration.ofSeconds(20));

        RawHttp.Response first = send("GET", "redirect1.test", "/status/200");
        assertThat(first.status()).isEqualTo(301);
        assertThat(first.header("Location")).isEqualTo("https://example.com");
        assertThat(first.body()).isEqualTo("redirecting");
        assertThat(send("GET", "redirect2.test", "/status/200").status()).isEqualTo(302);
        assertThat(send("GET", "redirect3.test", "/status/200").header("Location"))
                .isEqualTo("https://example.com/path?foo=bar");
        assertThat(send("GET", "redirect4.test", "/status/200?keep=this").header("Location"))
                .isEqualTo("https://example.com/status/200?keep=this");

        Http.Response invalid = Http.post(
                node.admin() + "/plugins",
                "{\"name\":\"redirect\",\"config\":{\"location\":\"definitely_not_a_url\"}}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("fields").path("config").path("location").asText())
                .isEqualTo("missing host in url");
        Http.Response missing = Http.post(node.admin() + "/plugins", "{\"name\":\"redirect\",\"config\":{}}");
        assertThat(missing.json().path("fields").path("config").path("location").asText())
                .isEqualTo("required field missing");
    }

    @Test
    void request_termination_echoes_the_request_and_the_matched_route_and_service_when_triggered() throws Exception {
        route("echo", "term-echo.test", "request-termination", "{\"echo\":true,\"status_code\":404}");
        route(
                "echo",
                "term-trigger.test",
                "request-termination",
                "{\"echo\":true,\"trigger\":\"gimme-an-echo\",\"status_code\":404}");
        route("echo", "term-plain.test", "request-termination", "{\"trigger\":\"stop\",\"status_code\":418}");
        route("echo", "term-message.test", "request-termination", "{}");
        RawHttp.await(() -> send("GET", "term-plain.test", "/?stop").status() == 418, Duration.ofSeconds(20));

        RawHttp.Response echo = send("GET", "term-echo.test", "/status/200?hello=there", "X-Two", "a", "X-Two", "b");
        assertThat(echo.status()).isEqualTo(404);
        assertThat(echo.header("Content-Type")).startsWith("application/json");
        var json = echo.json();
        assertThat(json.path("message").asText()).isEqualTo("Not found");
        var request = json.path("request");
        assertThat(request.path("host").asText()).isEqualTo("term-echo.test");
        assertThat(request.path("method").asText()).isEqualTo("GET");
        assertThat(request.path("path").asText()).isEqualTo("/status/200");
        assertThat(request.path("port").asInt()).isEqualTo(node.proxyPort);
        assertThat(request.path("scheme").asText()).isEqualTo("http");
        assertThat(request.path("query").path("hello").asText()).isEqualTo("there");
        assertThat(request.path("raw_body").asText()).isEmpty();
        assertThat(request.path("headers").path("host").asText()).isEqualTo("term-echo.test");
        assertThat(request.path("headers").path("x-two").toString()).isEqualTo("[\"a\",\"b\"]");
        assertThat(json.path("matched_route").path("hosts").get(0).asText()).isEqualTo("term-echo.test");
        assertThat(json.path("matched_route").path("name").asText()).isEqualTo("term-echo.test");
        assertThat(json.path("matched_route").has("created_at")).isTrue();
        assertThat(json.path("matched_service").path("name").asText()).isEqualTo("echo");
        assertThat(json.path("matched_service").path("port").asInt())
                .isEqualTo(upstream.getAddress().getPort());
        assertThat(json.path("matched_route").path("service").path("id").asText())
                .isEqualTo(json.path("matched_service").path("id").asText());
        assertThat(json.path("kong").path("worker_pid").asLong()).isPositive();
        JsonNode root = Http.get(node.admin() + "/").json(); // Kong's kong.node.get_id() / get_hostname()
        assertThat(json.path("kong").path("node_id").asText())
                .isEqualTo(root.path("node_id").asText());
        assertThat(json.path("kong").path("hostname").asText())
                .isNotEmpty()
                .isEqualTo(root.path("hostname").asText());

        RawHttp.Response withBody = request("GET", "term-echo.test", "/status/200?hello=there")
                .body("cool body")
                .send(node.proxyPort);
        assertThat(withBody.json().path("request").path("raw_body").asText()).isEqualTo("cool body");
        assertThat(withBody.json()
                        .path("request")
                        .path("headers")
                        .path("content-length")
                        .asText())
                .isEqualTo("9");
        assertThat(withBody.json().path("request").has("body"))
                .as("text/plain is not parsed")
                .isFalse();
        RawHttp.Response jsonBody = request("POST", "term-echo.test", "/")
                .header("Content-Type", "application/json")
                .body("{\"a\":[1,\"x\"]}")
                .send(node.proxyPort);
        assertThat(jsonBody.json().path("request").path("body").toString()).isEqualTo("{\"a\":[1,\"x\"]}");
        RawHttp.Response formBody = request("POST", "term-echo.test", "/")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .body("a=1&b=two+words")
                .chunked()
                .send(node.proxyPort);
        assertThat(formBody.json().path("request").path("body").path("b").asText())
                .isEqualTo("two words");
        assertThat(formBody.json().path("request").path("raw_body").asText()).isEqualTo("a=1&b=two+words");

        assertThat(send("GET", "term-trigger.test", "/status/200").status())
                .as("no trigger: proxied")
                .isEqualTo(200);
        RawHttp.Response byHeader =
                send("GET", "term-trigger.test", "/status/200", "Gimme-An-Echo", "anything will do");
        assertThat(byHeader.status()).isEqualTo(404);
        assertThat(byHeader.json()
                        .path("request")
                        .path("headers")
                        .path("gimme-an-echo")
                        .asText())
                .isEqualTo("anything will do");
        RawHttp.Response byQuery =
                send("GET", "term-trigger.test", "/status/200?hello=there&gimme-an-echo=anything%20will%20do");
        assertThat(byQuery.status()).isEqualTo(404);
        assertThat(byQuery.json()
                        .path("request")
                        .path("query")
                        .path("gimme-an-echo")
                        .asText())
                .isEqualTo("anything will do");

        assertThat(send("GET", "term-plain.test", "/").status()).isEqualTo(200);
        RawHttp.Response teapot = send("GET", "term-plain.test", "/", "Stop", "1");
        assertThat(teapot.status()).isEqualTo(418);
        assertThat(teapot.body()).as("no default message for 418: no body").isEmpty();
        RawHttp.Response unavailable = send("GET", "term-message.test", "/");
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.json().path("message").asText()).isEqualTo("Service unavailable");
    }
}
