package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.post;
import static io.tollgate.bootstrap.e2e.Http.sendAs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The plugins that read and rewrite the request body, on a real node with a real upstream that echoes what it got:
 * request-transformer (headers, query, form and JSON bodies, URI templates, {@code http_method}),
 * response-transformer (headers, JSON body), key-auth credentials' {@code ttl} and key-auth's
 * {@code key_in_body} (form, JSON and multipart bodies), request-termination's multipart echo; bodies sent with a length, chunked, and behind {@code Expect: 100-continue}. Expectations
 * ported from Kong's {@code spec/03-plugins/36-request-transformer} and {@code 09-key-auth} specs.
 */
class BodyPluginsNodeIT {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";

    @RegisterExtension
    static final EchoNode node = EchoNode.withEchoService("body", Map.of());

    @BeforeAll
    static void start() throws Exception {
        String admin = node.admin();
        route("rt-headers", "[\"/rt-headers\"]", """
                {"name":"request-transformer","config":{
                  "remove":{"headers":["x-drop"],"querystring":["drop"]},
                  "rename":{"headers":["x-old:x-new"],"querystring":["old:new"]},
                  "replace":{"headers":["x-rep:replaced","x-absent:never"],"querystring":["rep:replaced"]},
                  "add":{"headers":["x-added:$(headers[\\"x-src\\"])","x-rep:not-added"],
                         "querystring":["q:$(query_params.from)"]},
                  "append":{"headers":["x-app:two"],"querystring":["list:b"]}}}""");
        route("rt-body", "[\"/rt-body\"]", """
                {"name":"request-transformer","config":{
                  "remove":{"body":["secret"]},
                  "rename":{"body":["a:b"]},
                  "replace":{"body":["r:new"]},
                  "add":{"body":["added:yes","r:not-added"]},
                  "append":{"body":["list:two"]}}}""");
        route("rt-multipart", "[\"/rt-multipart\"]", """
                {"name":"request-transformer","config":{
                  "remove":{"body":["secret"]},
                  "rename":{"body":["a:b"]},
                  "replace":{"body":["r:new"]},
                  "add":{"body":["added:yes","r:not-added"]}}}""");
        route("rt-echo", "[\"/rt-echo\"]", """
                {"name":"request-termination","config":{"echo":true,"status_code":200}}""");
        route("rt-uri", "[\"~/rt-uri/(?P<item_id>\\\\d+)$\"]", """
                {"name":"request-transformer","config":{"replace":{"uri":"/items/$(uri_captures.item_id)/$(headers.x_kind or 'none')"}}}""");
        route("rt-method", "[\"/rt-method\"]", """
                {"name":"request-transformer","config":{"http_method":"GET"}}""");
        route("rt-bad-template", "[\"/rt-bad-template\"]", """
                {"name":"request-transformer","config":{"add":{"headers":["x-t:$(os.getenv('HOME'))"]}}}""");
        route("rt-response", "[\"/rt-response\"]", """
                {"name":"response-transformer","config":{
                  "remove":{"json":["headers"]},
                  "rename":{"json":["path:route_path"]},
                  "replace":{"json":["method:PATCHED"]},
                  "add":{"headers":["x-added:yes"],"json":["count:3","flag:true"],"json_types":["number","boolean"]},
                  "append":{"headers":["x-added:more"],"json":["list:a"]}}}""");
        route("ka-body", "[\"/ka-body\"]", """
                {"name":"key-auth","config":{"key_in_body":true,"hide_credentials":true}}""");
        created(post(admin + "/consumers", "{\"username\":\"bob\"}"));
        created(post(admin + "/consumers/bob/key-auth", "{\"key\":\"bob-key\"}"));
        Http.await(node.proxy() + "/ka-body", Http.status(401), Duration.ofSeconds(30));
    }

    private static void route(String name, String paths, String plugin) {
        created(post(node.admin() + "/services/echo/routes", "{\"name\":\"" + name + "\",\"paths\":" + paths + "}"));
        created(post(node.admin() + "/routes/" + name + "/plugins", plugin));
    }

    private static void created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private static JsonNode echo(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void headers_and_query_are_removed_renamed_replaced_added_and_appended_in_kongs_order() {
        JsonNode echo = echo(Http.get(
                node.proxy() + "/rt-headers?drop=1&old=o&rep=r&from=src&list=a&keep=k",
                "x-drop",
                "gone",
                "x-old",
                "moved",
                "x-rep",
                "original",
                "x-src",
                "templated",
                "x-app",
                "one"));
        JsonNode headers = echo.path("headers");
        assertThat(headers.has("x-drop")).isFalse();
        assertThat(headers.has("x-old")).isFalse();
        assertThat(headers.path("x-new").asText()).isEqualTo("moved");
        assertThat(headers.path("x-rep").asText()).isEqualTo("replaced");
        assertThat(headers.has("x-absent"))
                .as("replace only touches present headers")
                .isFalse();
        assertThat(headers.path("x-added").asText()).isEqualTo("templated");
        assertThat(headers.path("x-app").asText()).isEqualTo("one,two");
        assertThat(echo.path("query").asText()).isEqualTo("from=src&keep=k&list=a&list=b&new=o&q=src&rep=replaced");
    }

    @Test
    void a_form_body_is_rewritten_and_its_content_length_follows() {
        JsonNode echo = echo(sendAs("POST", node.proxy() + "/rt-body", FORM, "secret=s&a=1&r=old&list=one"));
        assertThat(echo.path("body").asText()).isEqualTo("r=new&list=one&list=two&b=1&added=yes");
        assertThat(echo.path("headers").path("content-length").asText())
                .isEqualTo(String.valueOf(echo.path("body").asText().length()));
    }

    @Test
    void a_json_body_is_rewritten_and_an_empty_one_still_gets_added_fields() throws Exception {
        JsonNode body = Http.JSON.readTree(
                echo(sendAs("POST", node.proxy() + "/rt-body", JSON, "{\"secret\":1,\"a\":[1,2],\"r\":\"x\",\"n\":3}"))
                        .path("body")
                        .asText());
        assertThat(body.toString())
                .isEqualTo("{\"r\":\"new\",\"n\":3,\"b\":[1,2],\"added\":\"yes\",\"list\":[\"two\"]}");

        JsonNode empty = Http.JSON.readTree(echo(sendAs("POST", node.proxy() + "/rt-body", JSON, ""))
                .path("body")
                .asText());
        assertThat(empty.path("added").asText()).isEqualTo("yes");

        Http.Response invalid = sendAs("POST", node.proxy() + "/rt-body", JSON, "{not json");
        assertThat(echo(invalid).path("body").asText()).as("left as sent").isEqualTo("{not json");
    }

    @Test
    void a_chunked_body_and_one_behind_expect_100_continue_are_read_and_forwarded() throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] form = "secret=s&a=chunked".getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(node.proxy() + "/rt-body"))
                .header("Content-Type", FORM)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form)))
                .build();
        HttpResponse<String> response = client.send(chunked, HttpResponse.BodyHandlers.ofString());
        JsonNode echo = Http.JSON.readTree(response.body());
        assertThat(echo.path("body").asText()).isEqualTo("b=chunked&added=yes&r=not-added&list=two");
        assertThat(echo.path("headers").has("transfer-encoding")).isFalse();

        HttpRequest expecting = HttpRequest.newBuilder(URI.create(node.proxy() + "/rt-body"))
                .header("Content-Type", FORM)
                .expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString("a=continued"))
                .build();
        HttpResponse<String> continued = client.send(expecting, HttpResponse.BodyHandlers.ofString());
        assertThat(continued.statusCode()).as(continued.body()).isEqualTo(200);
        assertThat(Http.JSON.readTree(continued.body()).path("body").asText())
                .isEqualTo("b=continued&added=yes&r=not-added&list=two");
    }

    @Test
    void the_uri_is_replaced_from_a_template_of_captures_and_headers() { // a PCRE (?P<name>) group with _ too
        assertThat(echo(Http.get(node.proxy() + "/rt-uri/42")).path("path").asText())
                .isEqualTo("/items/42/none");
        assertThat(echo(Http.get(node.proxy() + "/rt-uri/7", "x_kind", "book"))
                        .path("path")
                        .asText())
                .isEqualTo("/items/7/book");
    }

    @Test
    void http_method_get_moves_a_form_body_into_the_query() {
        JsonNode echo = echo(sendAs("POST", node.proxy() + "/rt-method?x=1", FORM, "y=2&x=3"));
        assertThat(echo.path("method").asText()).isEqualTo("GET");
        assertThat(echo.path("query").asText()).isEqualTo("x=1&x=3&y=2");
    }

    @Test
    void a_template_tollgate_cannot_evaluate_is_kongs_500_and_a_value_without_colon_is_refused() {
        Http.Response failed = Http.get(node.proxy() + "/rt-bad-template");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.body()).contains("An unexpected error occurred");

        Http.Response refused = post(
                node.admin() + "/plugins",
                "{\"name\":\"request-transformer\",\"config\":{\"add\":{\"headers\":[\"novalue\"]}}}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json()
                        .path("fields")
                        .path("config")
                        .path("add")
                        .path("headers")
                        .toString())
                .contains("key 'novalue' has no value");
    }

    /** Kong 3.x's schema takes {@code name:} (its {@code ^[^:]+:.*$}); such an entry replaces, adds, appends nothing. */
    @Test
    void response_transformer_entries_with_an_empty_value_are_accepted_and_change_nothing() {
        route("rt-empty-values", "[\"/rt-empty-values\"]", """
                {"name":"response-transformer","config":{
                  "replace":{"headers":["content-type:"]},
                  "add":{"headers":["x-empty-add:"]},
                  "append":{"headers":["x-empty-append:"]}}}""");
        Http.Response response = Http.get(node.proxy() + "/rt-empty-values");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("x-empty-add")).isNull();
        assertThat(response.header("x-empty-append")).isNull();
        assertThat(response.header("content-type")).isNotEmpty();
    }

    @Test
    void response_transformer_rewrites_the_headers_and_the_json_body() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(node.proxy() + "/rt-response"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("x-added")).containsExactly("yes", "more"); // two lines, as Kong
        JsonNode body = Http.JSON.readTree(response.body());
        assertThat(body.has("headers")).isFalse();
        assertThat(body.has("path")).isFalse();
        assertThat(body.path("route_path").asText()).as("strip_path").isEqualTo("/");
        assertThat(body.path("method").asText()).isEqualTo("PATCHED");
        assertThat(body.path("count").isNumber()).isTrue();
        assertThat(body.path("count").asInt()).isEqualTo(3);
        assertThat(body.path("flag").isBoolean()).isTrue();
        assertThat(body.path("list").toString()).isEqualTo("[\"a\"]");
        assertThat(response.headers().firstValue("content-length"))
                .as("dropped for the rewritten body, or recomputed")
                .satisfiesAnyOf(
                        v -> assertThat(v).isEmpty(),
                        v -> assertThat(v)
                                .contains(String.valueOf(response.body().length())));
    }

    /** A {@code multipart/form-data} body with boundary {@code b0undary} of name/value pairs. */
    private static String multipart(String... parts) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i += 2) {
            out.append("--b0undary\r\nContent-Disposition: form-data; name=\"")
                    .append(parts[i])
                    .append(parts[i].equals("upload") ? "\"; filename=\"a.txt\"\r\nContent-Type: text/plain" : "\"")
                    .append("\r\n\r\n")
                    .append(parts[i + 1])
                    .append("\r\n");
        }
        return out.append("--b0undary--\r\n").toString();
    }

    private static final String MULTIPART = "multipart/form-data; boundary=b0undary";

    @Test
    void a_multipart_body_is_rewritten_keeping_its_file_part_and_its_content_length_follows() {
        String sent = multipart("secret", "s", "a", "1", "upload", "file\r\ntext", "r", "old", "keep", "k");
        JsonNode echo = echo(sendAs("POST", node.proxy() + "/rt-multipart", MULTIPART, sent));
        String upstreamBody = echo.path("body").asText();
        assertThat(upstreamBody)
                .isEqualTo(multipart("upload", "file\r\ntext", "keep", "k", "b", "1", "r", "new", "added", "yes"));
        assertThat(echo.path("headers").path("content-length").asText())
                .isEqualTo(String.valueOf(upstreamBody.getBytes(StandardCharsets.UTF_8).length));
        assertThat(echo.path("headers").path("content-type").asText()).isEqualTo(MULTIPART);
    }

    @Test
    void request_termination_echoes_a_multipart_body_by_field_name() {
        String sent = multipart("a", "1", "k", "x", "upload", "file text", "k", "y");
        JsonNode request =
                echo(sendAs("POST", node.proxy() + "/rt-echo", MULTIPART, sent)).path("request");
        assertThat(request.path("body").toString())
                .isEqualTo("{\"a\":\"1\",\"k\":[\"x\",\"y\"],\"upload\":\"file text\"}");
        assertThat(request.path("raw_body").asText()).isEqualTo(sent);
    }

    @Test
    void key_auth_reads_the_key_from_a_multipart_field_and_hides_it() {
        JsonNode echo = echo(sendAs(
                "POST",
                node.proxy() + "/ka-body",
                MULTIPART,
                multipart("other", "1", "apikey", "bob-key", "upload", "f")));
        assertThat(echo.path("headers").path("x-consumer-username").asText()).isEqualTo("bob");
        String upstreamBody = echo.path("body").asText();
        assertThat(upstreamBody).isEqualTo(multipart("other", "1", "upload", "f"));
        assertThat(echo.path("headers").path("content-length").asText())
                .isEqualTo(String.valueOf(upstreamBody.length()));

        Http.Response duplicate =
                sendAs("POST", node.proxy() + "/ka-body", MULTIPART, multipart("apikey", "bob-key", "apikey", "x"));
        assertThat(duplicate.status()).isEqualTo(401);
        assertThat(duplicate.json().path("message").asText()).isEqualTo("Duplicate API key found");
    }

    @Test
    void key_auth_reads_the_key_from_a_form_or_json_body_and_hides_it() throws Exception {
        JsonNode form = echo(sendAs("POST", node.proxy() + "/ka-body", FORM, "apikey=bob-key&other=1"));
        assertThat(form.path("body").asText()).isEqualTo("other=1");
        assertThat(form.path("headers").path("x-consumer-username").asText()).isEqualTo("bob");

        JsonNode json = echo(sendAs("POST", node.proxy() + "/ka-body", JSON, "{\"apikey\":\"bob-key\",\"n\":1}"));
        assertThat(Http.JSON.readTree(json.path("body").asText()).toString()).isEqualTo("{\"n\":1}");

        Http.Response missing = sendAs("POST", node.proxy() + "/ka-body", FORM, "other=1");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().path("message").asText()).isEqualTo("No API key found in request");

        Http.Response wrong = sendAs("POST", node.proxy() + "/ka-body", FORM, "apikey=nope");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("message").asText()).isEqualTo("Unauthorized");

        Http.Response unreadable = sendAs("POST", node.proxy() + "/ka-body", JSON, "[1,2]");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.json().path("message").asText()).isEqualTo("Cannot process request body");

        JsonNode header = echo(Http.get(node.proxy() + "/ka-body", "apikey", "bob-key"));
        assertThat(header.path("headers").has("apikey")).isFalse();
    }

    @Test
    void a_key_with_a_ttl_stops_authenticating_when_it_runs_out() {
        Http.Response created = post(node.admin() + "/consumers/bob/key-auth", "{\"key\":\"short-lived\",\"ttl\":3}");
        created(created);
        assertThat(created.json().path("ttl").asInt()).isEqualTo(3);
        assertThat(Http.get(node.proxy() + "/ka-body", "apikey", "short-lived").status())
                .isEqualTo(200);
        Http.await(node.proxy() + "/ka-body", Http.status(401), Duration.ofSeconds(10), "apikey", "short-lived");

        Http.Response negative = post(node.admin() + "/consumers/bob/key-auth", "{\"ttl\":-1}");
        assertThat(negative.status()).as(negative.body()).isEqualTo(400);
        assertThat(negative.json().path("fields").has("ttl")).isTrue();
    }
}
