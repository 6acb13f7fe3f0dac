package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static io.tollgate.bootstrap.e2e.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kong's {@code spec/02-integration/04-admin_api/07-upstreams_routes_spec.lua} on one real node: 44 {@code it} cases
 * (each case Kong runs once per content type is one invocation of a parameterized test here), all 44 ported, from
 * the stored spec with Kong 3.x's messages where 3.x changed them (see {@code handles_invalid_input}). Kong truncates the table before each case; here every case uses names of its own,
 * and the list cases filter by a tag only their upstreams carry.
 */
class KongUpstreamsRoutesSpecIT {

    static final String FORM = "application/x-www-form-urlencoded";
    static final String MULTIPART = "multipart/form-data";
    static final String JSON = "application/json";
    private static final String BOUNDARY = "kong-spec-b0undary";
    private static final AtomicInteger NEXT = new AtomicInteger();
    /** Kong 3.x's cookie name message (RFC 6265 names). */
    private static final String BAD_COOKIE =
            "contains one or more invalid characters. ASCII control characters (0-31;127), "
                    + "space, tab and the characters ()<>@,;:\\\"/?={}[] are not allowed.";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-upstreams", dir, Map.of());
        admin = node.admin();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A name no other case uses, ending in {@code base}. */
    static String unique(String base) {
        return "s" + NEXT.incrementAndGet() + "-" + base;
    }

    /** Alternating field names and values, in order. */
    static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** Sends flat {@code fields} encoded as {@code contentType} (form, multipart or JSON), as Kong's test client. */
    static Http.Response sendBody(String method, String url, String contentType, Map<String, Object> fields) {
        return switch (contentType) {
            case FORM -> {
                List<String> pairs = new ArrayList<>();
                fields.forEach((k, v) -> pairs.add(AdminExamples.encode(k) + "=" + AdminExamples.encode(v.toString())));
                yield Http.sendAs(method, url, FORM, String.join("&", pairs));
            }
            case MULTIPART -> {
                StringBuilder body = new StringBuilder();
                fields.forEach((k, v) -> body.append("--")
                        .append(BOUNDARY)
                        .append("\r\nContent-Disposition: form-data; name=\"")
                        .append(k)
                        .append("\"\r\n\r\n")
                        .append(v)
                        .append("\r\n"));
                if (!fields.isEmpty()) {
                    body.append("--").append(BOUNDARY).append("--\r\n");
                }
                yield Http.sendAs(method, url, MULTIPART + "; boundary=" + BOUNDARY, body.toString());
            }
            case JSON -> {
                try {
                    yield Http.sendAs(method, url, JSON, Http.JSON.writeValueAsString(fields));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            default -> throw new IllegalArgumentException(contentType);
        };
    }

    private static Http.Response postUpstream(String contentType, Object... pairs) {
        return sendBody("POST", admin + "/upstreams", contentType, fields(pairs));
    }

    private static JsonNode created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode json = response.json();
        assertThat(json.get("created_at").isNumber()).isTrue();
        assertThat(json.get("id").isTextual()).isTrue();
        return json;
    }

    /** Asserts a 400 schema violation whose {@code fields} are exactly {@code expectedFields} (JSON). */
    private static void violation(Http.Response response, String expectedFields) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("name").asText()).isEqualTo("schema violation");
        assertThat(response.json().get("fields")).isEqualTo(parse(expectedFields));
    }

    static JsonNode parse(String json) {
        try {
            return Http.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ POST

    /** 07-upstreams_routes_spec: "/upstreams POST creates an upstream with defaults" (per content type). */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void creates_an_upstream_with_defaults(String contentType) {
        String name = unique("my.upstream");
        JsonNode json = created(postUpstream(contentType, "name", name));
        assertThat(json.get("name").asText()).isEqualTo(name);
        assertThat(json.get("slots").asInt()).isEqualTo(10000);
        assertThat(json.get("hash_on").asText()).isEqualTo("none");
        assertThat(json.get("hash_fallback").asText()).isEqualTo("none");
        assertThat(json.get("hash_on_header").isNull()).isTrue();
        assertThat(json.get("hash_fallback_header").isNull()).isTrue();
    }

    /** 07-upstreams_routes_spec: "/upstreams POST creates an upstream without defaults" (per content type). */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void creates_an_upstream_without_defaults(String contentType) {
        String name = unique("my.upstream");
        JsonNode json = created(postUpstream(
                contentType,
                "name",
                name,
                "slots",
                10,
                "hash_on",
                "consumer",
                "hash_fallback",
                "ip",
                "hash_on_header",
                "HeaderName",
                "hash_fallback_header",
                "HeaderFallback"));
        assertThat(json.get("name").asText()).isEqualTo(name);
        assertThat(json.get("slots").asInt()).isEqualTo(10);
        assertThat(json.get("hash_on").asText()).isEqualTo("consumer");
        assertThat(json.get("hash_fallback").asText()).isEqualTo("ip");
        assertThat(json.get("hash_on_header").asText()).isEqualTo("HeaderName");
        assertThat(json.get("hash_fallback_header").asText()).isEqualTo("HeaderFallback");
    }

    /** 07-upstreams_routes_spec: "/upstreams POST creates an upstream with hash_on cookie parameters" (per type). */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void creates_an_upstream_with_hash_on_cookie_parameters(String contentType) {
        String name = unique("my.upstream");
        JsonNode json = created(postUpstream(
                contentType,
                "name",
                name,
                "hash_on",
                "cookie",
                "hash_on_cookie",
                "CookieName1",
                "hash_on_cookie_path",
                "/foo"));
        assertThat(json.get("name").asText()).isEqualTo(name);
        assertThat(json.get("hash_on").asText()).isEqualTo("cookie");
        assertThat(json.get("hash_on_cookie").asText()).isEqualTo("CookieName1");
        assertThat(json.get("hash_on_cookie_path").asText()).isEqualTo("/foo");
    }

    /** 07-upstreams_routes_spec: "/upstreams POST creates an upstream with 2 header hashes" (per content type). */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void creates_an_upstream_with_2_header_hashes(String contentType) {
        String name = unique("my.upstream");
        JsonNode json = created(postUpstream(
                contentType,
                "name",
                name,
                "slots",
                10,
                "hash_on",
                "header",
                "hash_fallback",
                "header",
                "hash_on_header",
                "HeaderName1",
                "hash_fallback_header",
                "HeaderName2"));
        assertThat(json.get("name").asText()).isEqualTo(name);
        assertThat(json.get("slots").asInt()).isEqualTo(10);
        assertThat(json.get("hash_on").asText()).isEqualTo("header");
        assertThat(json.get("hash_fallback").asText()).isEqualTo("header");
        assertThat(json.get("hash_on_header").asText()).isEqualTo("HeaderName1");
        assertThat(json.get("hash_fallback_header").asText()).isEqualTo("HeaderName2");
    }

    /** 07-upstreams_routes_spec: "/upstreams POST creates an upstream with 65536 slots" (per content type). */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void creates_an_upstream_with_65536_slots(String contentType) {
        String name = unique("my.upstream");
        JsonNode json = created(postUpstream(contentType, "name", name, "slots", 65536));
        assertThat(json.get("name").asText()).isEqualTo(name);
        assertThat(json.get("slots").asInt()).isEqualTo(65536);
    }

    /** 07-upstreams_routes_spec: "/upstreams POST creates an upstream with host header" (per content type). */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void creates_an_upstream_with_host_header(String contentType) {
        String name = unique("my.upstream");
        JsonNode json = created(postUpstream(contentType, "name", name, "host_header", "localhost"));
        assertThat(json.get("name").asText()).isEqualTo(name);
        assertThat(json.get("slots").asInt()).isEqualTo(10000);
        assertThat(json.get("hash_on").asText()).isEqualTo("none");
        assertThat(json.get("hash_fallback").asText()).isEqualTo("none");
        assertThat(json.get("hash_on_header").isNull()).isTrue();
        assertThat(json.get("hash_fallback_header").isNull()).isTrue();
        assertThat(json.get("host_header").asText()).isEqualTo("localhost");
    }

    /** 07-upstreams_routes_spec: "/upstreams POST errors handles malformed JSON body". */
    @Test
    void handles_malformed_json_body() {
        Http.Response response = Http.sendAs("POST", admin + "/upstreams", JSON, "{\"hello\": \"world\"");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"message\":\"Cannot parse JSON body\"}");
    }

    /**
     * 07-upstreams_routes_spec: "/upstreams POST errors handles invalid input" (per content type), with the value in
     * the name messages, the hash modes and the cookie name message as Kong 3.x has them.
     */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void handles_invalid_input(String contentType) {
        String name = unique("my.upstream");
        String badHeader = "not a <> valid <> header name";
        String badCookie = "not a <> valid <> cookie name";
        String onHashOn = "\"@entity\":[\"failed conditional validation given value of field 'hash_on'\"]";

        violation(postUpstream(contentType, "slots", 50), "{\"name\":\"required field missing\"}");
        violation(
                postUpstream(contentType, "name", "some invalid host name"),
                "{\"name\":\"Invalid name ('some invalid host name'); must be a valid hostname\"}");
        violation(
                postUpstream(contentType, "name", name, "slots", 65537),
                "{\"slots\":\"value should be between 10 and 65536\"}");
        violation(
                postUpstream(contentType, "name", name, "hash_on", "something that is invalid"),
                "{\"hash_on\":\"expected one of: none, consumer, ip, header, cookie, path, query_arg, uri_capture\"}");
        violation(
                postUpstream(
                        contentType, "name", name, "hash_on", "consumer", "hash_fallback", "something that is invalid"),
                "{" + onHashOn + ",\"hash_fallback\":"
                        + "\"expected one of: none, ip, header, cookie, path, query_arg, uri_capture\"}");
        violation(
                postUpstream(contentType, "name", name, "hash_on", "consumer", "hash_fallback", "consumer"),
                "{" + onHashOn + ",\"hash_fallback\":"
                        + "\"expected one of: none, ip, header, cookie, path, query_arg, uri_capture\"}");

        Http.Response header = postUpstream(
                contentType,
                "name",
                name,
                "hash_on",
                "header",
                "hash_fallback",
                "consumer",
                "hash_on_header",
                badHeader);
        assertThat(header.status()).isEqualTo(400);
        assertThat(header.json().get("fields").get("hash_on_header").asText())
                .isEqualTo("bad header name '" + badHeader + "', allowed characters are A-Z, a-z, 0-9, '_', and '-'");
        Http.Response fallbackHeader = postUpstream(
                contentType,
                "name",
                name,
                "hash_on",
                "consumer",
                "hash_fallback",
                "header",
                "hash_fallback_header",
                badHeader);
        assertThat(fallbackHeader.status()).isEqualTo(400);
        assertThat(fallbackHeader
                        .json()
                        .get("fields")
                        .get("hash_fallback_header")
                        .asText())
                .isEqualTo("bad header name '" + badHeader + "', allowed characters are A-Z, a-z, 0-9, '_', and '-'");

        violation(
                postUpstream(
                        contentType,
                        "name",
                        name,
                        "hash_on",
                        "header",
                        "hash_fallback",
                        "header",
                        "hash_on_header",
                        "headername",
                        "hash_fallback_header",
                        "headername"),
                "{\"@entity\":[\"values of these fields must be distinct: "
                        + "'hash_on_header', 'hash_fallback_header'\"]}");
        violation(
                postUpstream(
                        contentType,
                        "name",
                        name,
                        "hash_on",
                        "cookie",
                        "hash_on_cookie",
                        "cookiename",
                        "hash_fallback",
                        "header",
                        "hash_fallback_header",
                        "Cool-Header"),
                "{" + onHashOn + ",\"hash_fallback\":\"expected one of: none\"}");
        violation(
                postUpstream(
                        contentType,
                        "name",
                        name,
                        "hash_on",
                        "header",
                        "hash_fallback",
                        "header",
                        "hash_fallback_header",
                        "HeaderName"),
                "{" + onHashOn + ",\"hash_on_header\":\"required field missing\"}");
        violation(
                postUpstream(contentType, "name", name, "hash_on", "consumer", "hash_fallback", "header"),
                "{\"@entity\":[\"failed conditional validation given value of field 'hash_fallback'\"],"
                        + "\"hash_fallback_header\":\"required field missing\"}");

        Http.Response cookie =
                postUpstream(contentType, "name", name, "hash_on", "cookie", "hash_on_cookie", badCookie);
        assertThat(cookie.status()).isEqualTo(400);
        assertThat(cookie.json().get("fields").get("hash_on_cookie").asText()).isEqualTo(BAD_COOKIE);
        violation(
                postUpstream(
                        contentType,
                        "name",
                        name,
                        "hash_on",
                        "cookie",
                        "hash_on_cookie",
                        "hashme",
                        "hash_on_cookie_path",
                        "not a path"),
                "{\"hash_on_cookie_path\":\"should start with: /\"}");
        Http.Response fallbackCookie = postUpstream(
                contentType,
                "name",
                name,
                "hash_on",
                "consumer",
                "hash_fallback",
                "cookie",
                "hash_on_cookie",
                badCookie);
        assertThat(fallbackCookie.status()).isEqualTo(400);
        assertThat(fallbackCookie.json().get("fields").get("hash_on_cookie").asText())
                .isEqualTo(BAD_COOKIE);
        violation(
                postUpstream(
                        contentType,
                        "name",
                        name,
                        "hash_on",
                        "consumer",
                        "hash_fallback",
                        "cookie",
                        "hash_on_cookie",
                        "my-cookie",
                        "hash_on_cookie_path",
                        "not a path"),
                "{\"hash_on_cookie_path\":\"should start with: /\"}");
    }

    /** 07-upstreams_routes_spec: "/upstreams POST errors returns 409 on conflict" (per content type). */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void returns_409_on_conflict(String contentType) {
        String name = unique("my.upstream");
        created(postUpstream(contentType, "name", name));
        Http.Response again = postUpstream(contentType, "name", name);
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().get("name").asText()).isEqualTo("unique constraint violation");
        assertThat(again.json().get("fields")).isEqualTo(parse("{\"name\":\"" + name + "\"}"));
    }

    // ------------------------------------------------------------------ PUT

    /** 07-upstreams_routes_spec: "/upstreams PUT creates if not exists" (per content type). */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void put_creates_if_not_exists(String contentType) {
        String name = unique("my-upstream");
        Http.Response response =
                sendBody("PUT", admin + "/upstreams/" + name, contentType, fields("created_at", 1461276890000L));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.get("name").asText()).isEqualTo(name);
        assertThat(json.get("created_at").isNumber()).isTrue();
        assertThat(json.get("id").isTextual()).isTrue();
        assertThat(json.get("slots").isNumber()).isTrue();
    }

    /** 07-upstreams_routes_spec: "/upstreams PUT replaces if exists" (per content type). */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void put_replaces_if_exists(String contentType) {
        JsonNode json = created(postUpstream(contentType, "name", unique("my-upstream"), "slots", 100));
        String newName = unique("my-new-upstream");
        Http.Response response = sendBody(
                "PUT",
                admin + "/upstreams/" + json.get("id").asText(),
                contentType,
                fields(
                        "name",
                        newName,
                        "slots",
                        123,
                        "created_at",
                        json.get("created_at").asLong()));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("name").asText()).isEqualTo(newName);
        assertThat(response.json().get("slots").asInt()).isEqualTo(123);
        assertThat(response.json().get("id").asText()).isEqualTo(json.get("id").asText());
    }

    /** 07-upstreams_routes_spec: "/upstreams PUT errors handles invalid input" (per content type). */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void put_handles_invalid_input(String contentType) {
        Http.Response missing =
                sendBody("PUT", admin + "/upstreams/00000000-0000-0000-0000-000000000001", contentType, fields());
        assertThat(missing.status()).as(missing.body()).isEqualTo(400);
        assertThat(missing.json().get("message").asText()).isEqualTo("schema violation (name: required field missing)");

        Http.Response ip =
                sendBody("PUT", admin + "/upstreams/1.2.3.4", contentType, fields("created_at", 1461276890000L));
        assertThat(ip.status()).as(ip.body()).isEqualTo(400);
        assertThat(ip.json().get("message").asText()).isEqualTo("Invalid name ('1.2.3.4'); no ip addresses allowed");
    }

    // ------------------------------------------------------------------ GET

    /** Ten upstreams carrying a tag of their own; returns the tag. */
    private static String tenTagged() {
        String tag = unique("page");
        for (int i = 0; i < 10; i++) {
            created(post(admin + "/upstreams", "{\"name\":\"" + unique("listed") + "\",\"tags\":[\"" + tag + "\"]}"));
        }
        return tag;
    }

    /** 07-upstreams_routes_spec: "/upstreams GET retrieves the first page" (the ten upstreams by their tag). */
    @Test
    void retrieves_the_first_page() {
        String tag = tenTagged();
        Http.Response response = get(admin + "/upstreams?tags=" + tag);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("data")).hasSize(10);
    }

    /** 07-upstreams_routes_spec: "/upstreams GET paginates a set" (the ten upstreams by their tag). */
    @Test
    void paginates_a_set() {
        String tag = tenTagged();
        String offset = null;
        JsonNode previous = null;
        for (int i = 1; i <= 4; i++) {
            Http.Response response = get(admin + "/upstreams?tags=" + tag + "&size=3"
                    + (offset == null ? "" : "&offset=" + AdminExamples.encode(offset)));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode json = response.json();
            assertThat(json.get("data")).hasSize(i < 4 ? 3 : 1);
            if (previous != null) {
                assertThat(json).isNotEqualTo(previous);
            }
            offset = json.hasNonNull("offset") ? json.get("offset").asText() : null;
            previous = json;
        }
    }

    /** 07-upstreams_routes_spec: "/upstreams GET ignores filters". */
    @Test
    void ignores_filters() {
        assertThat(get(admin + "/upstreams?foo=bar").status()).isEqualTo(200);
    }

    /** 07-upstreams_routes_spec: "/upstreams GET ignores an invalid body". */
    @Test
    void ignores_an_invalid_body() {
        assertThat(Http.sendAs("GET", admin + "/upstreams", JSON, "this fails if decoded as json")
                        .status())
                .isEqualTo(200);
    }

    /** 07-upstreams_routes_spec: "/upstreams GET empty results data property is an empty array" (by a new tag). */
    @Test
    void data_property_is_an_empty_array() {
        Http.Response response = get(admin + "/upstreams?tags=" + unique("nothing"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json()).isEqualTo(parse("{\"data\":[],\"next\":null}"));
    }

    // ------------------------------------------------------------------ DELETE

    /** 07-upstreams_routes_spec: "/upstreams DELETE by id". */
    @Test
    void delete_by_id() {
        JsonNode json =
                created(post(admin + "/upstreams", "{\"name\":\"" + unique("my-upstream") + "\",\"slots\":100}"));
        assertThat(Http.delete(admin + "/upstreams/" + json.get("id").asText()).status())
                .isEqualTo(204);
    }

    /** 07-upstreams_routes_spec: "/upstreams DELETE by name". */
    @Test
    void delete_by_name() {
        JsonNode json =
                created(post(admin + "/upstreams", "{\"name\":\"" + unique("my-upstream") + "\",\"slots\":100}"));
        assertThat(Http.delete(admin + "/upstreams/" + json.get("name").asText())
                        .status())
                .isEqualTo(204);
    }

    /** 07-upstreams_routes_spec: "/upstreams DELETE after deleting its targets (regression test for #4317)". */
    @Test
    void delete_after_deleting_its_targets() {
        String name = unique("my-upstream");
        created(post(admin + "/upstreams", "{\"name\":\"" + name + "\",\"slots\":100}"));
        created(post(admin + "/upstreams/" + name + "/targets", "{\"target\":\"127.0.0.1:8000\"}"));
        assertThat(send("DELETE", admin + "/upstreams/" + name + "/targets/127.0.0.1:8000", null)
                        .status())
                .isEqualTo(204);
        assertThat(get(admin + "/upstreams/" + name).status()).isEqualTo(200);
        assertThat(Http.delete(admin + "/upstreams/" + name).status()).isEqualTo(204);
    }

    /** 07-upstreams_routes_spec: "/upstreams DELETE can delete an upstream with targets". */
    @Test
    void can_delete_an_upstream_with_targets() {
        String name = unique("my-upstream");
        created(post(admin + "/upstreams", "{\"name\":\"" + name + "\",\"slots\":100}"));
        created(post(admin + "/upstreams/" + name + "/targets", "{\"target\":\"127.0.0.1:8000\"}"));
        assertThat(Http.delete(admin + "/upstreams/" + name).status()).isEqualTo(204);
    }

    /** 07-upstreams_routes_spec: "/upstreams returns 405 on invalid method". */
    @Test
    void returns_405_on_invalid_method() {
        Http.Response response = Http.sendAs("DELETE", admin + "/upstreams", JSON, "");
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.json()).isEqualTo(parse("{\"message\":\"Method not allowed\"}"));
    }
}
