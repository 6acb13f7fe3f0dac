package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.BODY;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.NOT_SAME;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.assertDenied;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.dateOnly;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.digest;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.escape;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.md5Lines;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.now;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.ok;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.quotedDateOnly;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.request;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.setUp;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.sha1;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.sign;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.spaced;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/19-hmac-auth/03-access_spec.lua} (its newest 3.x revision), first {@code describe}
 * block ("HMAC Authentication"), its cases on the routes without a {@code realm}: {@code anonymous} (by id, by
 * username, missing), {@code validate_request_body} with the {@code Digest} header, {@code enforce_headers} with the
 * request line (query strings, encoded paths) and {@code algorithms}: 27 cases, against one real node proxying to
 * {@link KongMockUpstream}. The block's other cases are {@link KongHmacAuthAccessSpecIT}.
 *
 * <p>The block's {@code lazy_setup} is built once for the class ({@link KongHmacAuthSpecSupport#setUp}); no case
 * writes, so the cases are independent of each other and of their order.
 */
class KongHmacAuthAccessOptionsSpecIT {

    private static final String SPEC = "03-access_spec";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongMockUpstream mock;

    static JsonNode bob;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("kong-hmac-auth-options", dir, Map.of());
        bob = setUp(new KongSpecClient(node.admin()), mock);
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

    private static RawHttp.Response send(String method, String host, String path, String... headers)
            throws IOException {
        return request(method, host, path, headers).send(node.proxyPort);
    }

    /** {@code GET path} on {@code hmacauth5.test} signed over date, content-md5 and the request line. */
    private static RawHttp.Response enforced(String path, String date, String signature) throws IOException {
        return send(
                "GET",
                "hmacauth5.test",
                path,
                "date",
                date,
                "proxy-authorization",
                spaced("hmac-sha1", "date content-md5 request-line", signature),
                "content-md5",
                "md5");
    }

    /** A POST of {@code body} on hmacauth4.test signed over date and the digest of {@code BODY}. */
    private static RawHttp.Response digested(String body, String... digestHeader) throws IOException {
        String date = now();
        String digest = digest(BODY);
        String hmacAuth = "\"hmac username=\"bob\",algorithm=\"hmac-sha1\",headers=\"date digest\",signature=\""
                + sha1("date: " + date + "\ndigest: " + digest) + "\"";
        RawHttp.Request request =
                request("POST", "hmacauth4.test", "/request", "date", date, "authorization", hmacAuth);
        for (String value : digestHeader) {
            request.header("digest", value.replace("<digest>", digest));
        }
        return request.body(body).send(node.proxyPort);
    }

    // ------------------------------------------------------------------------------------------------ anonymous

    /** {@value #SPEC}: "HMAC Authentication should pass with valid credentials and anonymous". */
    @Test
    void should_pass_with_valid_credentials_and_anonymous() throws IOException {
        String date = now();
        String hmacAuth = dateOnly(date);
        JsonNode headers = ok(send("GET", "hmacauth2.test", "/request", "date", date, "authorization", hmacAuth))
                .path("headers");
        assertThat(headers.path("authorization").asText()).isEqualTo(hmacAuth);
        assertThat(headers.path("x-consumer-username").asText()).isEqualTo("bob");
        assertThat(headers.path("x-credential-identifier").asText()).isEqualTo("bob");
        assertThat(headers.has("x-anonymous-consumer")).as(headers.toString()).isFalse();
    }

    /** {@value #SPEC}: "HMAC Authentication should pass with invalid credentials and anonymous". */
    @Test
    void should_pass_with_invalid_credentials_and_anonymous() throws IOException {
        JsonNode headers = ok(send("GET", "hmacauth2.test", "/request")).path("headers");
        assertThat(headers.path("x-anonymous-consumer").asText()).isEqualTo("true");
        assertThat(headers.path("x-consumer-username").asText()).isEqualTo("no-body");
        assertThat(headers.has("x-credential-identifier"))
                .as(headers.toString())
                .isFalse();
    }

    /** {@value #SPEC}: "HMAC Authentication should pass with invalid credentials and username in anonymous". */
    @Test
    void should_pass_with_invalid_credentials_and_username_in_anonymous() throws IOException {
        JsonNode headers = ok(send("GET", "hmacauth7.test", "/request")).path("headers");
        assertThat(headers.path("x-anonymous-consumer").asText()).isEqualTo("true");
        assertThat(headers.path("x-consumer-username").asText()).isEqualTo("no-body");
    }

    /** {@value #SPEC}: "HMAC Authentication errors when anonymous user doesn't exist". */
    @Test
    void errors_when_anonymous_user_doesnt_exist() throws IOException {
        assertThat(send("GET", "hmacauth3.test", "/request").status()).isEqualTo(500);
    }

    // ------------------------------------------------------------------------------------------ body validation

    /**
     * {@value #SPEC}: "HMAC Authentication should return 401 when body validation enabled and no digest header is
     * present".
     */
    @Test
    void should_return_401_when_body_validation_enabled_and_no_digest_header_is_present() throws IOException {
        String date = now();
        RawHttp.Response res = request(
                        "POST", "hmacauth4.test", "/request", "date", date, "authorization", quotedDateOnly(date))
                .body(BODY)
                .send(node.proxyPort);
        assertDenied(res, "hmac", NOT_SAME);
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should return 200 when body validation enabled and no body and no
     * digest header is present".
     */
    @Test
    void should_return_200_when_body_validation_enabled_and_no_body_and_no_digest_header_is_present()
            throws IOException {
        String date = now();
        ok(send("GET", "hmacauth4.test", "/request", "date", date, "authorization", quotedDateOnly(date)));
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should return 200 when body validation enabled and no body and an
     * digest header is present".
     */
    @Test
    void should_return_200_when_body_validation_enabled_and_no_body_and_an_digest_header_is_present()
            throws IOException {
        String date = now();
        String digest = digest("");
        String hmacAuth = "\"hmac username=\"bob\",algorithm=\"hmac-sha1\",headers=\"date digest\",signature=\""
                + sha1("date: " + date + "\ndigest: " + digest) + "\"";
        ok(send("GET", "hmacauth4.test", "/request", "date", date, "digest", digest, "authorization", hmacAuth));
    }

    /** {@value #SPEC}: "HMAC Authentication should pass with GET when body validation enabled". */
    @Test
    void should_pass_with_get_when_body_validation_enabled() throws IOException {
        String date = now();
        ok(send("GET", "hmacauth4.test", "/request", "date", date, "authorization", quotedDateOnly(date)));
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should pass with POST when body validation enabled and digest header
     * present".
     */
    @Test
    void should_pass_with_post_when_body_validation_enabled_and_digest_header_present() throws IOException {
        ok(digested(BODY, "<digest>"));
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should pass with POST when body validation enabled but digest header
     * not used" (the spec sends and signs the digest here too).
     */
    @Test
    void should_pass_with_post_when_body_validation_enabled_but_digest_header_not_used() throws IOException {
        ok(digested(BODY, "<digest>"));
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should not pass with POST when body validation enabled and digest
     * header missing".
     */
    @Test
    void should_not_pass_with_post_when_body_validation_enabled_and_digest_header_missing() throws IOException {
        assertDenied(digested(BODY), "hmac", NOT_SAME);
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should not pass with POST when body validation enabled and postBody is
     * tampered".
     */
    @Test
    void should_not_pass_with_post_when_body_validation_enabled_and_postbody_is_tampered() throws IOException {
        assertDenied(digested("abc", "<digest>"), "hmac", NOT_SAME);
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should not pass with POST when body validation enabled and digest
     * header is tampered".
     */
    @Test
    void should_not_pass_with_post_when_body_validation_enabled_and_digest_header_is_tampered() throws IOException {
        assertDenied(digested(BODY, "<digest>spoofed"), "hmac", NOT_SAME);
    }

    // ------------------------------------------------------------------------------- enforced request-line

    /**
     * {@value #SPEC}: "HMAC Authentication should pass with GET with request-line" (the second, on
     * hmacauth5.test with enforced headers).
     */
    @Test
    void should_pass_with_get_with_request_line_with_enforced_headers() throws IOException {
        String date = now();
        ok(enforced("/request", date, sha1(md5Lines(date, "GET /request HTTP/1.1"))));
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should fail with GET with request-line having query param but signed
     * without query param".
     */
    @Test
    void should_fail_with_get_with_request_line_having_query_param_but_signed_without_query_param() throws IOException {
        String date = now();
        assertDenied(enforced("/request?name=foo", date, sha1(md5Lines(date, "GET /request HTTP/1.1"))), "hmac");
        assertDenied(enforced("/request/?name=foo", date, sha1(md5Lines(date, "GET /request/ HTTP/1.1"))), "hmac");
    }

    /** {@value #SPEC}: "HMAC Authentication should pass with GET with request-line having query param". */
    @Test
    void should_pass_with_get_with_request_line_having_query_param() throws IOException {
        String date = now();
        ok(enforced("/request?name=foo", date, sha1(md5Lines(date, "GET /request?name=foo HTTP/1.1"))));
        ok(enforced("/request/?name=foo", date, sha1(md5Lines(date, "GET /request/?name=foo HTTP/1.1"))));
    }

    /** {@value #SPEC}: "HMAC Authentication should pass with GET with request-line having encoded query param". */
    @Test
    void should_pass_with_get_with_request_line_having_encoded_query_param() throws IOException {
        String date = now();
        String uri = "/request?name=" + escape("foo bar");
        JsonNode echo = ok(enforced(uri, date, sha1(md5Lines(date, "GET " + uri + " HTTP/1.1"))));
        assertThat(echo.path("uri_args").path("name").asText()).isEqualTo("foo bar");
        String accented = "/request?name=" + escape("foo bár");
        echo = ok(enforced(accented, date, sha1(md5Lines(date, "GET " + accented + " HTTP/1.1"))));
        assertThat(echo.path("uri_args").path("name").asText()).isEqualTo("foo bár");
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should pass with GET with request-line having multiple query
     * params".
     */
    @Test
    void should_pass_with_get_with_request_line_having_multiple_query_params() throws IOException {
        String date = now();
        String uri = "/request?name=" + escape("foo bar") + "&address=" + escape("san francisco");
        JsonNode args = ok(enforced(uri, date, sha1(md5Lines(date, "GET " + uri + " HTTP/1.1"))))
                .path("uri_args");
        assertThat(args.path("name").asText()).isEqualTo("foo bar");
        assertThat(args.path("address").asText()).isEqualTo("san francisco");
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should pass with GET with request-line having multiple same query
     * param".
     */
    @Test
    void should_pass_with_get_with_request_line_having_multiple_same_query_param() throws IOException {
        String date = now();
        String uri = "/request?name=foo&name=bar";
        JsonNode name = ok(enforced(uri, date, sha1(md5Lines(date, "GET " + uri + " HTTP/1.1"))))
                .path("uri_args")
                .path("name");
        assertThat(name.path(0).asText()).isEqualTo("foo");
        assertThat(name.path(1).asText()).isEqualTo("bar");
    }

    /** {@value #SPEC}: "HMAC Authentication should pass with GET with request-line having no uri". */
    @Test
    void should_pass_with_get_with_request_line_having_no_uri() throws IOException {
        String date = now();
        ok(enforced("/", date, sha1(md5Lines(date, "GET / HTTP/1.1"))));
    }

    /** {@value #SPEC}: "HMAC Authentication should pass with GET with request-line having encoded path param". */
    @Test
    void should_pass_with_get_with_request_line_having_encoded_path_param() throws IOException {
        String date = now();
        String uri = "/request/" + escape("some value") + "/?name=foo&name=bar";
        JsonNode echo = ok(enforced(uri, date, sha1(md5Lines(date, "GET " + uri + " HTTP/1.1"))));
        assertThat(echo.path("uri_args").path("name").path(0).asText()).isEqualTo("foo");
        assertThat(echo.path("uri_args").path("name").path(1).asText()).isEqualTo("bar");
        assertThat(echo.path("vars").path("uri").asText()).isEqualTo("/request/some value/");
    }

    /** {@value #SPEC}: "HMAC Authentication should fail with GET when enforced header request-line missing". */
    @Test
    void should_fail_with_get_when_enforced_header_request_line_missing() throws IOException {
        String date = now();
        String hmacAuth = spaced("hmac-sha1", "date content-md5", sha1("date: " + date + "\ncontent-md5: md5"));
        assertDenied(
                send(
                        "GET",
                        "hmacauth5.test",
                        "/request",
                        "date",
                        date,
                        "proxy-authorization",
                        hmacAuth,
                        "content-md5",
                        "md5"),
                "hmac");
    }

    // --------------------------------------------------------------------------------------------- algorithms

    /** {@value #SPEC}: "HMAC Authentication should pass with GET with hmac-sha384". */
    @Test
    void should_pass_with_get_with_hmac_sha384() throws IOException {
        String date = now();
        String hmacAuth = spaced(
                "hmac-sha384",
                "date content-md5 request-line",
                sign("HmacSHA384", "secret", md5Lines(date, "GET /request HTTP/1.1")));
        ok(send(
                "GET",
                "hmacauth5.test",
                "/request",
                "date",
                date,
                "proxy-authorization",
                hmacAuth,
                "content-md5",
                "md5"));
    }

    /** {@value #SPEC}: "HMAC Authentication should pass with GET with hmac-sha512". */
    @Test
    void should_pass_with_get_with_hmac_sha512() throws IOException {
        String date = now();
        String hmacAuth = spaced(
                "hmac-sha512",
                "date content-md5 request-line",
                sign("HmacSHA512", "secret", md5Lines(date, "GET /request HTTP/1.1")));
        ok(send(
                "GET",
                "hmacauth5.test",
                "/request",
                "date",
                date,
                "proxy-authorization",
                hmacAuth,
                "content-md5",
                "md5"));
    }

    /** {@value #SPEC}: "HMAC Authentication should not pass with hmac-sha512". */
    @Test
    void should_not_pass_with_hmac_sha512() throws IOException {
        String date = now();
        String hmacAuth = spaced(
                "hmac-sha512",
                "date content-md5 request-line",
                sign("HmacSHA512", "secret", md5Lines(date, "GET /request HTTP/1.1")));
        assertDenied(
                send(
                        "GET",
                        "hmacauth6.test",
                        "/request",
                        "date",
                        date,
                        "proxy-authorization",
                        hmacAuth,
                        "content-md5",
                        "md5"),
                "hmac");
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should return a 401 with an invalid authorization header" (the second,
     * outside "when realm is not set").
     */
    @Test
    void should_return_a_401_with_an_invalid_authorization_header() throws IOException {
        assertDenied(
                send(
                        "GET",
                        "hmacauth6.test",
                        "/request",
                        "date",
                        now(),
                        "proxy-authorization",
                        "this is no hmac token at all is it?"),
                "hmac");
    }

    /** {@value #SPEC}: "HMAC Authentication should pass with hmac-sha1". */
    @Test
    void should_pass_with_hmac_sha1() throws IOException {
        String date = now();
        String hmacAuth = spaced(
                "hmac-sha1",
                "date content-md5 request-line",
                sign("HmacSHA1", "secret", md5Lines(date, "GET /request HTTP/1.1")));
        ok(send(
                "GET",
                "hmacauth6.test",
                "/request",
                "date",
                date,
                "proxy-authorization",
                hmacAuth,
                "content-md5",
                "md5"));
    }
}
