package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Cases of Kong's own Admin API specs ({@code spec/02-integration/04-admin_api/*}), ported one test per Kong case and
 * named after it (the spec file in each Javadoc). Raw requests go over a socket so that the URL reaches the server
 * byte for byte, as Kong's test client sends it (raw UTF-8 in the request target included).
 */
class KongAdminSpecIT extends AdminApiITSupport {

    private static final String NOT_FOUND = "{\"message\":\"Not found\"}";

    /** One raw HTTP/1.1 exchange: status, headers (lower-case names) and body. */
    record Raw(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            return AdminApiITSupport.json(body);
        }
    }

    static Raw raw(String method, String target) {
        int port = server.adminAddresses().get(0).getPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] head = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(
                        head[i].substring(0, colon).toLowerCase(Locale.ROOT),
                        head[i].substring(colon + 1).trim());
            }
            String body = text.substring(end + 4);
            if ("chunked".equals(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new Raw(Integer.parseInt(head[0].split(" ")[1]), headers, body);
        } catch (IOException e) {
            throw new AssertionError(method + " " + target, e);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        byte[] bytes = chunked.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", i);
            int size = Integer.parseInt(new String(bytes, i, lineEnd - i, StandardCharsets.US_ASCII).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(new String(bytes, lineEnd + 2, size, StandardCharsets.UTF_8));
            i = lineEnd + 2 + size + 2;
        }
    }

    private static void assertRaw(Raw reply, int status, String body) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json()).isEqualTo(json(body));
    }

    // ------------------------------------------------------------- 10-services_routes_spec.lua

    /** 10-services_routes_spec: "retrieves by utf-8 name and percent-escaped utf-8 name". */
    @Test
    void services_retrieves_by_utf8_name_and_percent_escaped_utf8_name() {
        JsonNode service = created(admin.json("POST", "/services", "{\"name\":\"円\",\"host\":\"yen.test\"}"));
        AdminClient.Reply escaped = admin.get("/services/%E5%86%86");
        assertThat(escaped.status()).as(escaped.body()).isEqualTo(200);
        assertThat(escaped.json()).isEqualTo(service);
        Raw unescaped = raw("GET", "/services/円");
        assertThat(unescaped.status()).as(unescaped.body()).isEqualTo(200);
        assertThat(unescaped.json()).isEqualTo(service);
    }

    /**
     * A raw control character in the request target (path or query string, below 0x20 or DEL) is refused with 400, as
     * nginx refuses such a request line in front of Kong's Admin API; its percent-escape is data like any other escape
     * (a name that is not found, an argument that is ignored).
     */
    @Test
    void a_raw_control_character_in_the_request_target_is_refused_and_its_percent_escape_is_data() {
        JsonNode consumer = created(admin.json("POST", "/consumers", "{\"username\":\"a\\u0001b\"}"));
        for (String rawTarget : new String[] {"/services?a\rb", "/consumers/a\u0001b", "/services/\u007f", "/s\tx"}) {
            assertRaw(raw("GET", rawTarget), 400, "{\"message\":\"Bad request\"}");
        }
        assertThat(raw("GET", "/services?a%0Db").status()).isEqualTo(200);
        assertRaw(raw("GET", "/services/%7F"), 404, NOT_FOUND);
        Raw escaped = raw("GET", "/consumers/a%01b");
        assertThat(escaped.status()).as(escaped.body()).isEqualTo(200);
        assertThat(escaped.json()).isEqualTo(consumer);
    }

    // ------------------------------------------------------------- 03-consumers_routes_spec.lua

    /** 03-consumers_routes_spec: "retrieves by utf-8 username and percent-escaped utf-8 username". */
    @Test
    void consumers_retrieves_by_utf8_username_and_percent_escaped_utf8_username() {
        JsonNode consumer = created(admin.json("POST", "/consumers", "{\"username\":\"Ñandú 円\"}"));
        AdminClient.Reply escaped = admin.get("/consumers/%C3%91and%C3%BA%20%E5%86%86");
        assertThat(escaped.status()).as(escaped.body()).isEqualTo(200);
        assertThat(escaped.json()).isEqualTo(consumer);
        Raw unescaped = raw("GET", "/consumers/Ñandú%20円");
        assertThat(unescaped.status()).as(unescaped.body()).isEqualTo(200);
        assertThat(unescaped.json()).isEqualTo(consumer);
    }

    // ------------------------------------------------------------- 04-plugins_routes_spec.lua

    /** 04-plugins_routes_spec: "retrieves by utf-8 name and percent-escaped utf-8 name" (the instance_name). */
    @Test
    void plugins_retrieves_by_utf8_name_and_percent_escaped_utf8_name() {
        JsonNode plugin = created(admin.json("POST", "/plugins", "{\"name\":\"key-auth\",\"instance_name\":\"円\"}"));
        AdminClient.Reply escaped = admin.get("/plugins/%E5%86%86");
        assertThat(escaped.status()).as(escaped.body()).isEqualTo(200);
        assertThat(escaped.json()).isEqualTo(plugin);
        Raw unescaped = raw("GET", "/plugins/円");
        assertThat(unescaped.status()).as(unescaped.body()).isEqualTo(200);
        assertThat(unescaped.json()).isEqualTo(plugin);
    }

    // ------------------------------------------------------------- pagination: invalid offsets

    /**
     * Kong's pagination (kong-internals §7.4): an offset that is not a token is Kong's code 7, also when it is
     * percent-escaped or raw UTF-8. (A malformed percent-escape such as {@code ?offset=%%%} sent raw is still refused by
     * Undertow's request parser with a bare 400: a documented difference.)
     */
    @Test
    void services_get_errors_an_invalid_offset_is_a_400_with_kongs_body() {
        assertRaw(
                raw("GET", "/services?offset=%25%25%25"),
                400,
                "{\"code\":7,\"name\":\"invalid offset\","
                        + "\"message\":\"'%%%' is not a valid offset: bad base64 encoding\"}");
        assertRaw(
                raw("GET", "/services?offset=%E5%86%86"),
                400,
                "{\"code\":7,\"name\":\"invalid offset\","
                        + "\"message\":\"'円' is not a valid offset: bad base64 encoding\"}");
        assertRaw(
                raw("GET", "/services?offset=円"),
                400,
                "{\"code\":7,\"name\":\"invalid offset\","
                        + "\"message\":\"'円' is not a valid offset: bad base64 encoding\"}");
        assertRaw(
                raw("GET", "/services?offset=x"),
                400,
                "{\"code\":7,\"name\":\"invalid offset\","
                        + "\"message\":\"'x' is not a valid offset: bad base64 encoding\"}");
    }

    // ------------------------------------------------------------- 02-kong_routes_spec.lua

    /** 02-kong_routes_spec, "/": "returns headers with HEAD method". */
    @Test
    void root_returns_headers_with_head_method() {
        Raw get = raw("GET", "/");
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body()).isNotEmpty();
        Raw head = raw("HEAD", "/");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        Map<String, String> getHeaders = new TreeMap<>(get.headers());
        Map<String, String> headHeaders = new TreeMap<>(head.headers());
        for (String volatileHeader : new String[] {"date", "x-kong-admin-latency", "content-length"}) {
            getHeaders.remove(volatileHeader);
            headHeaders.remove(volatileHeader);
        }
        // Undertow sends a HEAD answer without a body's framing; Kong's nginx likewise
        getHeaders.remove("transfer-encoding");
        headHeaders.remove("transfer-encoding");
        assertThat(headHeaders).isEqualTo(getHeaders);
    }

    /** 02-kong_routes_spec, "/": "returns allow and CORS headers with OPTIONS method". */
    @Test
    void root_returns_allow_and_cors_headers_with_options_method() {
        Raw options = raw("OPTIONS", "/");
        assertThat(options.status()).isEqualTo(204);
        assertThat(options.body()).isEmpty();
        assertThat(options.headers())
                .containsEntry("allow", "GET, HEAD, OPTIONS")
                .containsEntry("access-control-allow-methods", "GET, HEAD, OPTIONS")
                .containsEntry("access-control-allow-origin", "*")
                .containsKey("x-kong-admin-latency");
    }

    /** HEAD answers like GET without a body on every endpoint that answers GET (Kong's api_helpers). */
    @Test
    void head_answers_every_get_endpoint_and_options_lists_it() {
        created(admin.json("POST", "/services", "{\"name\":\"s\",\"host\":\"s.test\"}"));
        assertThat(raw("HEAD", "/services").status()).isEqualTo(200);
        assertThat(raw("HEAD", "/services/s").status()).isEqualTo(200);
        Raw missing = raw("HEAD", "/services/missing");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEmpty();
        assertThat(raw("OPTIONS", "/services/s").headers())
                .containsEntry("allow", "DELETE, GET, HEAD, OPTIONS, PATCH, PUT");
        assertThat(raw("OPTIONS", "/services").headers()).containsEntry("allow", "GET, HEAD, OPTIONS, POST");
        assertThat(raw("HEAD", "/schemas/services/validate").status()).isEqualTo(405);
    }

    // ------------------------------------------------------------- 09-routes_routes_spec.lua

    /** 09-routes_routes_spec, "/routes/{route}/service" DELETE: "returns HTTP 404 with non-existing route". */
    @Test
    void routes_service_delete_returns_http_404_with_non_existing_route() {
        assertReply(admin.delete("/routes/" + java.util.UUID.randomUUID() + "/service"), 404, NOT_FOUND);
        assertReply(admin.delete("/routes/no-such-route/service"), 404, NOT_FOUND);
    }

    /** 09-routes_routes_spec, "/routes/{route}/service" DELETE: a route without a service is 404 too. */
    @Test
    void routes_service_delete_returns_http_404_for_a_route_without_service() {
        created(admin.json("POST", "/routes", "{\"name\":\"lonely\",\"paths\":[\"/l\"]}"));
        assertReply(admin.delete("/routes/lonely/service"), 404, NOT_FOUND);
    }

    /** 09-routes_routes_spec, "/routes/{route}/service" DELETE: "returns HTTP 405 when trying to delete". */
    @Test
    void routes_service_delete_returns_http_405_when_the_route_has_a_service() {
        String service = created(admin.json("POST", "/services", "{\"name\":\"svc\",\"host\":\"svc.test\"}"))
                .get("id")
                .asText();
        created(admin.json(
                "POST", "/routes", "{\"name\":\"r\",\"paths\":[\"/r\"],\"service\":{\"id\":\"" + service + "\"}}"));
        assertReply(admin.delete("/routes/r/service"), 405, "{\"message\":\"Method not allowed\"}");
        assertThat(admin.get("/services/svc").status()).isEqualTo(200);
    }

    // ------------------------------------------------------------- Server header

    /** Kong's Admin API responses carry {@code Server: kong/<version>}; Tollgate's says {@code tollgate/<version>}. */
    @Test
    void admin_responses_carry_a_server_header_with_the_version_of_get_root() {
        AdminClient.Reply root = admin.get("/");
        String version = root.json().get("version").asText();
        assertThat(root.header("Server")).isEqualTo("tollgate/" + version);
        assertThat(admin.get("/services/missing").header("Server")).isEqualTo("tollgate/" + version);
        assertThat(admin.get("/no/such/path").header("Server")).isEqualTo("tollgate/" + version);
        assertThat(raw("OPTIONS", "/").headers()).containsEntry("server", "tollgate/" + version);
    }

    // ------------------------------------------------------------- 14-tags_spec.lua and tag typedef

    /** Kong's tag typedef: printable ASCII except {@code ,} and {@code /} (space included) plus UTF-8. */
    @Test
    void tags_accept_printable_ascii_with_spaces_and_utf8_and_refuse_the_rest() {
        JsonNode spaced =
                created(admin.json("POST", "/consumers", "{\"username\":\"a\",\"tags\":[\"corp a\",\"🦍\",\"x!~\"]}"));
        assertThat(spaced.get("tags").toString()).isEqualTo("[\"corp a\",\"🦍\",\"x!~\"]");
        for (String bad : new String[] {"a,b", "a/b", "tab\\t"}) {
            AdminClient.Reply reply =
                    admin.json("POST", "/consumers", "{\"username\":\"b\",\"tags\":[\"" + bad + "\"]}");
            assertThat(reply.status()).as(bad).isEqualTo(400);
            assertThat(reply.json().get("message").asText())
                    .contains("invalid tag '")
                    .endsWith("': expected printable ascii (except `,` and `/`) or valid utf-8 sequences)");
        }
    }

    /** 14-tags_spec: "filter by single tag", for a tag with a space. */
    @Test
    void tags_filter_by_single_tag_with_a_space() {
        created(admin.json("POST", "/consumers", "{\"username\":\"c1\",\"tags\":[\"corp a\",\"consumer1\"]}"));
        created(admin.json("POST", "/consumers", "{\"username\":\"c2\",\"tags\":[\"corp a\",\"consumer2\"]}"));
        created(admin.json("POST", "/consumers", "{\"username\":\"c3\",\"tags\":[\"consumer3\"]}"));
        AdminClient.Reply filtered = admin.get("/consumers?tags=corp%20a");
        assertThat(filtered.status()).as(filtered.body()).isEqualTo(200);
        assertThat(filtered.json().get("data")).hasSize(2);
        AdminClient.Reply and = admin.get("/consumers?tags=corp%20a,consumer1");
        assertThat(and.json().get("data")).hasSize(1);
    }

    /** 14-tags_spec: "/tags" and "/tags/:tags", for a tag with a space. */
    @Test
    void tags_lists_and_tags_tag_with_a_space() {
        created(admin.json("POST", "/consumers", "{\"username\":\"c1\",\"tags\":[\"corp a\",\"consumer1\"]}"));
        created(admin.json("POST", "/consumers", "{\"username\":\"c2\",\"tags\":[\"corp a\",\"consumer2\"]}"));
        AdminClient.Reply all = admin.get("/tags");
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.json().get("data")).hasSize(4);
        AdminClient.Reply one = admin.get("/tags/corp%20a");
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json().get("data")).hasSize(2);
        one.json()
                .get("data")
                .forEach(row -> assertThat(row.get("tag").asText()).isEqualTo("corp a"));
    }

    // ------------------------------------------------------------- routes: sources and destinations

    /** Kong Manager's route form sends {@code "sources": null, "destinations": null} on every create. */
    @Test
    void routes_accept_sources_and_destinations_null_as_kong_manager_sends_them() {
        JsonNode route = created(admin.json(
                "POST", "/routes", "{\"name\":\"km\",\"paths\":[\"/km\"],\"sources\":null,\"destinations\":null}"));
        assertThat(route.get("sources").isNull()).isTrue();
        assertThat(route.get("destinations").isNull()).isTrue();
        JsonNode plain = created(admin.json("POST", "/routes", "{\"name\":\"plain\",\"paths\":[\"/p\"]}"));
        assertThat(plain.has("sources")).isTrue();
        assertThat(plain.get("sources").isNull()).isTrue();
    }

    /** Kong's {@code sources}/{@code destinations}: sets of {@code {ip, port}} records, stored and shown as sent. */
    @Test
    void routes_store_and_show_sources_and_destinations_and_validate_them_as_kong() {
        JsonNode route = created(admin.json(
                "POST",
                "/routes",
                "{\"name\":\"tcp\",\"protocols\":[\"tcp\"],\"sources\":[{\"ip\":\"10.0.0.0/8\",\"port\":1234}],"
                        + "\"destinations\":[{\"ip\":\"::1\"},{\"port\":80}]}"));
        assertThat(admin.get("/routes/tcp").json().get("sources")).isEqualTo(route.get("sources"));
        assertThat(route.get("sources").toString()).isEqualTo("[{\"ip\":\"10.0.0.0/8\",\"port\":1234}]");
        assertThat(route.get("destinations").get(0).get("ip").asText()).isEqualTo("::1");
        assertThat(route.get("destinations").get(1).get("port").asInt()).isEqualTo(80);

        AdminClient.Reply badIp =
                admin.json("POST", "/routes", "{\"protocols\":[\"tcp\"],\"sources\":[{\"ip\":\"300.0.0.1\"}]}");
        assertThat(badIp.status()).isEqualTo(400);
        assertThat(badIp.json().get("message").asText()).contains("invalid ip or cidr range: '300.0.0.1'");
        AdminClient.Reply badPort =
                admin.json("POST", "/routes", "{\"protocols\":[\"tcp\"],\"destinations\":[{\"port\":70000}]}");
        assertThat(badPort.status()).isEqualTo(400);
        assertThat(badPort.json().get("message").asText()).contains("value should be between 0 and 65535");
        AdminClient.Reply empty = admin.json("POST", "/routes", "{\"protocols\":[\"tcp\"],\"destinations\":[{}]}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("message").asText())
                .contains("at least one of these fields must be non-empty: 'ip', 'port'");
    }

    // ------------------------------------------------------------- validation messages and shapes

    /** Kong's api_helpers (files_spec "returns 400 on missing body with application/json"): an empty JSON body. */
    @Test
    void returns_400_on_missing_body_with_application_json() {
        assertReply(
                admin.send("POST", "/services", "application/json", ""),
                400,
                "{\"message\":\"Cannot parse JSON body\"}");
        assertReply(admin.json("POST", "/routes", "{\"paths\":"), 400, "{\"message\":\"Cannot parse JSON body\"}");
    }

    /** 09-routes_routes_spec "POST /routes returns 400 on invalid requests" (no matching attribute, default protocols). */
    @Test
    void routes_post_returns_400_without_a_matching_attribute_naming_https() {
        String message = "must set one of 'methods', 'hosts', 'headers', 'paths', 'snis' when 'protocols' is 'https'";
        assertReply(
                admin.json("POST", "/routes", "{}"),
                400,
                "{\"code\":2,\"name\":\"schema violation\",\"message\":\"schema violation (" + message + ")\","
                        + "\"fields\":{\"@entity\":[\"" + message + "\"]}}");
    }

    /** 01-db/01-schema/06-routes_spec "errors if methods attribute is set on grpc/grpcs", over the Admin API. */
    @Test
    void routes_errors_if_methods_attribute_is_set_on_grpc_grpcs() {
        String message = "cannot set 'methods' when 'protocols' is 'grpc' or 'grpcs'";
        assertReply(
                admin.json("POST", "/routes", "{\"protocols\":[\"grpc\"],\"methods\":[\"GET\"],\"paths\":[\"/foo\"]}"),
                400,
                "{\"code\":2,\"name\":\"schema violation\",\"message\":\"schema violation (methods: " + message + ")\","
                        + "\"fields\":{\"methods\":\"" + message + "\"}}");
        JsonNode grpc = created(
                admin.json("POST", "/routes", "{\"name\":\"g\",\"protocols\":[\"grpc\"],\"hosts\":[\"g.test\"]}"));
        assertThat(grpc.get("strip_path").asBoolean()).as("Kong's grpc default").isFalse();
    }

    /** 01-db/01-schema/06-routes_spec "errors if tls and tls_passthrough set on a same route", over the Admin API. */
    @Test
    void routes_errors_if_tls_and_tls_passthrough_set_on_a_same_route() {
        String message = "these sets are mutually exclusive: ('tcp', 'tls', 'udp'), ('tls_passthrough')";
        assertReply(
                admin.json("POST", "/routes", "{\"protocols\":[\"tls\",\"tls_passthrough\"],\"snis\":[\"a.test\"]}"),
                400,
                "{\"code\":2,\"name\":\"schema violation\",\"message\":\"schema violation (protocols: " + message
                        + ")\",\"fields\":{\"protocols\":\"" + message + "\"}}");
        AdminClient.Reply mixed =
                admin.json("POST", "/routes", "{\"protocols\":[\"http\",\"grpc\"],\"paths\":[\"/m\"]}");
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.json().get("fields").get("protocols").asText())
                .isEqualTo("these sets are mutually exclusive: ('http', 'https'), ('grpc', 'grpcs')");
    }

    /** 06-routes_spec "if 'protocol = tcp/tls/udp', then 'paths' is empty", over the Admin API (POST and PATCH). */
    @Test
    void routes_if_protocol_tcp_tls_udp_then_paths_is_empty() {
        String message = "cannot set 'paths' when 'protocols' is 'tcp', 'tls', 'tls_passthrough' or 'udp'";
        assertReply(
                admin.json(
                        "POST",
                        "/routes",
                        "{\"protocols\":[\"tcp\"],\"sources\":[{\"ip\":\"127.0.0.1\"}],\"paths\":[\"/\"]}"),
                400,
                "{\"code\":2,\"name\":\"schema violation\",\"message\":\"schema violation (paths: " + message + ")\","
                        + "\"fields\":{\"paths\":\"" + message + "\"}}");
        created(admin.json(
                "POST", "/routes", "{\"name\":\"t\",\"protocols\":[\"tcp\"],\"sources\":[{\"ip\":\"127.0.0.1\"}]}"));
        AdminClient.Reply patched = admin.json("PATCH", "/routes/t", "{\"methods\":[\"GET\"]}");
        assertThat(patched.status()).isEqualTo(400);
        assertThat(patched.json().get("fields").get("methods").asText())
                .isEqualTo("cannot set 'methods' when 'protocols' is 'tcp', 'tls', 'tls_passthrough' or 'udp'");
        assertThat(admin.get("/routes/t").json().get("methods").isNull())
                .as("nothing written")
                .isTrue();
    }

    /**
     * 03-db/02-db_core_entities_spec "cannot create a Service with an existing id", over the Admin API: Kong's code 3
     * answers 400 ({@code ERRORS_HTTP_CODES}), unlike a UNIQUE violation's 409.
     */
    @Test
    void services_cannot_create_a_service_with_an_existing_id() {
        String id = "00000000-0000-0000-0000-0000000000aa";
        created(admin.json("POST", "/services", "{\"id\":\"" + id + "\",\"name\":\"one\",\"host\":\"a.test\"}"));
        assertReply(
                admin.json("POST", "/services", "{\"id\":\"" + id + "\",\"name\":\"two\",\"host\":\"b.test\"}"),
                400,
                "{\"code\":3,\"name\":\"primary key violation\",\"message\":\"primary key violation on key '{id=\\\""
                        + id + "\\\"}'\",\"fields\":{\"id\":\"" + id + "\"}}");
        assertReply(
                admin.json("POST", "/services", "{\"name\":\"one\",\"host\":\"c.test\"}"),
                409,
                "{\"code\":5,\"name\":\"unique constraint violation\","
                        + "\"message\":\"UNIQUE violation detected on '{name=\\\"one\\\"}'\",\"fields\":{\"name\":\"one\"}}");
    }

    /** 09-routes_routes_spec "POST /routes returns 400 on invalid requests": references without a primary key. */
    @Test
    void routes_post_returns_400_on_a_foreign_reference_without_primary_key() {
        String missing = "{\"code\":2,\"name\":\"schema violation\",\"message\":\"schema violation "
                + "(service.id: missing primary key)\",\"fields\":{\"service\":{\"id\":\"missing primary key\"}}}";
        assertReply(
                admin.json("POST", "/routes", "{\"methods\":[\"GET\"],\"service\":{\"protocol\":\"http\"}}"),
                400,
                missing);
        assertReply(admin.json("POST", "/routes", "{\"methods\":[\"GET\"],\"service\":{\"name\":null}}"), 400, missing);
        assertReply(
                admin.json("POST", "/routes", "{\"methods\":[\"GET\"],\"service\":{\"id\":null}}"),
                400,
                "{\"code\":2,\"name\":\"schema violation\",\"message\":\"schema violation "
                        + "(service.id: required field missing)\","
                        + "\"fields\":{\"service\":{\"id\":\"required field missing\"}}}");
    }

    /** 10-services_routes_spec "handles invalid url": the url's parts are checked as the fields they fill. */
    @Test
    void services_post_handles_invalid_url() {
        assertReply(
                admin.json("POST", "/services", "{\"url\":\"invalid url\"}"),
                400,
                "{\"code\":2,\"name\":\"schema violation\",\"message\":\"2 schema violations "
                        + "(host: required field missing; path: should start with: /)\","
                        + "\"fields\":{\"host\":\"required field missing\",\"path\":\"should start with: /\"}}");
        AdminClient.Reply form =
                admin.send("POST", "/services", "application/x-www-form-urlencoded", "url=invalid%20url");
        assertThat(form.status()).isEqualTo(400);
        assertThat(form.json().get("fields").get("host").asText()).isEqualTo("required field missing");
    }

    /** Kong's "Admin API - truncated arguments": "return 400 if reach maximum post arguments number". */
    @Test
    void return_400_if_reach_maximum_post_arguments_number() {
        StringBuilder body = new StringBuilder("name=ip-restriction");
        for (int i = 1; i <= 1001; i++) {
            body.append("&config.allow=").append(i);
        }
        assertReply(
                admin.send("POST", "/plugins", "application/x-www-form-urlencoded", body.toString()),
                400,
                "{\"message\":\"Too many arguments\"}");
        assertThat(admin.get("/plugins").json().get("data"))
                .as("nothing written")
                .isEmpty();
    }

    /** Kong's "Admin API - truncated arguments": "return 400 if reach maximum uri arguments number". */
    @Test
    void return_400_if_reach_maximum_uri_arguments_number() {
        StringBuilder query = new StringBuilder("a=1");
        for (int i = 2; i <= 1001; i++) {
            query.append("&a=").append(i);
        }
        assertRaw(raw("GET", "/plugins?" + query), 400, "{\"message\":\"Too many arguments\"}");
        assertThat(raw("GET", "/plugins?" + query.substring(0, query.lastIndexOf("&")))
                        .status())
                .as("1000 arguments are read")
                .isEqualTo(200);
    }

    /** 03-plugins/09-key-auth/01-api_spec "fails with invalid key_names". */
    @Test
    void key_auth_fails_with_invalid_key_names() {
        AdminClient.Reply reply = admin.json(
                "POST", "/plugins", "{\"name\":\"key-auth\",\"config\":{\"key_names\":[\"hello\\\\world\"]}}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json()
                        .get("fields")
                        .get("config")
                        .get("key_names")
                        .get(0)
                        .asText())
                .isEqualTo("bad header name 'hello\\world', allowed characters are A-Z, a-z, 0-9, '_', and '-'");
        created(admin.json("POST", "/plugins", "{\"name\":\"key-auth\",\"config\":{\"key_names\":[\"hello-world\"]}}"));
    }

    /**
     * {@code POST /schemas/keys/validate} checks a key's {@code jwk} as {@code POST /keys} does (Kong's keys entity
     * check runs in the schema, so its validate endpoint refuses what a create would).
     */
    @Test
    void schemas_keys_validate_runs_the_jwk_check() {
        String notJson = "could not json decode jwk string";
        assertReply(
                admin.json("POST", "/schemas/keys/validate", "{\"kid\":\"k1\",\"jwk\":\"{nope\"}"),
                400,
                "{\"code\":2,\"name\":\"schema violation\",\"message\":\"schema violation (" + notJson + ")\","
                        + "\"fields\":{\"@entity\":[\"" + notJson + "\"]}}");
        AdminClient.Reply otherKid = admin.json(
                "POST",
                "/schemas/keys/validate",
                "{\"kid\":\"k1\",\"jwk\":\"{\\\"kty\\\":\\\"oct\\\",\\\"kid\\\":\\\"k2\\\",\\\"k\\\":\\\"c2VjcmV0\\\"}\"}");
        assertThat(otherKid.status()).as(otherKid.body()).isEqualTo(400);
        assertThat(otherKid.json().get("fields").get("@entity").get(0).asText())
                .isEqualTo("kid in jwk.kid must be equal to keys.kid");
        assertReply(
                admin.json(
                        "POST",
                        "/schemas/keys/validate",
                        "{\"kid\":\"k1\",\"jwk\":\"{\\\"kty\\\":\\\"oct\\\",\\\"kid\\\":\\\"k1\\\",\\\"k\\\":\\\"c2VjcmV0\\\"}\"}"),
                200,
                "{\"message\":\"schema validation successful\"}");
        assertReply(
                admin.json("POST", "/schemas/keys/validate", "{\"kid\":\"k1\",\"jwk\":\"{vault://env/JWK}\"}"),
                200,
                "{\"message\":\"schema validation successful\"}");
    }

    /** 03-db/02-db_core_entities_spec "cannot create a Service with client_certificate when protocol is not https". */
    @Test
    void services_cannot_have_a_client_certificate_when_protocol_is_not_https() {
        assertReply(
                admin.json(
                        "POST",
                        "/services",
                        "{\"name\":\"cc_test\",\"protocol\":\"http\",\"host\":\"example.com\","
                                + "\"client_certificate\":{\"id\":\"123e4567-e89b-12d3-a456-426655440000\"}}"),
                400,
                "{\"code\":2,\"name\":\"schema violation\",\"message\":\"2 schema violations (failed conditional "
                        + "validation given value of field 'protocol'; client_certificate: value must be null)\","
                        + "\"fields\":{\"@entity\":[\"failed conditional validation given value of field 'protocol'\"],"
                        + "\"client_certificate\":\"value must be null\"}}");
    }
}
