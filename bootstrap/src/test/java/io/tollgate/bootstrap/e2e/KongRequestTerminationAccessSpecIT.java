package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/14-request-termination/02-access_spec.lua} (its revision with the {@code echo}
 * describe) and the Admin API side of {@code 01-schema_spec.lua}: the request-termination plugin on the proxy path of
 * one real node proxying to {@link KongMockUpstream}, and its config validated by {@code POST /plugins}.
 *
 * <p>Access spec: 13 of its 14 cases are ported; the {@code #grpc} case (a gRPC client against grpcbin) has no
 * counterpart. The indexed revision names the trigger {@code echo_trigger}; Kong 3.x names it {@code trigger}, as
 * Tollgate does, so the echo cases configure {@code trigger}. The Server header case expects Tollgate's product token
 * ({@code tollgate/<version>}) where Kong sends {@code kong/<version>}, a deliberate difference.
 *
 * <p>Schema spec: 13 of its 14 cases are ported, each as {@code POST /plugins} of a route-scoped instance (201 where
 * Kong's validation passes, else Kong's 400 body); {@code echo_trigger} is again Kong 3.x's {@code trigger}. The
 * "echo_trigger without echo" case has no counterpart: Kong 3.x dropped that rule ({@code trigger} works without
 * {@code echo}).
 */
class KongRequestTerminationAccessSpecIT {

    private static final String ACCESS = "02-access_spec";
    private static final String SCHEMA = "01-schema_spec";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;
    static KongMockUpstream mock;
    static String service;
    static String version;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("kong-request-termination", dir, Map.of());
        client = new KongSpecClient(node.admin());
        version = Http.get(node.admin() + "/").json().path("version").asText();
        service = id(client.create("/services", body("name", "mock", "url", mock.url())));

        terminate("api1.request-termination.com", service, body());
        terminate("api2.request-termination.com", service, body("status_code", 404));
        terminate("api3.request-termination.com", service, body("status_code", 406, "message", "Invalid"));
        terminate(
                "api4.request-termination.com",
                service,
                body("body", "<html><body><h1>Service is down for maintenance</h1></body></html>"));
        terminate(
                "api5.request-termination.com",
                service,
                body(
                        "status_code",
                        451,
                        "content_type",
                        "text/html",
                        "body",
                        "<html><body><h1>Service is down due to content infringement</h1></body></html>"));
        terminate(
                "api6.request-termination.com",
                service,
                body("status_code", 503, "body", "{\"code\": 1, \"message\": \"Service unavailable\"}"));
        terminate("api7.request-termination.com", null, body());
        terminate("api8.request-termination.com", service, body("status_code", 204));
        terminate("api9.request-termination.com", service, body("echo", true, "status_code", 404));
        terminate(
                "api10.request-termination.com",
                service,
                body("echo", true, "trigger", "gimme-an-echo", "status_code", 404));
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

    /** A route on {@code host} (to the service, or serviceless when {@code null}); returns its id. */
    private static String route(String host, @Nullable String serviceId) {
        Map<String, Object> route = body("hosts", List.of(host));
        if (serviceId != null) {
            route.put("service", Map.of("id", serviceId));
        }
        return id(client.create("/routes", route));
    }

    private static void terminate(String host, @Nullable String serviceId, Map<String, Object> config) {
        client.create(
                "/plugins",
                body("name", "request-termination", "route", Map.of("id", route(host, serviceId)), "config", config));
    }

    private static RawHttp.Response get(String host, String target) throws IOException {
        return RawHttp.request("GET", host, target).send(node.proxyPort);
    }

    /** Kong's {@code {"message": …}} body (Kong 3.x may add {@code request_id} beside it). */
    private static void message(RawHttp.Response response, int status, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode json = response.json();
        assertThat(json.path("message").asText()).isEqualTo(message);
        json.fieldNames().forEachRemaining(name -> assertThat(name).isIn("message", "request_id"));
    }

    // ------------------------------------------------------------------------ status code and message

    /** 02-access_spec: "status code and message default status code and message". */
    @Test
    void default_status_code_and_message() throws IOException {
        message(get("api1.request-termination.com", "/status/200"), 503, "Service unavailable");
    }

    /** 02-access_spec: "status code and message default status code and message with serviceless route". */
    @Test
    void default_status_code_and_message_with_serviceless_route() throws IOException {
        message(get("api7.request-termination.com", "/status/200"), 503, "Service unavailable");
    }

    /** 02-access_spec: "status code and message status code with default message". */
    @Test
    void status_code_with_default_message() throws IOException {
        message(get("api2.request-termination.com", "/status/200"), 404, "Not found");
    }

    /** 02-access_spec: "status code and message status code with custom message". */
    @Test
    void status_code_with_custom_message() throws IOException {
        message(get("api3.request-termination.com", "/status/200"), 406, "Invalid");
    }

    /** 02-access_spec: "status code and message returns 204 without content length header". */
    @Test
    void returns_204_without_content_length_header() throws IOException {
        RawHttp.Response response = get("api8.request-termination.com", "/status/204");
        assertThat(response.status()).isEqualTo(204);
        assertThat(response.header("Content-Length")).isNull();
    }

    // ------------------------------------------------------------------------ status code and body

    /** 02-access_spec: "status code and body default status code and body". */
    @Test
    void default_status_code_and_body() throws IOException {
        RawHttp.Response response = get("api4.request-termination.com", "/status/200");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("<html><body><h1>Service is down for maintenance</h1></body></html>");
    }

    /** 02-access_spec: "status code and body status code with default message" (451, a text/html body). */
    @Test
    void body_status_code_with_default_message() throws IOException {
        RawHttp.Response response = get("api5.request-termination.com", "/status/200");
        assertThat(response.status()).isEqualTo(451);
        assertThat(response.body())
                .isEqualTo("<html><body><h1>Service is down due to content infringement</h1></body></html>");
        assertThat(response.header("Content-Type")).isEqualTo("text/html");
    }

    /** 02-access_spec: "status code and body status code with custom message" (a JSON body). */
    @Test
    void body_status_code_with_custom_message() throws IOException {
        RawHttp.Response response = get("api6.request-termination.com", "/status/200");
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json()).isEqualTo(KongSpecClient.json("{\"code\":1,\"message\":\"Service unavailable\"}"));
    }

    /** 02-access_spec: "returns server tokens with Server header" (Tollgate's token: {@code tollgate/<version>}). */
    @Test
    void returns_server_tokens_with_server_header() throws IOException {
        assertThat(get("api1.request-termination.com", "/status/200").header("Server"))
                .isEqualTo("tollgate/" + version);
    }

    // ------------------------------------------------------------------------ echo & trigger

    /**
     * The echo's {@code request}, after asserting the status, the matched route's host and dropping the client's
     * {@code Connection: close} (Kong's spec drops its client's {@code User-Agent} the same way).
     */
    private static JsonNode echoed(RawHttp.Response response, String host) {
        assertThat(response.status()).as(response.body()).isEqualTo(404);
        JsonNode json = response.json();
        assertThat(json.path("matched_route").path("hosts").path(0).asText()).isEqualTo(host);
        ObjectNode request = (ObjectNode) json.get("request");
        ((ObjectNode) request.get("headers")).remove("connection");
        return request;
    }

    private static JsonNode expectedRequest(String host, Map<String, Object> headers, Map<String, Object> query) {
        Map<String, Object> allHeaders = body("content-length", "9", "host", host);
        allHeaders.putAll(headers);
        return KongSpecClient.json(KongSpecClient.encode(
                KongSpecClient.ContentType.JSON,
                body(
                        "headers",
                        allHeaders,
                        "host",
                        host,
                        "method",
                        "GET",
                        "path",
                        "/status/200",
                        "port",
                        node.proxyPort,
                        "query",
                        query,
                        "raw_body",
                        "cool body",
                        "scheme",
                        "http")));
    }

    /** 02-access_spec: "echo &amp; echo_trigger echos a request if no echo_trigger is set". */
    @Test
    void echos_a_request_if_no_echo_trigger_is_set() throws IOException {
        String host = "api9.request-termination.com";
        RawHttp.Response response = RawHttp.request("GET", host, "/status/200?hello=there")
                .body("cool body")
                .send(node.proxyPort);
        assertThat(echoed(response, host)).isEqualTo(expectedRequest(host, Map.of(), Map.of("hello", "there")));
    }

    /** 02-access_spec: "echo &amp; echo_trigger doesn't echo a request if the trigger is set but not specified". */
    @Test
    void doesnt_echo_a_request_if_the_trigger_is_set_but_not_specified() throws IOException {
        assertThat(get("api10.request-termination.com", "/status/200").status()).isEqualTo(200);
    }

    /** 02-access_spec: "echo &amp; echo_trigger echos a request if the trigger is specified as a header". */
    @Test
    void echos_a_request_if_the_trigger_is_specified_as_a_header() throws IOException {
        String host = "api10.request-termination.com";
        RawHttp.Response response = RawHttp.request("GET", host, "/status/200?hello=there")
                .header("Gimme-An-Echo", "anything will do")
                .body("cool body")
                .send(node.proxyPort);
        assertThat(echoed(response, host))
                .isEqualTo(
                        expectedRequest(host, Map.of("gimme-an-echo", "anything will do"), Map.of("hello", "there")));
    }

    /** 02-access_spec: "echo &amp; echo_trigger echos a request if the trigger is specified as a query parameter". */
    @Test
    void echos_a_request_if_the_trigger_is_specified_as_a_query_parameter() throws IOException {
        String host = "api10.request-termination.com";
        RawHttp.Response response = RawHttp.request(
                        "GET", host, "/status/200?hello=there&gimme-an-echo=anything%20will%20do")
                .body("cool body")
                .send(node.proxyPort);
        assertThat(echoed(response, host))
                .isEqualTo(
                        expectedRequest(host, Map.of(), body("hello", "there", "gimme-an-echo", "anything will do")));
    }

    // ------------------------------------------------------------------------ 01-schema_spec (Admin API)

    /** {@code POST /plugins} of a request-termination instance with {@code config} on a route of its own. */
    private static Http.Response post(Map<String, Object> config) {
        String route = route(KongSpecClient.unique("schema") + ".request-termination.com", null);
        return client.send(
                "POST",
                "/plugins",
                KongSpecClient.ContentType.JSON,
                body("name", "request-termination", "route", Map.of("id", route), "config", config));
    }

    private static JsonNode accepted(Map<String, Object> config) {
        Http.Response response = post(config);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("config");
    }

    /** Kong's 400 for a config error: {@code fields.config} is {@code error} (a message or an object). */
    private static void refused(Map<String, Object> config, Object error, String message) {
        Http.Response response = post(config);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json())
                .isEqualTo(KongSpecClient.json(KongSpecClient.encode(
                        KongSpecClient.ContentType.JSON,
                        body(
                                "code",
                                2,
                                "name",
                                "schema violation",
                                "message",
                                "schema violation (" + message + ")",
                                "fields",
                                body("config", error)))));
    }

    /** 01-schema_spec: "should accept a valid status_code". */
    @Test
    void schema_should_accept_a_valid_status_code() {
        assertThat(accepted(body("status_code", 404)).path("status_code").asInt())
                .isEqualTo(404);
    }

    /** 01-schema_spec: "should accept a valid message". */
    @Test
    void schema_should_accept_a_valid_message() {
        assertThat(accepted(body("message", "Not found")).path("message").asText())
                .isEqualTo("Not found");
    }

    /** 01-schema_spec: "should accept a valid content_type". */
    @Test
    void schema_should_accept_a_valid_content_type() {
        JsonNode config = accepted(body("content_type", "text/html", "body", "<body><h1>Not found</h1>"));
        assertThat(config.path("content_type").asText()).isEqualTo("text/html");
        assertThat(config.path("body").asText()).isEqualTo("<body><h1>Not found</h1>");
    }

    /** 01-schema_spec: "should accept a valid body". */
    @Test
    void schema_should_accept_a_valid_body() {
        assertThat(accepted(body("body", "<body><h1>Not found</h1>"))
                        .path("body")
                        .asText())
                .isEqualTo("<body><h1>Not found</h1>");
    }

    /** 01-schema_spec: "should accept echo_trigger" (Kong 3.x's {@code trigger}). */
    @Test
    void schema_should_accept_echo_trigger() {
        JsonNode config = accepted(body("echo", true, "trigger", "header_name"));
        assertThat(config.path("echo").asBoolean()).isTrue();
        assertThat(config.path("trigger").asText()).isEqualTo("header_name");
    }

    /** 01-schema_spec: "errors status_code should only accept numbers". */
    @Test
    void schema_status_code_should_only_accept_numbers() {
        refused(
                body("status_code", "abcd"),
                body("status_code", "expected an integer"),
                "config.status_code: expected an integer");
    }

    /** 01-schema_spec: "errors status_code &lt; 100". */
    @Test
    void schema_status_code_below_100() {
        refused(
                body("status_code", 99),
                body("status_code", "value should be between 100 and 599"),
                "config.status_code: value should be between 100 and 599");
    }

    /** 01-schema_spec: "errors status_code &gt; 599". */
    @Test
    void schema_status_code_above_599() {
        refused(
                body("status_code", 600),
                body("status_code", "value should be between 100 and 599"),
                "config.status_code: value should be between 100 and 599");
    }

    private static final String MESSAGE_WITH_BODY = "message cannot be used with content_type or body";

    /** 01-schema_spec: "errors #message with body". */
    @Test
    void schema_message_with_body() {
        refused(body("message", "error", "body", "test"), MESSAGE_WITH_BODY, "config: " + MESSAGE_WITH_BODY);
    }

    /** 01-schema_spec: "errors message with body and content_type". */
    @Test
    void schema_message_with_body_and_content_type() {
        refused(
                body("message", "error", "content_type", "text/html", "body", "test"),
                MESSAGE_WITH_BODY,
                "config: " + MESSAGE_WITH_BODY);
    }

    /** 01-schema_spec: "errors message with content_type". */
    @Test
    void schema_message_with_content_type() {
        refused(
                body("message", "error", "content_type", "text/html"),
                MESSAGE_WITH_BODY,
                "config: " + MESSAGE_WITH_BODY);
    }

    /** 01-schema_spec: "errors content_type without body". */
    @Test
    void schema_content_type_without_body() {
        refused(
                body("content_type", "text/html"),
                "content_type requires a body",
                "config: content_type requires a body");
    }

    /** 01-schema_spec: "errors echo with body &amp; content_type". */
    @Test
    void schema_echo_with_body_and_content_type() {
        refused(
                body("echo", true, "content_type", "text/html", "body", "<body><h1>Not found</h1>"),
                "echo cannot be used with content_type and body",
                "config: echo cannot be used with content_type and body");
    }
}
