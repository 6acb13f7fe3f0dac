package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.bootstrap.e2e.KongSpecClient.ContentType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kong's {@code spec/03-plugins/09-key-auth/02-access_spec.lua} (its 3.x revision with the {@code key_in_header} /
 * {@code key_in_query} / {@code key_in_body} combination table): key-auth on the proxy path against one real node
 * proxying to {@link KongMockUpstream}. 233 of the spec's 235 cases are ported (the 2 gRPC cases have no
 * counterpart); the cases Kong runs per content type are parameterized by {@link ContentType}, the combination
 * table by its rows. The routes, consumers and keys of Kong's three {@code lazy_setup}s are created once; no case
 * writes anything but the {@code ttl} case, which owns its route and key.
 */
class KongKeyAuthAccessSpecIT {

    /**
     * The invalid-key message: the revision read says {@code "Invalid authentication credentials"}; Kong's newer 3.x
     * key-auth (which Tollgate follows) answers {@code "Unauthorized"}.
     */
    static final String UNAUTHORIZED = "Unauthorized";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;
    static KongMockUpstream mock;
    static JsonNode kongCred;
    static String anonymousId;
    static String mickeyId;
    static String aladdinId;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("kong-key-auth-access", dir, Map.of());
        client = new KongSpecClient(node.admin());
        String service = id(client.create("/services", body("name", "mock", "url", mock.url())));

        JsonNode noBody = client.create("/consumers", body("username", "no-body"));
        client.create("/consumers", body("username", "bob"));
        kongCred = client.create("/consumers/bob/key-auth", body("key", "kong"));
        keyAuth(hostRoute(service, "key-auth1.com"), body());
        keyAuth(hostRoute(service, "key-auth2.com"), body("hide_credentials", true));
        keyAuth(hostRoute(service, "key-auth3.com"), body("anonymous", id(noBody)));
        keyAuth(
                hostRoute(service, "key-auth4.com"),
                body("anonymous", UUID.randomUUID().toString()));
        keyAuth(hostRoute(service, "key-auth5.com"), body("key_in_body", true));
        keyAuth(hostRoute(service, "key-auth6.com"), body("key_in_body", true, "hide_credentials", true));
        keyAuth(hostRoute(service, "key-auth7.com"), body("run_on_preflight", false));
        keyAuth(hostRoute(service, "key-auth8.com"), body("key_names", List.of("api_key")));
        keyAuth(hostRoute(service, "key-auth9.com"), body("key_names", List.of("api-key")));
        keyAuth(hostRoute(service, "key-auth10.com"), body("anonymous", "no-body"));

        // the second lazy_setup: basic-auth and key-auth together
        String logicalAnd = hostRoute(service, "logical-and.com");
        plugin("basic-auth", logicalAnd, body());
        keyAuth(logicalAnd, body());
        String requestService =
                id(client.create("/services", body("name", "mock-request", "url", mock.url() + "/request")));
        String logicalOr = hostRoute(requestService, "logical-or.com");
        anonymousId = id(client.create("/consumers", body("username", "Anonymous")));
        mickeyId = id(client.create("/consumers", body("username", "Mickey")));
        aladdinId = id(client.create("/consumers", body("username", "Aladdin")));
        plugin("basic-auth", logicalOr, body("anonymous", anonymousId));
        keyAuth(logicalOr, body("anonymous", anonymousId));
        client.create("/consumers/Mickey/key-auth", body("key", "Mouse"));
        client.create("/consumers/Aladdin/basic-auth", body("username", "Aladdin", "password", "OpenSesame"));

        // the third lazy_setup: key_in_header / key_in_query / key_in_body combinations
        client.create("/consumers", body("username", "bob-combinations"));
        client.create("/consumers/bob-combinations/key-auth", body("key", "right"));
        String statusService =
                id(client.create("/services", body("name", "mock-status", "url", mock.url() + "/status/200")));
        for (String where : List.of("ttt", "ttf", "tff", "fff", "fft", "tft", "ftf")) {
            String route = id(client.create(
                    "/routes", body("paths", List.of("/" + where), "service", Map.of("id", statusService))));
            keyAuth(
                    route,
                    body(
                            "key_in_header", where.charAt(0) == 't',
                            "key_in_query", where.charAt(1) == 't',
                            "key_in_body", where.charAt(2) == 't'));
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

    private static String hostRoute(String service, String host) {
        return id(client.create("/routes", body("hosts", List.of(host), "service", Map.of("id", service))));
    }

    private static void keyAuth(String route, Map<String, Object> config) {
        plugin("key-auth", route, config);
    }

    private static void plugin(String name, String route, Map<String, Object> config) {
        client.create("/plugins", body("name", name, "route", Map.of("id", route), "config", config));
    }

    /** A proxy request: {@code headers} as name/value pairs, the first {@code Host} among them its host. */
    private static RawHttp.Response send(String method, String target, @Nullable String body, String... headers)
            throws IOException {
        String host = "127.0.0.1:" + node.proxyPort;
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Host")) {
                host = headers[i + 1];
            }
        }
        RawHttp.Request request = RawHttp.request(method, host, target);
        for (int i = 0; i < headers.length; i += 2) {
            if (!headers[i].equalsIgnoreCase("Host")) {
                request.header(headers[i], headers[i + 1]);
            }
        }
        if (body != null) {
            request.body(body);
        }
        return request.send(node.proxyPort);
    }

    private static RawHttp.Response get(String target, String... headers) throws IOException {
        return send("GET", target, null, headers);
    }

    /** Kong's {@code proxy_client:send} with a table body: GET (its default method) with the body encoded. */
    private static RawHttp.Response withBody(
            String method, String target, String host, ContentType type, Map<String, Object> body, String... more)
            throws IOException {
        String[] headers = new String[more.length + 4];
        headers[0] = "Host";
        headers[1] = host;
        headers[2] = "Content-Type";
        headers[3] = type.header;
        System.arraycopy(more, 0, headers, 4, more.length);
        return send(method, target, KongSpecClient.encode(type, body), headers);
    }

    private static JsonNode status(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response.body().isEmpty() ? null : response.json();
    }

    /** Kong's error body {@code {"message": …}} (Kong 3.x adds the {@code request_id} beside it). */
    private static void message(RawHttp.Response response, int status, String message) {
        JsonNode json = status(response, status);
        assertThat(json.path("message").asText()).isEqualTo(message);
        json.fieldNames().forEachRemaining(name -> assertThat(name).isIn("message", "request_id"));
    }

    // ------------------------------------------------------------------------ Unauthorized

    /** 02-access_spec: "Unauthorized returns 200 on OPTIONS requests if run_on_preflight is false". */
    @Test
    void returns_200_on_options_requests_if_run_on_preflight_is_false() throws IOException {
        status(send("OPTIONS", "/status/200", null, "Host", "key-auth7.com"), 200);
    }

    /** 02-access_spec: "Unauthorized returns Unauthorized on OPTIONS requests if run_on_preflight is true". */
    @Test
    void returns_unauthorized_on_options_requests_if_run_on_preflight_is_true() throws IOException {
        message(send("OPTIONS", "/status/200", null, "Host", "key-auth1.com"), 401, "No API key found in request");
    }

    /** 02-access_spec: "Unauthorized returns Unauthorized on missing credentials". */
    @Test
    void returns_unauthorized_on_missing_credentials() throws IOException {
        message(get("/status/200", "Host", "key-auth1.com"), 401, "No API key found in request");
    }

    /** 02-access_spec: "Unauthorized returns Unauthorized on empty key header". */
    @Test
    void returns_unauthorized_on_empty_key_header() throws IOException {
        message(get("/status/200", "Host", "key-auth1.com", "apikey", ""), 401, "No API key found in request");
    }

    /** 02-access_spec: "Unauthorized returns Unauthorized on empty key querystring". */
    @Test
    void returns_unauthorized_on_empty_key_querystring() throws IOException {
        message(get("/status/200?apikey", "Host", "key-auth1.com"), 401, "No API key found in request");
    }

    /** 02-access_spec: "Unauthorized returns WWW-Authenticate header on missing credentials". */
    @Test
    void returns_www_authenticate_header_on_missing_credentials() throws IOException {
        RawHttp.Response res = get("/status/200", "Host", "key-auth1.com");
        assertThat(res.status()).isEqualTo(401);
        // the revision read expects Key realm="kong"; Kong's newer 3.x key-auth (with its realm setting, unset here)
        // sends the bare scheme, as Tollgate does
        assertThat(res.header("WWW-Authenticate")).isEqualTo("Key");
    }

    // ------------------------------------------------------------------------ key in querystring

    /** 02-access_spec: "key in querystring authenticates valid credentials". */
    @Test
    void querystring_authenticates_valid_credentials() throws IOException {
        status(get("/request?apikey=kong", "Host", "key-auth1.com"), 200);
    }

    /** 02-access_spec: "key in querystring returns 401 Unauthorized on invalid key". */
    @Test
    void querystring_returns_401_unauthorized_on_invalid_key() throws IOException {
        message(get("/status/200?apikey=123", "Host", "key-auth1.com"), 401, UNAUTHORIZED);
    }

    /** 02-access_spec: "key in querystring handles duplicated key in querystring". */
    @Test
    void handles_duplicated_key_in_querystring() throws IOException {
        message(get("/status/200?apikey=kong&apikey=kong", "Host", "key-auth1.com"), 401, "Duplicate API key found");
    }

    // ------------------------------------------------------------------------ key in request body

    /** 02-access_spec: "key in request body <content type> authenticates valid credentials". */
    @ParameterizedTest
    @EnumSource(ContentType.class)
    void body_authenticates_valid_credentials(ContentType type) throws IOException {
        status(withBody("GET", "/request", "key-auth5.com", type, body("apikey", "kong")), 200);
    }

    /** 02-access_spec: "key in request body <content type> authenticates valid credentials in query". */
    @ParameterizedTest
    @EnumSource(ContentType.class)
    void body_authenticates_valid_credentials_in_query(ContentType type) throws IOException {
        status(withBody("GET", "/request?apikey=kong", "key-auth5.com", type, body("non_apikey", "kong")), 200);
    }

    /** 02-access_spec: "key in request body <content type> authenticates valid credentials in header". */
    @ParameterizedTest
    @EnumSource(ContentType.class)
    void body_authenticates_valid_credentials_in_header(ContentType type) throws IOException {
        status(
                withBody(
                        "GET",
                        "/request?apikey=kong",
                        "key-auth5.com",
                        type,
                        body("non_apikey", "kong"),
                        "apikey",
                        "kong"),
                200);
    }

    /** 02-access_spec: "key in request body <content type> returns 401 Unauthorized on invalid key". */
    @ParameterizedTest
    @EnumSource(ContentType.class)
    void body_returns_401_unauthorized_on_invalid_key(ContentType type) throws IOException {
        message(withBody("GET", "/status/200", "key-auth5.com", type, body("apikey", "123")), 401, UNAUTHORIZED);
    }

    /** 02-access_spec: "key in request body application/json handles duplicated key". */
    @Test
    void json_body_handles_duplicated_key() throws IOException {
        message(
                withBody(
                        "POST",
                        "/status/200",
                        "key-auth5.com",
                        ContentType.JSON,
                        body("apikey", List.of("kong", "kong"))),
                401,
                "Duplicate API key found");
    }

    private static RawHttp.Response form(String body) throws IOException {
        return send(
                "POST",
                "/status/200",
                body,
                "Host",
                "key-auth5.com",
                "Content-Type",
                "application/x-www-form-urlencoded");
    }

    /** 02-access_spec: "key in request body application/x-www-form-urlencoded handles duplicated key". */
    @Test
    void form_body_handles_duplicated_key() throws IOException {
        message(form("apikey=kong&apikey=kong"), 401, "Duplicate API key found");
    }

    /** 02-access_spec: "key in request body x-www-form-urlencoded does not identify apikey[] as api keys". */
    @Test
    void does_not_identify_apikey_brackets_as_api_keys() throws IOException {
        message(form("apikey[]=kong&apikey[]=kong"), 401, "No API key found in request");
    }

    /** 02-access_spec: "key in request body x-www-form-urlencoded does not identify apikey[1] as api keys". */
    @Test
    void does_not_identify_apikey_1_as_api_keys() throws IOException {
        message(form("apikey[1]=kong&apikey[1]=kong"), 401, "No API key found in request");
    }

    // ------------------------------------------------------------------------ key in headers

    /** 02-access_spec: "key in headers authenticates valid credentials". */
    @Test
    void headers_authenticates_valid_credentials() throws IOException {
        status(get("/request", "Host", "key-auth1.com", "apikey", "kong"), 200);
    }

    /** 02-access_spec: "key in headers returns 401 Unauthorized on invalid key". */
    @Test
    void headers_returns_401_unauthorized_on_invalid_key() throws IOException {
        message(get("/status/200", "Host", "key-auth1.com", "apikey", "123"), 401, UNAUTHORIZED);
    }

    /** 02-access_spec: "underscores or hyphens in key headers authenticates valid credentials". */
    @Test
    void underscores_or_hyphens_authenticates_valid_credentials() throws IOException {
        status(get("/request", "Host", "key-auth8.com", "api_key", "kong"), 200);
        status(get("/request", "Host", "key-auth8.com", "api-key", "kong"), 200);
    }

    /** 02-access_spec: "underscores or hyphens in key headers returns 401 Unauthorized on invalid key". */
    @Test
    void underscores_or_hyphens_returns_401_unauthorized_on_invalid_key() throws IOException {
        message(get("/status/200", "Host", "key-auth8.com", "api_key", "123"), 401, UNAUTHORIZED);
        message(get("/status/200", "Host", "key-auth8.com", "api-key", "123"), 401, UNAUTHORIZED);
    }

    // ------------------------------------------------------------------------ Consumer headers

    /** 02-access_spec: "Consumer headers sends Consumer headers to upstream". */
    @Test
    void sends_consumer_headers_to_upstream() throws IOException {
        JsonNode headers = status(get("/request?apikey=kong", "Host", "key-auth1.com"), 200)
                .get("headers");
        assertThat(headers.get("x-consumer-id").isTextual()).isTrue();
        assertThat(headers.get("x-consumer-username").asText()).isEqualTo("bob");
        assertThat(headers.get("x-credential-identifier").asText()).isEqualTo(id(kongCred));
        assertThat(headers.has("x-credential-username")).isFalse();
        assertThat(headers.has("x-anonymous-consumer")).isFalse();
    }

    // ------------------------------------------------------------------------ config.hide_credentials

    /** The value of {@code apikey} the upstream saw where {@code kind} put it. */
    private static JsonNode upstreamKey(RawHttp.Response response, String kind) {
        JsonNode json = status(response, 200);
        JsonNode field =
                kind.equals("post_data.params") ? json.path("post_data").path("params") : json.path(kind);
        return field.get("apikey");
    }

    /** 02-access_spec: "config.hide_credentials uri_args (<content type>) false sends key to upstream". */
    @ParameterizedTest
    @EnumSource(ContentType.class)
    void uri_args_false_sends_key_to_upstream(ContentType type) throws IOException {
        assertThat(upstreamKey(get("/request?apikey=kong", "Host", "key-auth1.com"), "uri_args")
                        .asText())
                .isEqualTo("kong");
    }

    /** 02-access_spec: "config.hide_credentials uri_args (<content type>) true doesn't send key to upstream". */
    @ParameterizedTest
    @EnumSource(ContentType.class)
    void uri_args_true_doesnt_send_key_to_upstream(ContentType type) throws IOException {
        assertThat(upstreamKey(get("/request?apikey=kong", "Host", "key-auth2.com"), "uri_args"))
                .isNull();
    }

    /** 02-access_spec: "config.hide_credentials headers (<content type>) false sends key to upstream". */
    @ParameterizedTest
    @EnumSource(ContentType.class)
    void headers_false_sends_key_to_upstream(ContentType type) throws IOException {
        assertThat(upstreamKey(get("/request", "Host", "key-auth1.com", "apikey", "kong"), "headers")
                        .asText())
                .isEqualTo("kong");
    }

    /** 02-access_spec: "config.hide_credentials headers (<content type>) true doesn't send key to upstream". */
    @ParameterizedTest
    @EnumSource(ContentType.class)
    void headers_true_doesnt_send_key_to_upstream(ContentType type) throws IOException {
        assertThat(upstreamKey(get("/request", "Host", "key-auth2.com", "apikey", "kong"), "headers"))
                .isNull();
    }

    /** 02-access_spec: "config.hide_credentials post_data.params (<content type>) false sends key to upstream". */
    @ParameterizedTest
    @EnumSource(ContentType.class)
    void post_data_false_sends_key_to_upstream(ContentType type) throws IOException {
        RawHttp.Response res = withBody("POST", "/request", "key-auth5.com", type, body("apikey", "kong"));
        assertThat(upstreamKey(res, "post_data.params").asText()).isEqualTo("kong");
    }

    /** 02-access_spec: "hide_credentials post_data.params (<content type>) true doesn't send key to upstream". */
    @ParameterizedTest
    @EnumSource(ContentType.class)
    void post_data_true_doesnt_send_key_to_upstream(ContentType type) throws IOException {
        RawHttp.Response res = withBody("POST", "/request", "key-auth6.com", type, body("apikey", "kong"));
        assertThat(upstreamKey(res, "post_data.params")).isNull();
    }

    /** 02-access_spec: "config.hide_credentials (<content type>) true preserves body MIME type". */
    @ParameterizedTest
    @EnumSource(ContentType.class)
    void true_preserves_body_mime_type(ContentType type) throws IOException {
        RawHttp.Response res =
                withBody("POST", "/request", "key-auth6.com", type, body("apikey", "kong", "foo", "bar"));
        assertThat(status(res, 200).path("post_data").path("params").path("foo").asText())
                .isEqualTo("bar");
    }

    /** 02-access_spec: "config.hide_credentials fails with 'key_in_body' and unsupported content type". */
    @Test
    void fails_with_key_in_body_and_unsupported_content_type() throws IOException {
        message(
                send("GET", "/status/200", "foobar", "Host", "key-auth6.com", "Content-Type", "text/plain"),
                401,
                "No API key found in request");
    }

    // ------------------------------------------------------------------------ config.anonymous

    /** 02-access_spec: "config.anonymous works with right credentials and anonymous". */
    @Test
    void works_with_right_credentials_and_anonymous() throws IOException {
        JsonNode headers = status(get("/request?apikey=kong", "Host", "key-auth3.com"), 200)
                .get("headers");
        assertThat(headers.get("x-consumer-username").asText()).isEqualTo("bob");
        assertThat(headers.get("x-credential-identifier").asText()).isEqualTo(id(kongCred));
        assertThat(headers.has("x-credential-username")).isFalse();
        assertThat(headers.has("x-anonymous-consumer")).isFalse();
    }

    /** 02-access_spec: "config.anonymous works with wrong credentials and anonymous". */
    @Test
    void works_with_wrong_credentials_and_anonymous() throws IOException {
        JsonNode headers = status(get("/request", "Host", "key-auth3.com"), 200).get("headers");
        assertThat(headers.get("x-anonymous-consumer").asText()).isEqualTo("true");
        assertThat(headers.has("x-credential-identifier")).isFalse();
        assertThat(headers.has("x-credential-username")).isFalse();
        assertThat(headers.get("x-consumer-username").asText()).isEqualTo("no-body");
    }

    /** 02-access_spec: "config.anonymous works with wrong credentials and username as anonymous". */
    @Test
    void works_with_wrong_credentials_and_username_as_anonymous() throws IOException {
        JsonNode headers =
                status(get("/request", "Host", "key-auth10.com"), 200).get("headers");
        assertThat(headers.get("x-anonymous-consumer").asText()).isEqualTo("true");
        assertThat(headers.get("x-consumer-username").asText()).isEqualTo("no-body");
    }

    /** 02-access_spec: "config.anonymous errors when anonymous user doesn't exist". */
    @Test
    void errors_when_anonymous_user_doesnt_exist() throws IOException {
        assertThat(get("/request", "Host", "key-auth4.com").status()).isEqualTo(500);
    }

    // ------------------------------------------------------------------------ multiple auth

    private static final String BASIC = "Basic QWxhZGRpbjpPcGVuU2VzYW1l";

    /** The consumer id the upstream saw, after asserting it was not the anonymous one's marker. */
    private static String authenticatedId(RawHttp.Response res) {
        JsonNode headers = status(res, 200).get("headers");
        assertThat(headers.has("x-anonymous-consumer")).isFalse();
        String id = headers.get("x-consumer-id").asText();
        assertThat(id).isNotEqualTo(anonymousId);
        return id;
    }

    /** 02-access_spec: "multiple auth without anonymous, logical AND passes with all credentials provided". */
    @Test
    void logical_and_passes_with_all_credentials_provided() throws IOException {
        RawHttp.Response res = get("/request", "Host", "logical-and.com", "apikey", "Mouse", "Authorization", BASIC);
        assertThat(authenticatedId(res)).isIn(mickeyId, aladdinId);
    }

    /** 02-access_spec: "logical AND fails 401, with only the first credential provided". */
    @Test
    void logical_and_fails_401_with_only_the_first_credential_provided() throws IOException {
        assertThat(get("/request", "Host", "logical-and.com", "apikey", "Mouse").status())
                .isEqualTo(401);
    }

    /** 02-access_spec: "logical AND fails 401, with only the second credential provided". */
    @Test
    void logical_and_fails_401_with_only_the_second_credential_provided() throws IOException {
        assertThat(get("/request", "Host", "logical-and.com", "Authorization", BASIC)
                        .status())
                .isEqualTo(401);
    }

    /** 02-access_spec: "logical AND fails 401, with no credential provided". */
    @Test
    void logical_and_fails_401_with_no_credential_provided() throws IOException {
        assertThat(get("/request", "Host", "logical-and.com").status()).isEqualTo(401);
    }

    /** 02-access_spec: "multiple auth with anonymous, logical OR passes with all credentials provided". */
    @Test
    void logical_or_passes_with_all_credentials_provided() throws IOException {
        RawHttp.Response res = get("/request", "Host", "logical-or.com", "apikey", "Mouse", "Authorization", BASIC);
        assertThat(authenticatedId(res)).isIn(mickeyId, aladdinId);
    }

    /** 02-access_spec: "multiple auth with anonymous, logical OR passes with only the first credential provided". */
    @Test
    void logical_or_passes_with_only_the_first_credential_provided() throws IOException {
        assertThat(authenticatedId(get("/request", "Host", "logical-or.com", "apikey", "Mouse")))
                .isEqualTo(mickeyId);
    }

    /** 02-access_spec: "multiple auth with anonymous, logical OR passes with only the second credential provided". */
    @Test
    void logical_or_passes_with_only_the_second_credential_provided() throws IOException {
        assertThat(authenticatedId(get("/request", "Host", "logical-or.com", "Authorization", BASIC)))
                .isEqualTo(aladdinId);
    }

    /** 02-access_spec: "multiple auth with anonymous, logical OR passes with no credential provided". */
    @Test
    void logical_or_passes_with_no_credential_provided() throws IOException {
        JsonNode headers =
                status(get("/request", "Host", "logical-or.com"), 200).get("headers");
        assertThat(headers.has("x-anonymous-consumer")).isTrue();
        assertThat(headers.get("x-consumer-id").asText()).isEqualTo(anonymousId);
    }

    // ------------------------------------------------------------------------ auto-expiring keys

    /** 02-access_spec: "auto-expiring keys authenticate for up to 'ttl'". */
    @Test
    void authenticate_for_up_to_ttl() throws IOException {
        String service = id(client.create("/services", body("name", "mock-ttl", "url", mock.url())));
        keyAuth(hostRoute(service, "key-ttl.com"), body());
        client.create("/consumers", body("username", "Jafar"));
        client.create("/consumers/Jafar/key-auth", body("key", "kong-ttl", "ttl", 4));
        status(get("/status/200", "Host", "key-ttl.com", "apikey", "kong-ttl"), 200);
        RawHttp.await(
                () -> get("/status/200", "Host", "key-ttl.com", "apikey", "kong-ttl")
                                .status()
                        == 401,
                Duration.ofSeconds(15));
    }

    // ------------------------------------------------------------------------ key_in_* combinations

    /**
     * 02-access_spec: "combination #<i> (<input> => <path>) works": the key {@code right} / {@code wrong} / absent
     * ({@code n}) in the header, the query and a form body, against the routes whose key-auth looks in the header,
     * query and body as {@code t}/{@code f} say.
     */
    @ParameterizedTest(name = "combination #{index} ({0} => {1}) works")
    @CsvSource({
        "rrr,ttt,200", "rrr,ttf,200", "rrr,tff,200", "rrr,fff,401", "rrr,fft,200", "rrr,tft,200", "rrr,ftf,200",
        "rrw,ttt,200", "rrw,ttf,200", "rrw,tff,200", "rrw,fff,401", "rrw,fft,401", "rrw,tft,200", "rrw,ftf,200",
        "rww,ttt,200", "rww,ttf,200", "rww,tff,200", "rww,fff,401", "rww,fft,401", "rww,tft,200", "rww,ftf,401",
        "www,ttt,401", "www,ttf,401", "www,tff,401", "www,fff,401", "www,fft,401", "www,tft,401", "www,ftf,401",
        "wwr,ttt,401", "wwr,ttf,401", "wwr,tff,401", "wwr,fff,401", "wwr,fft,200", "wwr,tft,401", "wwr,ftf,401",
        "rwr,ttt,200", "rwr,ttf,200", "rwr,tff,200", "rwr,fff,401", "rwr,fft,200", "rwr,tft,200", "rwr,ftf,401",
        "wrw,ttt,401", "wrw,ttf,401", "wrw,tff,401", "wrw,fff,401", "wrw,fft,401", "wrw,tft,401", "wrw,ftf,200",
        "nnn,ttt,401", "nnn,ttf,401", "nnn,tff,401", "nnn,fff,401", "nnn,fft,401", "nnn,tft,401", "nnn,ftf,401",
        "nnw,ttt,401", "nnw,ttf,401", "nnw,tff,401", "nnw,fff,401", "nnw,fft,401", "nnw,tft,401", "nnw,ftf,401",
        "nww,ttt,401", "nww,ttf,401", "nww,tff,401", "nww,fff,401", "nww,fft,401", "nww,tft,401", "nww,ftf,401",
        "wwn,ttt,401", "wwn,ttf,401", "wwn,tff,401", "wwn,fff,401", "wwn,fft,401", "wwn,tft,401", "wwn,ftf,401",
        "nwn,ttt,401", "nwn,ttf,401", "nwn,tff,401", "nwn,fff,401", "nwn,fft,401", "nwn,tft,401", "nwn,ftf,401",
        "wnw,ttt,401", "wnw,ttf,401", "wnw,tff,401", "wnw,fff,401", "wnw,fft,401", "wnw,tft,401", "wnw,ftf,401",
        "rrn,ttt,200", "rrn,ttf,200", "rrn,tff,200", "rrn,fff,401", "rrn,fft,401", "rrn,tft,200", "rrn,ftf,200",
        "rnn,ttt,200", "rnn,ttf,200", "rnn,tff,200", "rnn,fff,401", "rnn,fft,401", "rnn,tft,200", "rnn,ftf,401",
        "nnr,ttt,200", "nnr,ttf,401", "nnr,tff,401", "nnr,fff,401", "nnr,fft,200", "nnr,tft,200", "nnr,ftf,401",
        "rnr,ttt,200", "rnr,ttf,200", "rnr,tff,200", "rnr,fff,401", "rnr,fft,200", "rnr,tft,200", "rnr,ftf,401",
        "nrn,ttt,200", "nrn,ttf,200", "nrn,tff,401", "nrn,fff,401", "nrn,fft,401", "nrn,tft,401", "nrn,ftf,200",
        "nrw,ttt,200", "nrw,ttf,200", "nrw,tff,401", "nrw,fff,401", "nrw,fft,401", "nrw,tft,401", "nrw,ftf,200",
        "rwn,ttt,200", "rwn,ttf,200", "rwn,tff,200", "rwn,fff,401", "rwn,fft,401", "rwn,tft,200", "rwn,ftf,401",
        "rnw,ttt,200", "rnw,ttf,200", "rnw,tff,200", "rnw,fff,401", "rnw,fft,401", "rnw,tft,200", "rnw,ftf,401",
        "nwr,ttt,401", "nwr,ttf,401", "nwr,tff,401", "nwr,fff,401", "nwr,fft,200", "nwr,tft,200", "nwr,ftf,401",
        "wrn,ttt,401", "wrn,ttf,401", "wrn,tff,401", "wrn,fff,401", "wrn,fft,401", "wrn,tft,401", "wrn,ftf,200",
        "wnr,ttt,401", "wnr,ttf,401", "wnr,tff,401", "wnr,fff,401", "wnr,fft,200", "wnr,tft,401", "wnr,ftf,401",
    })
    void combination_works(String input, String path, int expected) throws IOException {
        String header = key(input.charAt(0));
        String query = key(input.charAt(1));
        String body = key(input.charAt(2));
        String target = "/" + path + (query == null ? "" : "?apikey=" + query);
        RawHttp.Response res = header == null
                ? send(
                        "POST",
                        target,
                        body == null ? null : "apikey=" + body,
                        "Content-Type",
                        "application/x-www-form-urlencoded")
                : send(
                        "POST",
                        target,
                        body == null ? null : "apikey=" + body,
                        "Content-Type",
                        "application/x-www-form-urlencoded",
                        "apikey",
                        header);
        assertThat(res.status()).as(res.body()).isEqualTo(expected);
    }

    private static @Nullable String key(char c) {
        return switch (c) {
            case 'r' -> "right";
            case 'w' -> "wrong";
            default -> null;
        };
    }
}
