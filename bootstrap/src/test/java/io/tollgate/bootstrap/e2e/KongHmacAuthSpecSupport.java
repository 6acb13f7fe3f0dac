package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What {@link KongHmacAuthAccessSpecIT} and {@link KongHmacAuthAccessOptionsSpecIT} share: the first
 * {@code lazy_setup} of Kong's {@code spec/03-plugins/19-hmac-auth/03-access_spec.lua}, its messages, and the
 * signing of requests as the spec signs them.
 */
final class KongHmacAuthSpecSupport {

    static final String NOT_VALID = "HMAC signature cannot be verified";
    static final String NO_DATE = NOT_VALID + ", a valid date or x-date header is required for HMAC Authentication";
    static final String NOT_SAME = "HMAC signature does not match";
    static final String REALM = "hmac realm=\"test-realm\"";

    static final String BODY = "{\"a\":\"apple\",\"b\":\"ball\"}";
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

    private KongHmacAuthSpecSupport() {}

    /**
     * The spec's first {@code lazy_setup}: consumers {@code bob} (credential {@code bob}/{@code secret}) and
     * {@code no-body}, and routes {@code hmacauth.test} to {@code hmacauth7.test}, each with a service of its own on
     * the mock upstream and its hmac-auth configuration; returns bob.
     */
    static JsonNode setUp(KongSpecClient client, KongMockUpstream mock) {
        JsonNode bob = client.create("/consumers", body("username", "bob", "custom_id", "1234"));
        client.create("/consumers/bob/hmac-auth", body("username", "bob", "secret", "secret"));
        JsonNode nobody = client.create("/consumers", body("username", "no-body"));
        Map<String, Object> enforced = Map.of(
                "clock_skew", 3000, "enforce_headers", List.of("date", "request-line"), "validate_request_body", true);
        Map<String, Object> twoAlgorithms = new HashMap<>(enforced);
        twoAlgorithms.put("algorithms", List.of("hmac-sha1", "hmac-sha256"));
        plugin(client, mock, "hmacauth.test", Map.of("clock_skew", 3000, "realm", "test-realm"));
        plugin(client, mock, "hmacauth2.test", Map.of("anonymous", id(nobody), "clock_skew", 3000));
        plugin(
                client,
                mock,
                "hmacauth3.test",
                Map.of("anonymous", UUID.randomUUID().toString(), "clock_skew", 3000));
        plugin(client, mock, "hmacauth4.test", Map.of("clock_skew", 3000, "validate_request_body", true));
        plugin(client, mock, "hmacauth5.test", enforced);
        plugin(client, mock, "hmacauth6.test", twoAlgorithms);
        plugin(client, mock, "hmacauth7.test", Map.of("anonymous", "no-body", "clock_skew", 3000));
        return bob;
    }

    /** A route for {@code host} with a service of its own on the mock upstream, and hmac-auth with {@code config}. */
    private static void plugin(KongSpecClient client, KongMockUpstream mock, String host, Map<String, Object> config) {
        JsonNode service = client.create("/services", body("name", unique("svc"), "url", mock.url()));
        String route = id(client.route("hosts", List.of(host), "service", Map.of("id", id(service))));
        client.create("/routes/" + route + "/plugins", body("name", "hmac-auth", "config", config));
    }

    static String id(JsonNode entity) {
        return entity.get("id").asText();
    }

    /** Now as {@code os.date("!%a, %d %b %Y %H:%M:%S GMT")} gives it. */
    static String now() {
        return HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    /** The base64 HMAC of {@code text} under {@code secret} with a JCA algorithm ({@code HmacSHA1}, …). */
    static String sign(String jca, String secret, String text) {
        try {
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), jca));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base64 HMAC-SHA1 of {@code text} under bob's secret. */
    static String sha1(String text) {
        return sign("HmacSHA1", "secret", text);
    }

    /** {@code date: <date>\ncontent-md5: md5\n<requestLine>}, the string most cases sign. */
    static String md5Lines(String date, String requestLine) {
        return "date: " + date + "\ncontent-md5: md5\n" + requestLine;
    }

    /** Kong's digest of a body: {@code SHA-256=} and its base64 SHA-256. */
    static String digest(String body) {
        try {
            return "SHA-256="
                    + Base64.getEncoder()
                            .encodeToString(
                                    MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ngx.escape_uri}: percent-encodes a query value, a space as {@code %20}. */
    static String escape(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code hmac username="bob",algorithm="hmac-sha1",headers="date",signature="…"} for {@code date}. */
    static String dateOnly(String date) {
        return "hmac username=\"bob\",algorithm=\"hmac-sha1\",headers=\"date\",signature=\"" + sha1("date: " + date)
                + "\"";
    }

    /** The same with the stray leading quote Kong's body-validation cases send. */
    static String quotedDateOnly(String date) {
        return "\"" + dateOnly(date);
    }

    /** {@code hmac username="bob",  algorithm="<algorithm>", headers="<headers>", signature="<signature>"}. */
    static String spaced(String algorithm, String headers, String signature) {
        return "hmac username=\"bob\",  algorithm=\"" + algorithm + "\", headers=\"" + headers + "\", signature=\""
                + signature + "\"";
    }

    /** {@code hmac username="bob",algorithm="hmac-sha1",  headers="<headers>",signature="<signature>"}. */
    static String packed(String algorithm, String headers, String signature) {
        return "hmac username=\"bob\",algorithm=\"" + algorithm + "\",  headers=\"" + headers + "\",signature=\""
                + signature + "\"";
    }

    static RawHttp.Request request(String method, String host, String path, String... headers) {
        RawHttp.Request request = RawHttp.request(method, host, path);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    /** The upstream's echo after asserting a 200. */
    static JsonNode ok(RawHttp.Response res) {
        assertThat(res.status()).as(res.body()).isEqualTo(200);
        return res.json();
    }

    /** Asserts a 401 with {@code message} and the challenge {@code challenge}. */
    static void assertDenied(RawHttp.Response res, String challenge, String message) {
        assertThat(res.status()).as(res.body()).isEqualTo(401);
        assertThat(res.header("WWW-Authenticate")).isEqualTo(challenge);
        assertThat(res.json().path("message").asText()).isEqualTo(message);
    }

    /** Asserts a 401 with the challenge {@code challenge}. */
    static void assertDenied(RawHttp.Response res, String challenge) {
        assertThat(res.status()).as(res.body()).isEqualTo(401);
        assertThat(res.header("WWW-Authenticate")).isEqualTo(challenge);
    }
}
