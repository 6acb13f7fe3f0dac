package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.now;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.sign;
import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/19-hmac-auth/03-access_spec.lua} (its newest 3.x revision), second {@code describe}
 * block: hmac-auth and key-auth on one route, without anonymous (both must pass, logical AND) and with anonymous
 * (either may pass, logical OR), against one real node proxying to {@link KongMockUpstream}. All 8 of the block's
 * cases are ported; the first block is {@link KongHmacAuthAccessSpecIT} and {@link KongHmacAuthAccessOptionsSpecIT}.
 *
 * <p>The block's {@code lazy_setup} is built once for the class, its signature over a date taken then (as Kong's
 * is; the plugins' default {@code clock_skew} of 300 s covers the class's run); no case writes.
 */
class KongHmacAuthMultipleAuthSpecIT {

    private static final String SPEC = "03-access_spec";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongMockUpstream mock;

    static JsonNode anonymous;
    static JsonNode mickey;
    static JsonNode aladdin;
    static String hmacDate;
    static String hmacAuth;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("kong-hmac-auth-multiple", dir, Map.of());
        KongSpecClient client = new KongSpecClient(node.admin());
        anonymous = client.create("/consumers", body("username", "Anonymous"));
        mickey = client.create("/consumers", body("username", "Mickey"));
        aladdin = client.create("/consumers", body("username", "Aladdin"));
        String and = route(client, "logical-and.test");
        String or = route(client, "logical-or.test");
        plugin(client, and, "hmac-auth", Map.of());
        plugin(client, and, "key-auth", Map.of());
        plugin(client, or, "hmac-auth", Map.of("anonymous", id(anonymous)));
        plugin(client, or, "key-auth", Map.of("anonymous", id(anonymous)));
        client.create("/consumers/Mickey/key-auth", body("key", "Mouse"));
        client.create("/consumers/Aladdin/hmac-auth", body("username", "Aladdin", "secret", "OpenSesame"));
        hmacDate = now();
        hmacAuth = "hmac username=\"Aladdin\",algorithm=\"hmac-sha1\",headers=\"date\",signature=\""
                + sign("HmacSHA1", "OpenSesame", "date: " + hmacDate) + "\"";
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

    /** A route for {@code host} with a service of its own on the mock upstream at {@code /request}. */
    private static String route(KongSpecClient client, String host) {
        JsonNode service = client.create("/services", body("name", unique("svc"), "url", mock.url() + "/request"));
        return id(client.route(
                "hosts", List.of(host), "protocols", List.of("http", "https"), "service", Map.of("id", id(service))));
    }

    private static void plugin(KongSpecClient client, String route, String name, Map<String, Object> config) {
        client.create("/routes/" + route + "/plugins", body("name", name, "config", config));
    }

    private static String id(JsonNode entity) {
        return entity.get("id").asText();
    }

    private static RawHttp.Response get(String host, String... headers) throws IOException {
        RawHttp.Request request = RawHttp.request("GET", host, "/request");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send(node.proxyPort);
    }

    /** The upstream's echo of the request's headers, after asserting a 200. */
    private static JsonNode upstreamHeaders(RawHttp.Response res) {
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json().get("headers");
    }

    // ------------------------------------------------------------------- multiple auth without anonymous (AND)

    /** {@value #SPEC}: "multiple auth without anonymous, logical AND passes with all credentials provided". */
    @Test
    void logical_and_passes_with_all_credentials_provided() throws IOException {
        JsonNode headers = upstreamHeaders(
                get("logical-and.test", "apikey", "Mouse", "Authorization", hmacAuth, "date", hmacDate));
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
        RawHttp.Response res = get("logical-and.test", "apikey", "Mouse");
        assertThat(res.status()).isEqualTo(401);
        assertThat(res.header("WWW-Authenticate")).isEqualTo("hmac");
    }

    /**
     * {@value #SPEC}: "multiple auth without anonymous, logical AND fails 401, with only the second credential
     * provided".
     */
    @Test
    void logical_and_fails_401_with_only_the_second_credential_provided() throws IOException {
        RawHttp.Response res = get("logical-and.test", "Authorization", hmacAuth, "date", hmacDate);
        assertThat(res.status()).isEqualTo(401);
        assertThat(res.header("WWW-Authenticate")).isEqualTo("Key");
    }

    /** {@value #SPEC}: "multiple auth without anonymous, logical AND fails 401, with no credential provided". */
    @Test
    void logical_and_fails_401_with_no_credential_provided() throws IOException {
        RawHttp.Response res = get("logical-and.test");
        assertThat(res.status()).isEqualTo(401);
        assertThat(res.header("WWW-Authenticate")).isEqualTo("Key");
    }

    // ---------------------------------------------------------------------- multiple auth with anonymous (OR)

    /** {@value #SPEC}: "multiple auth with anonymous, logical OR passes with all credentials provided". */
    @Test
    void logical_or_passes_with_all_credentials_provided() throws IOException {
        JsonNode headers =
                upstreamHeaders(get("logical-or.test", "apikey", "Mouse", "Authorization", hmacAuth, "date", hmacDate));
        assertThat(headers.has("x-anonymous-consumer")).as(headers.toString()).isFalse();
        assertThat(headers.path("x-consumer-id").asText())
                .isNotEqualTo(id(anonymous))
                .isIn(id(mickey), id(aladdin));
    }

    /** {@value #SPEC}: "multiple auth with anonymous, logical OR passes with only the first credential provided". */
    @Test
    void logical_or_passes_with_only_the_first_credential_provided() throws IOException {
        JsonNode headers = upstreamHeaders(get("logical-or.test", "apikey", "Mouse"));
        assertThat(headers.has("x-anonymous-consumer")).as(headers.toString()).isFalse();
        assertThat(headers.path("x-consumer-id").asText()).isEqualTo(id(mickey));
    }

    /** {@value #SPEC}: "multiple auth with anonymous, logical OR passes with only the second credential provided". */
    @Test
    void logical_or_passes_with_only_the_second_credential_provided() throws IOException {
        JsonNode headers = upstreamHeaders(get("logical-or.test", "Authorization", hmacAuth, "date", hmacDate));
        assertThat(headers.has("x-anonymous-consumer")).as(headers.toString()).isFalse();
        assertThat(headers.path("x-consumer-id").asText()).isEqualTo(id(aladdin));
    }

    /** {@value #SPEC}: "multiple auth with anonymous, logical OR passes with no credential provided". */
    @Test
    void logical_or_passes_with_no_credential_provided() throws IOException {
        JsonNode headers = upstreamHeaders(get("logical-or.test"));
        assertThat(headers.has("x-anonymous-consumer")).as(headers.toString()).isTrue();
        assertThat(headers.path("x-consumer-id").asText()).isEqualTo(id(anonymous));
    }
}
