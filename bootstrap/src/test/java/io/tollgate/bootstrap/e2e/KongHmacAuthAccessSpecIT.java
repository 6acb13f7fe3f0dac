package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.NOT_SAME;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.NOT_VALID;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.NO_DATE;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.REALM;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.assertDenied;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.dateOnly;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.id;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.md5Lines;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.now;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.ok;
import static io.tollgate.bootstrap.e2e.KongHmacAuthSpecSupport.packed;
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
 * Kong's {@code spec/03-plugins/19-hmac-auth/03-access_spec.lua} (its newest 3.x revision, with the {@code realm}
 * setting and {@code .test} hosts), first {@code describe} block ("HMAC Authentication"), its cases on the route
 * with a {@code realm} ({@code hmacauth.test}: missing and malformed credentials, valid signatures, wrong signature
 * parameters, {@code date} / {@code x-date} and clock skew) and the "when realm is not set" case: 39 cases, against
 * one real node proxying to {@link KongMockUpstream}. The block's cases on its other routes (anonymous, body
 * validation, enforced headers, algorithms) are {@link KongHmacAuthAccessOptionsSpecIT} (27 cases); its three gRPC
 * cases (a grpcbin upstream and a gRPC client) have no counterpart; the spec's second block (hmac-auth with
 * key-auth) is {@link KongHmacAuthMultipleAuthSpecIT}.
 *
 * <p>The block's {@code lazy_setup} is built once for the class ({@link KongHmacAuthSpecSupport#setUp}); no case
 * writes, so the cases are independent of each other and of their order. Kong's cases check the error's
 * {@code message} only; so do these.
 */
class KongHmacAuthAccessSpecIT {

    private static final String SPEC = "03-access_spec";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongMockUpstream mock;

    static JsonNode bob;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("kong-hmac-auth-access", dir, Map.of());
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

    /** Sends a GET on hmacauth.test with {@code hmacAuth} in Proxy-Authorization (and "hello" in Authorization). */
    private static RawHttp.Response proxyAuthorized(String date, String hmacAuth) throws IOException {
        return send(
                "GET",
                "hmacauth.test",
                "/request",
                "date",
                date,
                "proxy-authorization",
                hmacAuth,
                "authorization",
                "hello",
                "content-md5",
                "md5");
    }
    // ------------------------------------------------------------------------------------ realm set / not set

    /**
     * {@value #SPEC}: "HMAC Authentication when realm is set should not be authorized when the hmac credentials are
     * missing".
     */
    @Test
    void when_realm_is_set_should_not_be_authorized_when_the_hmac_credentials_are_missing() throws IOException {
        assertDenied(send("POST", "hmacauth.test", "/", "date", now()), REALM, "Unauthorized");
    }

    /**
     * {@value #SPEC}: "HMAC Authentication when realm is not set should return a 401 with an invalid authorization
     * header".
     */
    @Test
    void when_realm_is_not_set_should_return_a_401_with_an_invalid_authorization_header() throws IOException {
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

    // ---------------------------------------------------------------------------------------- malformed input

    /** {@value #SPEC}: "HMAC Authentication should not be authorized when the HMAC signature is wrong". */
    @Test
    void should_not_be_authorized_when_the_hmac_signature_is_wrong() throws IOException {
        assertDenied(send("POST", "hmacauth.test", "/", "date", now(), "authorization", "asd"), REALM, NOT_VALID);
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should not be authorized when the HMAC signature is not properly base64
     * encoded".
     */
    @Test
    void should_not_be_authorized_when_the_hmac_signature_is_not_properly_base64_encoded() throws IOException {
        String hmacAuth = "\"hmac username=\"bob\",algorithm=\"hmac-sha1\","
                + "headers=\"date\",signature=\"not really a base64 encoded value!!!\"";
        assertDenied(send("POST", "hmacauth.test", "/", "date", now(), "authorization", hmacAuth), REALM, NOT_SAME);
    }

    /** {@value #SPEC}: "HMAC Authentication should not be authorized when date header is missing". */
    @Test
    void should_not_be_authorized_when_date_header_is_missing() throws IOException {
        assertDenied(send("POST", "hmacauth.test", "/", "authorization", "asd"), REALM, NO_DATE);
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should not be authorized with signature is wrong in
     * proxy-authorization".
     */
    @Test
    void should_not_be_authorized_with_signature_is_wrong_in_proxy_authorization() throws IOException {
        assertDenied(send("POST", "hmacauth.test", "/", "date", now(), "proxy-authorization", "asd"), REALM, NOT_VALID);
    }

    /** {@value #SPEC}: "HMAC Authentication should not pass when passing only the digest". */
    @Test
    void should_not_pass_when_passing_only_the_digest() throws IOException {
        assertDenied(
                send(
                        "POST",
                        "hmacauth.test",
                        "/",
                        "date",
                        now(),
                        "proxy-authorization",
                        "hmac :dXNlcm5hbWU6cGFzc3dvcmQ="),
                REALM,
                NOT_VALID);
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should not pass when passing wrong hmac parameters" (the first, in
     * Proxy-Authorization).
     */
    @Test
    void should_not_pass_when_passing_wrong_hmac_parameters() throws IOException {
        assertDenied(
                send(
                        "POST",
                        "hmacauth.test",
                        "/",
                        "date",
                        now(),
                        "proxy-authorization",
                        "hmac username=,algorithm,headers,dXNlcm5hbWU6cGFzc3dvcmQ="),
                REALM,
                NOT_VALID);
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should not pass when passing wrong hmac parameters" (the second, in
     * Authorization).
     */
    @Test
    void should_not_pass_when_passing_wrong_hmac_parameters_in_authorization() throws IOException {
        assertDenied(
                send(
                        "POST",
                        "hmacauth.test",
                        "/",
                        "date",
                        now(),
                        "authorization",
                        "hmac username=,algorithm,headers,dXNlcm5hbWU6cGFzc3dvcmQ="),
                REALM,
                NOT_VALID);
    }

    /** {@value #SPEC}: "HMAC Authentication should not be authorized when passing only the username". */
    @Test
    void should_not_be_authorized_when_passing_only_the_username() throws IOException {
        assertDenied(
                send("POST", "hmacauth.test", "/", "date", now(), "authorization", "hmac username"), REALM, NOT_VALID);
    }

    /** {@value #SPEC}: "HMAC Authentication should not be authorized when authorization header is missing". */
    @Test
    void should_not_be_authorized_when_authorization_header_is_missing() throws IOException {
        assertDenied(send("POST", "hmacauth.test", "/", "date", now()), REALM, "Unauthorized");
    }

    /** {@value #SPEC}: "HMAC Authentication should not pass with username missing". */
    @Test
    void should_not_pass_with_username_missing() throws IOException {
        String date = now();
        String hmacAuth = "hmac algorithm=\"hmac-sha1\",headers=\"date\",signature=\"" + sha1("date: " + date) + "\"";
        RawHttp.Response res = send("GET", "hmacauth.test", "/request", "date", date, "authorization", hmacAuth);
        assertDenied(res, REALM);
        assertThat(res.json().path("message").asText()).contains(NOT_VALID);
    }

    /** {@value #SPEC}: "HMAC Authentication should not pass with signature missing". */
    @Test
    void should_not_pass_with_signature_missing() throws IOException {
        String hmacAuth = "hmac username=\"bob\",algorithm=\"hmac-sha1\",headers=\"date\"";
        RawHttp.Response res = send("GET", "hmacauth.test", "/request", "date", now(), "authorization", hmacAuth);
        assertDenied(res, REALM);
        assertThat(res.json().path("message").asText()).contains(NOT_VALID);
    }

    // ------------------------------------------------------------------------------------------ valid requests

    /** {@value #SPEC}: "HMAC Authentication should pass with GET". */
    @Test
    void should_pass_with_get() throws IOException {
        String date = now();
        String hmacAuth = dateOnly(date);
        JsonNode echo = ok(send("GET", "hmacauth.test", "/request", "date", date, "authorization", hmacAuth));
        assertThat(echo.path("headers").path("authorization").asText()).isEqualTo(hmacAuth);
    }

    /** {@value #SPEC}: "HMAC Authentication should pass with GET and proxy-authorization". */
    @Test
    void should_pass_with_get_and_proxy_authorization() throws IOException {
        String date = now();
        ok(send("GET", "hmacauth.test", "/request", "date", date, "proxy-authorization", dateOnly(date)));
    }

    /** {@value #SPEC}: "HMAC Authentication should pass with POST". */
    @Test
    void should_pass_with_post() throws IOException {
        String date = now();
        String hmacAuth = dateOnly(date);
        JsonNode echo = ok(send("POST", "hmacauth.test", "/request", "date", date, "authorization", hmacAuth));
        assertThat(echo.path("headers").path("authorization").asText()).isEqualTo(hmacAuth);
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should pass with GET and valid authorization and wrong
     * proxy-authorization".
     */
    @Test
    void should_pass_with_get_and_valid_authorization_and_wrong_proxy_authorization() throws IOException {
        String date = now();
        String hmacAuth = dateOnly(date);
        JsonNode echo = ok(send(
                "POST",
                "hmacauth.test",
                "/request",
                "date",
                date,
                "proxy-authorization",
                "hmac username",
                "authorization",
                hmacAuth));
        assertThat(echo.path("headers").path("authorization").asText()).isEqualTo(hmacAuth);
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should pass with GET and invalid authorization and valid
     * proxy-authorization".
     */
    @Test
    void should_pass_with_get_and_invalid_authorization_and_valid_proxy_authorization() throws IOException {
        String date = now();
        ok(send(
                "POST",
                "hmacauth.test",
                "/request",
                "date",
                date,
                "proxy-authorization",
                dateOnly(date),
                "authorization",
                "hello"));
    }

    /** {@value #SPEC}: "HMAC Authentication should pass with GET with content-md5 header". */
    @Test
    void should_pass_with_get_with_content_md5_header() throws IOException {
        String date = now();
        String hmacAuth = "hmac username=\"bob\",algorithm=\"hmac-sha1\",headers=\"date content-md5\",signature=\""
                + sha1("date: " + date + "\ncontent-md5: md5") + "\"";
        ok(send(
                "GET",
                "hmacauth.test",
                "/request",
                "date",
                date,
                "proxy-authorization",
                hmacAuth,
                "authorization",
                "hello",
                "content-md5",
                "md5"));
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should pass with GET with request-line" (the first, on
     * hmacauth.test).
     */
    @Test
    void should_pass_with_get_with_request_line() throws IOException {
        String date = now();
        String hmacAuth =
                spaced("hmac-sha1", "date content-md5 request-line", sha1(md5Lines(date, "GET /request HTTP/1.1")));
        ok(send(
                "GET",
                "hmacauth.test",
                "/request",
                "date",
                date,
                "proxy-authorization",
                hmacAuth,
                "authorization",
                "hello",
                "content-md5",
                "md5"));
    }

    /** {@value #SPEC}: "HMAC Authentication should pass with GET with @request-target". */
    @Test
    void should_pass_with_get_with_request_target() throws IOException {
        String date = now();
        String hmacAuth = spaced(
                "hmac-sha1", "date content-md5 @request-target", sha1(md5Lines(date, "@request-target: get /request")));
        ok(send(
                "GET",
                "hmacauth.test",
                "/request",
                "date",
                date,
                "proxy-authorization",
                hmacAuth,
                "authorization",
                "hello",
                "content-md5",
                "md5"));
    }

    /** {@value #SPEC}: "HMAC Authentication should encode http-1 requests as http/1.0". */
    @Test
    void should_encode_http_1_requests_as_http_1_0() throws IOException {
        String date = now();
        String hmacAuth =
                spaced("hmac-sha1", "date content-md5 request-line", sha1(md5Lines(date, "GET /request HTTP/1.0")));
        RawHttp.Response res = request(
                        "GET",
                        "hmacauth.test",
                        "/request",
                        "date",
                        date,
                        "proxy-authorization",
                        hmacAuth,
                        "authorization",
                        "hello",
                        "content-md5",
                        "md5")
                .http10()
                .send(node.proxyPort);
        assertThat(res.status()).as(res.body()).isEqualTo(200);
    }

    // ------------------------------------------------------------------------------- wrong signature parameters

    /** {@value #SPEC}: "HMAC Authentication should not pass with GET with wrong username in signature". */
    @Test
    void should_not_pass_with_get_with_wrong_username_in_signature() throws IOException {
        String date = now();
        String hmacAuth = "hmac username=\"bobb\",  algorithm=\"hmac-sha1\", headers=\"date content-md5 request-line\","
                + " signature=\"" + sha1(md5Lines(date, "GET /request HTTP/1.1")) + "\"";
        assertDenied(proxyAuthorized(date, hmacAuth), REALM, NOT_VALID);
    }

    /** {@value #SPEC}: "HMAC Authentication should not pass with GET with username blank in signature". */
    @Test
    void should_not_pass_with_get_with_username_blank_in_signature() throws IOException {
        String date = now();
        String hmacAuth = "hmac username=\"\",  algorithm=\"hmac-sha1\", headers=\"date content-md5 request-line\","
                + " signature=\"" + sha1(md5Lines(date, "GET /request HTTP/1.1")) + "\"";
        assertDenied(proxyAuthorized(date, hmacAuth), REALM, NOT_VALID);
    }

    /** {@value #SPEC}: "HMAC Authentication should not pass with GET with username missing in signature". */
    @Test
    void should_not_pass_with_get_with_username_missing_in_signature() throws IOException {
        String date = now();
        String hmacAuth = "hmac algorithm=\"hmac-sha1\", headers=\"date content-md5 request-line\", signature=\""
                + sha1(md5Lines(date, "GET /request HTTP/1.1")) + "\"";
        assertDenied(proxyAuthorized(date, hmacAuth), REALM, NOT_VALID);
    }

    /** {@value #SPEC}: "HMAC Authentication should not pass with GET with wrong hmac headers field name". */
    @Test
    void should_not_pass_with_get_with_wrong_hmac_headers_field_name() throws IOException {
        String date = now();
        String hmacAuth = "hmac username=\"bob\",  algorithm=\"hmac-sha1\",   wrong_header=\"date content-md5"
                + " request-line\", signature=\"" + sha1(md5Lines(date, "GET /request HTTP/1.1")) + "\"";
        assertDenied(proxyAuthorized(date, hmacAuth), REALM, NOT_VALID);
    }

    /** {@value #SPEC}: "HMAC Authentication should not pass with GET with wrong hmac signature field name". */
    @Test
    void should_not_pass_with_get_with_wrong_hmac_signature_field_name() throws IOException {
        String date = now();
        String hmacAuth = "hmac username=\"bob\",  algorithm=\"hmac-sha1\",   headers=\"date content-md5"
                + " request-line\", wrong_signature=\"" + sha1(md5Lines(date, "GET /request HTTP/1.1")) + "\"";
        assertDenied(proxyAuthorized(date, hmacAuth), REALM, NOT_VALID);
    }

    /** {@value #SPEC}: "HMAC Authentication should not pass with GET with malformed hmac signature field". */
    @Test
    void should_not_pass_with_get_with_malformed_hmac_signature_field() throws IOException {
        String date = now();
        String hmacAuth = "hmac username=\"bob\",  algorithm=\"hmac-sha1\" headers=\"date content-md5 request-line\","
                + " signature=\"" + sha1(md5Lines(date, "GET /request HTTP/1.1")) + "\"";
        assertDenied(proxyAuthorized(date, hmacAuth), REALM, NOT_VALID);
    }

    /** {@value #SPEC}: "HMAC Authentication should not pass with GET with malformed hmac headers field". */
    @Test
    void should_not_pass_with_get_with_malformed_hmac_headers_field() throws IOException {
        String date = now();
        String hmacAuth = "hmac username=\"bob\",  algorithm=\"hmac-sha1\" headers=\"  date content-md5"
                + " request-line\",signature=\"" + sha1(md5Lines(date, "GET /request? HTTP/1.1")) + "\"";
        assertDenied(proxyAuthorized(date, hmacAuth), REALM, NOT_VALID);
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should pass with GET with no space or space between hmac signatures
     * fields".
     */
    @Test
    void should_pass_with_get_with_no_space_or_space_between_hmac_signatures_fields() throws IOException {
        String date = now();
        String hmacAuth =
                packed("hmac-sha1", "date content-md5 request-line", sha1(md5Lines(date, "GET /request HTTP/1.1")));
        ok(proxyAuthorized(date, hmacAuth));
    }

    /** {@value #SPEC}: "HMAC Authentication should not pass with GET with wrong algorithm". */
    @Test
    void should_not_pass_with_get_with_wrong_algorithm() throws IOException {
        String date = now();
        String hmacAuth = packed(
                "hmac-sha",
                "date content-md5 request-line",
                sign("HmacSHA256", "secret", md5Lines(date, "GET /request HTTP/1.1")));
        assertDenied(proxyAuthorized(date, hmacAuth), REALM);
    }

    /** {@value #SPEC}: "HMAC Authentication should pass the right headers to the upstream server". */
    @Test
    void should_pass_the_right_headers_to_the_upstream_server() throws IOException {
        String date = now();
        String hmacAuth = packed(
                "hmac-sha256",
                "date content-md5 request-line",
                sign("HmacSHA256", "secret", md5Lines(date, "GET /request HTTP/1.1")));
        JsonNode headers = ok(proxyAuthorized(date, hmacAuth)).path("headers");
        assertThat(headers.path("x-consumer-id").asText()).isEqualTo(id(bob));
        assertThat(headers.path("x-consumer-username").asText()).isEqualTo("bob");
        assertThat(headers.path("x-credential-identifier").asText()).isEqualTo("bob");
        assertThat(headers.has("x-anonymous-consumer")).as(headers.toString()).isFalse();
    }

    // ---------------------------------------------------------------------------------------- date and x-date

    /** {@value #SPEC}: "HMAC Authentication should pass with GET with x-date header". */
    @Test
    void should_pass_with_get_with_x_date_header() throws IOException {
        String date = now();
        String hmacAuth = packed(
                "hmac-sha1",
                "x-date content-md5 request-line",
                sha1("x-date: " + date + "\ncontent-md5: md5\nGET /request HTTP/1.1"));
        ok(send("GET", "hmacauth.test", "/request", "x-date", date, "authorization", hmacAuth, "content-md5", "md5"));
    }

    /** {@value #SPEC}: "HMAC Authentication should not pass with GET with both date and x-date missing". */
    @Test
    void should_not_pass_with_get_with_both_date_and_x_date_missing() throws IOException {
        String hmacAuth = "hmac username=\"bob\",  algorithm=\"hmac-sha1\", headers=\"content-md5 request-line\","
                + "signature=\"" + sha1("content-md5: md5\nGET /request? HTTP/1.1") + "\"";
        assertDenied(
                send(
                        "GET",
                        "hmacauth.test",
                        "/request",
                        "proxy-authorization",
                        hmacAuth,
                        "authorization",
                        "hello",
                        "content-md5",
                        "md5"),
                REALM,
                NO_DATE);
    }

    /** {@value #SPEC}: "HMAC Authentication should not pass with GET with x-date malformed". */
    @Test
    void should_not_pass_with_get_with_x_date_malformed() throws IOException {
        String date = now();
        String hmacAuth = packed(
                "hmac-sha1",
                "x-date content-md5 request-line",
                sha1("x-date: " + date + "\ncontent-md5: md5\nGET /request? HTTP/1.1"));
        assertDenied(
                send(
                        "GET",
                        "hmacauth.test",
                        "/request",
                        "x-date",
                        "wrong date",
                        "authorization",
                        hmacAuth,
                        "content-md5",
                        "md5"),
                REALM,
                NO_DATE);
    }

    /** {@value #SPEC}: "HMAC Authentication should pass with GET with x-date malformed but date correct". */
    @Test
    void should_pass_with_get_with_x_date_malformed_but_date_correct() throws IOException {
        String date = now();
        String hmacAuth =
                packed("hmac-sha1", "content-md5 request-line", sha1("content-md5: md5\nGET /request HTTP/1.1"));
        ok(send(
                "GET",
                "hmacauth.test",
                "/request",
                "x-date",
                "wrong date",
                "date",
                date,
                "authorization",
                hmacAuth,
                "content-md5",
                "md5"));
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should pass with x-date malformed but date correct and used for
     * signature".
     */
    @Test
    void should_pass_with_x_date_malformed_but_date_correct_and_used_for_signature() throws IOException {
        String date = now();
        String hmacAuth =
                packed("hmac-sha1", "date content-md5 request-line", sha1(md5Lines(date, "GET /request HTTP/1.1")));
        ok(send(
                "GET",
                "hmacauth.test",
                "/request",
                "x-date",
                "wrong date",
                "date",
                date,
                "authorization",
                hmacAuth,
                "content-md5",
                "md5"));
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should with x-date malformed and used for signature but skew test
     * pass".
     */
    @Test
    void should_with_x_date_malformed_and_used_for_signature_but_skew_test_pass() throws IOException {
        String date = now();
        String hmacAuth = packed(
                "hmac-sha1",
                "x-date content-md5 request-line",
                sha1("x-date: wrong date\ncontent-md5: md5\nGET /request HTTP/1.1"));
        ok(send(
                "GET",
                "hmacauth.test",
                "/request",
                "x-date",
                "wrong date",
                "date",
                date,
                "authorization",
                hmacAuth,
                "content-md5",
                "md5"));
    }

    /**
     * {@value #SPEC}: "HMAC Authentication should pass with date malformed and used for signature but skew test
     * pass".
     */
    @Test
    void should_pass_with_date_malformed_and_used_for_signature_but_skew_test_pass() throws IOException {
        String date = now();
        String hmacAuth = packed(
                "hmac-sha1", "date content-md5 request-line", sha1(md5Lines("wrong date", "GET /request HTTP/1.1")));
        ok(send(
                "GET",
                "hmacauth.test",
                "/request",
                "x-date",
                date,
                "date",
                "wrong date",
                "authorization",
                hmacAuth,
                "content-md5",
                "md5"));
    }
}
