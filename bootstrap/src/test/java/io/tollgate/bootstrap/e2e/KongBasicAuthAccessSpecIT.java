package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/10-basic-auth/03-access_spec.lua} (its 3.x revision): the basic-auth plugin on the
 * proxy path, against one real node proxying to {@link KongMockUpstream}. All 26 of the spec's cases are ported.
 *
 * <p>Both of the spec's {@code lazy_setup} blocks are built once for the class on the same node (their hosts differ);
 * no case writes, so the cases are independent of each other and of their order. The stored revision expects
 * {@code WWW-Authenticate: Basic realm="kong"}; Kong 3.6 added the {@code realm} setting whose default
 * {@code "service"} Kong has answered since, and which Tollgate follows. Error bodies also carry the
 * {@code request_id}, as all of Tollgate's do (Kong's newer error templates), which this revision's exact bodies
 * leave out.
 */
class KongBasicAuthAccessSpecIT {

    private static final String SPEC = "03-access_spec";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongMockUpstream mock;
    static KongSpecClient client;

    static JsonNode anonymous;
    static JsonNode mickey;
    static JsonNode aladdin;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("kong-basic-auth-access", dir, Map.of());
        client = new KongSpecClient(node.admin());
        firstBlock();
        secondBlock();
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

    /** The first block's setup: consumers bob and no-body, routes basic-auth1.com to basic-auth5.com. */
    private static void firstBlock() {
        client.create("/consumers", body("username", "bob"));
        JsonNode nobody = client.create("/consumers", body("username", "no-body"));
        String route1 = route("basic-auth1.com", "");
        String route2 = route("basic-auth2.com", "");
        String route3 = route("basic-auth3.com", "");
        String route4 = route("basic-auth4.com", "");
        String route5 = route("basic-auth5.com", "");
        plugin(route1, "basic-auth", Map.of());
        plugin(route2, "basic-auth", Map.of("hide_credentials", true));
        credential("bob", "bob", "kong");
        credential("bob", "user123", "password123");
        credential("bob", "user321", "password:123");
        plugin(route3, "basic-auth", Map.of("anonymous", id(nobody)));
        plugin(route4, "basic-auth", Map.of("anonymous", UUID.randomUUID().toString()));
        plugin(route5, "basic-auth", Map.of("anonymous", nobody.get("username").asText()));
    }

    /** The second block's setup: basic-auth and key-auth together, without (AND) and with (OR) anonymous. */
    private static void secondBlock() {
        anonymous = client.create("/consumers", body("username", "Anonymous"));
        mickey = client.create("/consumers", body("username", "Mickey"));
        aladdin = client.create("/consumers", body("username", "Aladdin"));
        String and = route("logical-and.com", "/request");
        String or = route("logical-or.com", "/request");
        plugin(and, "basic-auth", Map.of());
        plugin(and, "key-auth", Map.of());
        plugin(or, "basic-auth", Map.of("anonymous", id(anonymous)));
        plugin(or, "key-auth", Map.of("anonymous", id(anonymous)));
        client.create("/consumers/Mickey/key-auth", body("key", "Mouse"));
        credential("Aladdin", "Aladdin", "OpenSesame");
    }

    /** A route for {@code host} with a service of its own on the mock upstream (at {@code path}); returns its id. */
    private static String route(String host, String path) {
        JsonNode service = client.create("/services", body("name", unique("svc"), "url", mock.url() + path));
        return id(client.route("hosts", List.of(host), "service", Map.of("id", id(service))));
    }

    private static void plugin(String route, String name, Map<String, Object> config) {
        client.create("/routes/" + route + "/plugins", body("name", name, "config", config));
    }

    private static void credential(String consumer, String username, String password) {
        client.create("/consumers/" + consumer + "/basic-auth", body("username", username, "password", password));
    }

    private static String id(JsonNode entity) {
        return entity.get("id").asText();
    }

    private static RawHttp.Response get(String path, String host, String... headers) throws IOException {
        RawHttp.Request request = RawHttp.request("GET", host, path);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send(node.proxyPort);
    }

    /** The response's JSON body after asserting its status. */
    private static JsonNode json(RawHttp.Response res, int status) {
        assertThat(res.status()).as(res.body()).isEqualTo(status);
        return res.json();
    }

    /** The upstream's echo of the request's headers (lower-case names), after asserting a 200. */
    private static JsonNode upstreamHeaders(RawHttp.Response res) {
        return json(res, 200).get("headers");
    }

    /** Asserts Kong's error body: the message, and the {@code request_id} its newer error templates add. */
    private static void assertError(RawHttp.Response res, String message) {
        assertThat(json(res, 401))
                .isEqualTo(Http.JSON
                        .createObjectNode()
                        .put("message", message)
                        .put("request_id", res.header("x-kong-request-id")));
    }

    private static void assertInvalid(RawHttp.Response res) {
        assertError(res, "Invalid authentication credentials");
    }

    // ------------------------------------------------------------------------------------------- Unauthorized

    /** {@value #SPEC}: "Unauthorized returns Unauthorized on missing credentials". */
    @Test
    void returns_unauthorized_on_missing_credentials() throws IOException {
        RawHttp.Response res = get("/status/200", "basic-auth1.com");
        assertError(res, "Unauthorized");
    }

    /** {@value #SPEC}: "Unauthorized returns WWW-Authenticate header on missing credentials". */
    @Test
    void returns_www_authenticate_header_on_missing_credentials() throws IOException {
        RawHttp.Response res = get("/status/200", "basic-auth1.com");
        assertThat(res.status()).isEqualTo(401);
        assertThat(res.header("WWW-Authenticate")).isEqualTo("Basic realm=\"service\"");
    }

    /** {@value #SPEC}: "Unauthorized returns 401 Unauthorized on invalid credentials in Authorization". */
    @Test
    void returns_401_unauthorized_on_invalid_credentials_in_authorization() throws IOException {
        assertInvalid(get("/status/200", "basic-auth1.com", "Authorization", "foobar"));
    }

    /** {@value #SPEC}: "Unauthorized returns 401 Unauthorized on invalid credentials in Proxy-Authorization". */
    @Test
    void returns_401_unauthorized_on_invalid_credentials_in_proxy_authorization() throws IOException {
        assertInvalid(get("/status/200", "basic-auth1.com", "Proxy-Authorization", "foobar"));
    }

    /** {@value #SPEC}: "Unauthorized returns 401 Unauthorized on password only". */
    @Test
    void returns_401_unauthorized_on_password_only() throws IOException {
        assertInvalid(get("/status/200", "basic-auth1.com", "Authorization", "Basic a29uZw=="));
    }

    /** {@value #SPEC}: "Unauthorized returns 401 Unauthorized on username only". */
    @Test
    void returns_401_unauthorized_on_username_only() throws IOException {
        assertInvalid(get("/status/200", "basic-auth1.com", "Authorization", "Basic Ym9i"));
    }

    /** {@value #SPEC}: "Unauthorized authenticates valid credentials in Authorization" (the first of two). */
    @Test
    void authenticates_valid_credentials_in_authorization() throws IOException {
        RawHttp.Response res = get("/status/200", "basic-auth1.com", "Authorization", "Basic Ym9iOmtvbmc=");
        assertThat(res.status()).as(res.body()).isEqualTo(200);
    }

    /**
     * {@value #SPEC}: "Unauthorized authenticates valid credentials in Authorization" (the second, reading the
     * consumer's username upstream; the credential identifier is checked too).
     */
    @Test
    void authenticates_valid_credentials_in_authorization_consumer_username() throws IOException {
        JsonNode headers = upstreamHeaders(
                get("/request", "basic-auth1.com", "Authorization", "Basic dXNlcjEyMzpwYXNzd29yZDEyMw=="));
        assertThat(headers.path("x-consumer-username").asText()).isEqualTo("bob");
        assertThat(headers.path("x-credential-identifier").asText()).isEqualTo("user123");
    }

    /** {@value #SPEC}: "Unauthorized authenticates with a password containing ':'". */
    @Test
    void authenticates_with_a_password_containing_colon() throws IOException {
        JsonNode headers = upstreamHeaders(
                get("/request", "basic-auth1.com", "Authorization", "Basic dXNlcjMyMTpwYXNzd29yZDoxMjM="));
        assertThat(headers.path("x-consumer-username").asText()).isEqualTo("bob");
    }

    /** {@value #SPEC}: "Unauthorized returns 401 for valid Base64 encoding". */
    @Test
    void returns_401_for_valid_base64_encoding() throws IOException {
        assertInvalid(get("/status/200", "basic-auth1.com", "Authorization", "Basic adXNlcjEyMzpwYXNzd29yZDEyMw=="));
    }

    /** {@value #SPEC}: "Unauthorized authenticates valid credentials in Proxy-Authorization". */
    @Test
    void authenticates_valid_credentials_in_proxy_authorization() throws IOException {
        RawHttp.Response res = get("/status/200", "basic-auth1.com", "Proxy-Authorization", "Basic Ym9iOmtvbmc=");
        assertThat(res.status()).as(res.body()).isEqualTo(200);
    }

    // --------------------------------------------------------------------------------------- Consumer headers

    /** {@value #SPEC}: "Consumer headers sends Consumer headers to upstream". */
    @Test
    void sends_consumer_headers_to_upstream() throws IOException {
        JsonNode headers = upstreamHeaders(get("/request", "basic-auth1.com", "Authorization", "Basic Ym9iOmtvbmc="));
        assertThat(headers.path("x-consumer-id").isTextual())
                .as(headers.toString())
                .isTrue();
        assertThat(headers.path("x-consumer-username").asText()).isEqualTo("bob");
    }

    // ------------------------------------------------------------------------------------ config.hide_credentials

    /** {@value #SPEC}: "config.hide_credentials false sends key to upstream". */
    @Test
    void false_sends_key_to_upstream() throws IOException {
        JsonNode headers = upstreamHeaders(get("/request", "basic-auth1.com", "Authorization", "Basic Ym9iOmtvbmc="));
        assertThat(headers.path("authorization").asText()).isEqualTo("Basic Ym9iOmtvbmc=");
    }

    /** {@value #SPEC}: "config.hide_credentials true doesn't send key to upstream". */
    @Test
    void true_doesnt_send_key_to_upstream() throws IOException {
        JsonNode headers = upstreamHeaders(get("/request", "basic-auth2.com", "Authorization", "Basic Ym9iOmtvbmc="));
        assertThat(headers.has("authorization")).as(headers.toString()).isFalse();
    }

    // ------------------------------------------------------------------------------------------ config.anonymous

    /** {@value #SPEC}: "config.anonymous works with right credentials and anonymous". */
    @Test
    void works_with_right_credentials_and_anonymous() throws IOException {
        JsonNode headers = upstreamHeaders(
                get("/request", "basic-auth3.com", "Authorization", "Basic dXNlcjEyMzpwYXNzd29yZDEyMw=="));
        assertThat(headers.path("x-consumer-username").asText()).isEqualTo("bob");
        assertThat(headers.has("x-anonymous-consumer")).as(headers.toString()).isFalse();
    }

    /** {@value #SPEC}: "config.anonymous works with wrong credentials and anonymous". */
    @Test
    void works_with_wrong_credentials_and_anonymous() throws IOException {
        JsonNode headers = upstreamHeaders(get("/request", "basic-auth3.com"));
        assertThat(headers.path("x-anonymous-consumer").asText()).isEqualTo("true");
        assertThat(headers.path("x-consumer-username").asText()).isEqualTo("no-body");
    }

    /** {@value #SPEC}: "config.anonymous works with wrong credentials and username in anonymous". */
    @Test
    void works_with_wrong_credentials_and_username_in_anonymous() throws IOException {
        JsonNode headers = upstreamHeaders(get("/request", "basic-auth5.com"));
        assertThat(headers.path("x-anonymous-consumer").asText()).isEqualTo("true");
        assertThat(headers.path("x-consumer-username").asText()).isEqualTo("no-body");
    }

    /** {@value #SPEC}: "config.anonymous errors when anonymous user doesn't exist". */
    @Test
    void errors_when_anonymous_user_doesnt_exist() throws IOException {
        assertThat(get("/request", "basic-auth4.com").status()).isEqualTo(500);
    }

    // ------------------------------------------------------------------- multiple auth without anonymous (AND)

    /** {@value #SPEC}: "multiple auth without anonymous, logical AND passes with all credentials provided". */
    @Test
    void logical_and_passes_with_all_credentials_provided() throws IOException {
        JsonNode headers = upstreamHeaders(get(
                "/request", "logical-and.com", "apikey", "Mouse", "Authorization", "Basic QWxhZGRpbjpPcGVuU2VzYW1l"));
        assertThat(headers.has("x-anonymous-consumer")).as(headers.toString()).isFalse();
        assertThat(headers.path("x-consumer-id").asText())
                .isNotEqualTo(id(anonymous))
                .isIn(id(mickey), id(aladdin));
    }

    /**
     * {@value #SPEC}: "multiple auth without anonymous, logical AND fails 401, with only the first credential
     * provided".
     */
    @Test
    void logical_and_fails_401_with_only_the_first_credential_provided() throws IOException {
        assertThat(get("/request", "logical-and.com", "apikey", "Mouse").status())
                .isEqualTo(401);
    }

    /**
     * {@value #SPEC}: "multiple auth without anonymous, logical AND fails 401, with only the second credential
     * provided".
     */
    @Test
    void logical_and_fails_401_with_only_the_second_credential_provided() throws IOException {
        RawHttp.Response res = get("/request", "logical-and.com", "Authorization", "Basic QWxhZGRpbjpPcGVuU2VzYW1l");
        assertThat(res.status()).isEqualTo(401);
    }

    /** {@value #SPEC}: "multiple auth without anonymous, logical AND fails 401, with no credential provided". */
    @Test
    void logical_and_fails_401_with_no_credential_provided() throws IOException {
        assertThat(get("/request", "logical-and.com").status()).isEqualTo(401);
    }

    // ---------------------------------------------------------------------- multiple auth with anonymous (OR)

    /** {@value #SPEC}: "multiple auth with anonymous, logical OR passes with all credentials provided". */
    @Test
    void logical_or_passes_with_all_credentials_provided() throws IOException {
        JsonNode headers = upstreamHeaders(get(
                "/request", "logical-or.com", "apikey", "Mouse", "Authorization", "Basic QWxhZGRpbjpPcGVuU2VzYW1l"));
        assertThat(headers.has("x-anonymous-consumer")).as(headers.toString()).isFalse();
        assertThat(headers.path("x-consumer-id").asText())
                .isNotEqualTo(id(anonymous))
                .isIn(id(mickey), id(aladdin));
    }

    /** {@value #SPEC}: "multiple auth with anonymous, logical OR passes with only the first credential provided". */
    @Test
    void logical_or_passes_with_only_the_first_credential_provided() throws IOException {
        JsonNode headers = upstreamHeaders(get("/request", "logical-or.com", "apikey", "Mouse"));
        assertThat(headers.has("x-anonymous-consumer")).as(headers.toString()).isFalse();
        assertThat(headers.path("x-consumer-id").asText()).isEqualTo(id(mickey));
    }

    /** {@value #SPEC}: "multiple auth with anonymous, logical OR passes with only the second credential provided". */
    @Test
    void logical_or_passes_with_only_the_second_credential_provided() throws IOException {
        JsonNode headers =
                upstreamHeaders(get("/request", "logical-or.com", "Authorization", "Basic QWxhZGRpbjpPcGVuU2VzYW1l"));
        assertThat(headers.has("x-anonymous-consumer")).as(headers.toString()).isFalse();
        assertThat(headers.path("x-consumer-id").asText()).isEqualTo(id(aladdin));
    }

    /** {@value #SPEC}: "multiple auth with anonymous, logical OR passes with no credential provided". */
    @Test
    void logical_or_passes_with_no_credential_provided() throws IOException {
        JsonNode headers = upstreamHeaders(get("/request", "logical-or.com"));
        assertThat(headers.has("x-anonymous-consumer")).as(headers.toString()).isTrue();
        assertThat(headers.path("x-consumer-id").asText()).isEqualTo(id(anonymous));
    }
}
