package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.post;
import static io.tollgate.bootstrap.e2e.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kong's authentication plugins on one real node (embedded PostgreSQL) in front of a real upstream: basic-auth, acl,
 * hmac-auth, jwt and their AND/OR combinations with key-auth, configured over the Admin API as Kong's specs configure them
 * ({@code spec/03-plugins/10-basic-auth}, {@code 16-jwt}, {@code 18-acl}, {@code 19-hmac-auth}), and credential or group changes
 * reaching the proxy through the node cache's invalidations.
 */
class AuthPluginsNodeIT {

    static final Duration PROPAGATION = Duration.ofSeconds(20);

    @RegisterExtension
    static final EchoNode node = EchoNode.withEchoService("auth", Map.of());

    static String admin;
    static String anonymousId;
    static String bobId;
    static String aliceId;

    @BeforeAll
    static void start() throws Exception {
        admin = node.admin();
        anonymousId =
                created("/consumers", "{\"username\":\"anonymous\"}").get("id").asText();
        bobId = created("/consumers", "{\"username\":\"bob\",\"custom_id\":\"B-1\"}")
                .get("id")
                .asText();
        aliceId = created("/consumers", "{\"username\":\"alice\"}").get("id").asText();
        JsonNode bobPassword = created("/consumers/bob/basic-auth", "{\"username\":\"bob\",\"password\":\"kong\"}");
        assertThat(bobPassword.get("password").asText()).as("stored hashed").startsWith("$pbkdf2-sha256$");
        created("/consumers/alice/basic-auth", "{\"username\":\"alice\",\"password\":\"wonder:land\"}");
        created("/consumers/alice/key-auth", "{\"key\":\"Mouse\"}");
        created("/consumers/alice/hmac-auth", "{\"username\":\"alice-hmac\",\"secret\":\"hmac-secret\"}");
        created("/consumers/bob/acls", "{\"group\":\"admin\"}");
        created("/consumers/bob/jwt", "{\"key\":\"bob-jwt\",\"secret\":\"jwt-secret\"}");

        route("basic", "{\"name\":\"basic-auth\"}");
        route("basic-hidden", "{\"name\":\"basic-auth\",\"config\":{\"hide_credentials\":true,\"realm\":\"kong\"}}");
        route("acl", "{\"name\":\"basic-auth\"}", "{\"name\":\"acl\",\"config\":{\"allow\":[\"admin\"]}}");
        route("acl-deny", "{\"name\":\"basic-auth\"}", "{\"name\":\"acl\",\"config\":{\"deny\":[\"admin\"]}}");
        route("hmac", "{\"name\":\"hmac-auth\",\"config\":{\"enforce_headers\":[\"date\"]}}");
        route("and", "{\"name\":\"key-auth\"}", "{\"name\":\"basic-auth\"}");
        route("jwt", "{\"name\":\"jwt\",\"config\":{\"claims_to_verify\":[\"exp\"]}}");
        String anonymous = "{\"anonymous\":\"" + anonymousId + "\"}";
        route(
                "or",
                "{\"name\":\"key-auth\",\"config\":" + anonymous + "}",
                "{\"name\":\"basic-auth\",\"config\":" + anonymous + "}",
                "{\"name\":\"hmac-auth\",\"config\":" + anonymous + "}");
        for (String path : new String[] {"/basic", "/basic-hidden", "/acl", "/acl-deny", "/hmac", "/and", "/jwt"}) {
            Http.await(node.proxy() + path, Http.status(401), PROPAGATION);
        }
        Http.await(
                node.proxy() + "/or",
                r -> r.status() == 200 && r.body().contains("\"x-anonymous-consumer\":\"true\""),
                PROPAGATION);
    }

    static JsonNode created(String path, String json) {
        Http.Response response = post(admin + path, json);
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(201);
        return response.json();
    }

    /** A route {@code /<name>} on the echo service with these plugin bodies. */
    static void route(String name, String... plugins) {
        created("/services/echo/routes", "{\"name\":\"" + name + "\",\"paths\":[\"/" + name + "\"]}");
        for (String plugin : plugins) {
            created("/routes/" + name + "/plugins", plugin);
        }
    }

    /** A proxied response; requests go over a plain socket, as the JDK client drops {@code Proxy-Authorization}. */
    record Reply(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            return new Http.Response(status, body).json();
        }

        /** A header the upstream received (lower-case name), or null. */
        String upstreamHeader(String name) {
            JsonNode value = json().path("headers").get(name);
            return value == null ? null : value.asText();
        }

        String message() {
            return json().path("message").asText();
        }

        String challenge() {
            return headers.get("www-authenticate");
        }
    }

    static Reply proxy(String path, String... headers) throws IOException {
        RouterNodeIT.Raw raw = RouterNodeIT.sendTo(node.proxyPort(), "GET", "localhost", path, headers);
        return new Reply(raw.status(), raw.headers(), raw.body());
    }

    static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basic_auth_answers_kongs_401s_and_authenticates_valid_credentials() throws Exception {
        Reply missing = proxy("/basic");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.message()).isEqualTo("Unauthorized");
        assertThat(missing.challenge()).isEqualTo("Basic realm=\"service\"");

        for (String header : new String[] {"foobar", "Basic a29uZw==", "Basic Ym9i", basic("bob:wrong")}) {
            Reply invalid = proxy("/basic", "Authorization", header);
            assertThat(invalid.status()).as(header).isEqualTo(401);
            assertThat(invalid.message()).isEqualTo("Invalid authentication credentials");
            assertThat(invalid.challenge()).isEqualTo("Basic realm=\"service\"");
        }

        Reply ok = proxy("/basic", "Authorization", "Basic Ym9iOmtvbmc=");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.upstreamHeader("x-consumer-id")).isEqualTo(bobId);
        assertThat(ok.upstreamHeader("x-consumer-username")).isEqualTo("bob");
        assertThat(ok.upstreamHeader("x-consumer-custom-id")).isEqualTo("B-1");
        assertThat(ok.upstreamHeader("x-credential-identifier")).isEqualTo("bob");
        assertThat(ok.upstreamHeader("authorization")).isEqualTo("Basic Ym9iOmtvbmc=");

        Reply colon = proxy("/basic", "Proxy-Authorization", basic("alice:wonder:land"));
        assertThat(colon.status()).isEqualTo(200);
        assertThat(colon.upstreamHeader("x-consumer-username")).isEqualTo("alice");

        Reply hidden = proxy("/basic-hidden", "Authorization", basic("bob:kong"));
        assertThat(hidden.status()).isEqualTo(200);
        assertThat(hidden.upstreamHeader("authorization")).isNull();
        assertThat(proxy("/basic-hidden").challenge()).isEqualTo("Basic realm=\"kong\"");
    }

    @Test
    void a_changed_password_reaches_the_proxy_and_the_old_one_stops_working() throws Exception {
        created("/consumers/bob/basic-auth", "{\"username\":\"changing\",\"password\":\"first\"}");
        String first = basic("changing:first");
        Http.await(node.proxy() + "/basic", Http.status(200), PROPAGATION, "Authorization", first);

        Http.Response patched =
                send("PATCH", admin + "/consumers/bob/basic-auth/changing", "{\"password\":\"second\"}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);

        Http.await(node.proxy() + "/basic", Http.status(401), PROPAGATION, "Authorization", first);
        assertThat(proxy("/basic", "Authorization", basic("changing:second")).status())
                .isEqualTo(200);
    }

    @Test
    void acl_allows_members_sends_their_groups_and_follows_group_changes() throws Exception {
        Reply member = proxy("/acl", "Authorization", basic("bob:kong"));
        assertThat(member.status()).isEqualTo(200);
        assertThat(member.upstreamHeader("x-consumer-groups")).isEqualTo("admin");

        Reply outsider = proxy("/acl", "Authorization", basic("alice:wonder:land"));
        assertThat(outsider.status()).isEqualTo(403);
        assertThat(outsider.message()).isEqualTo("You cannot consume this service");

        Reply denied = proxy("/acl-deny", "Authorization", basic("bob:kong"));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.message()).isEqualTo("You cannot consume this service");
        assertThat(proxy("/acl-deny", "Authorization", basic("alice:wonder:land"))
                        .status())
                .isEqualTo(200);

        // alice joins admin: the cached group list (acls:<alice>:::::<ws>) is purged
        created("/consumers/alice/acls", "{\"group\":\"admin\"}");
        Http.await(node.proxy() + "/acl", Http.status(200), PROPAGATION, "Authorization", basic("alice:wonder:land"));
        Http.await(
                node.proxy() + "/acl-deny", Http.status(403), PROPAGATION, "Authorization", basic("alice:wonder:land"));

        // and leaves it again
        assertThat(Http.delete(admin + "/consumers/alice/acls/admin").status()).isEqualTo(204);
        Http.await(node.proxy() + "/acl", Http.status(403), PROPAGATION, "Authorization", basic("alice:wonder:land"));
    }

    @Test
    void acl_config_needs_exactly_one_of_allow_and_deny() {
        Http.Response both =
                post(admin + "/plugins", "{\"name\":\"acl\",\"config\":{\"allow\":[\"a\"],\"deny\":[\"b\"]}}");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.body()).contains("only one of these fields must be non-empty: 'config.allow', 'config.deny'");
        Http.Response neither = post(admin + "/plugins", "{\"name\":\"acl\",\"config\":{}}");
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.body())
                .contains("at least one of these fields must be non-empty: 'config.allow', 'config.deny'");
    }

    static String hmacAuthorization(String date, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signingString = "date: " + date + "\n@request-target: get /hmac?x=1";
        String signature =
                Base64.getEncoder().encodeToString(mac.doFinal(signingString.getBytes(StandardCharsets.UTF_8)));
        return "hmac username=\"alice-hmac\", algorithm=\"hmac-sha256\", headers=\"date @request-target\", "
                + "signature=\"" + signature + "\"";
    }

    static String now() {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    @Test
    void hmac_auth_verifies_signatures_dates_and_enforced_headers() throws Exception {
        String date = now();
        Reply ok = proxy("/hmac?x=1", "Date", date, "Authorization", hmacAuthorization(date, "hmac-secret"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.upstreamHeader("x-consumer-id")).isEqualTo(aliceId);
        assertThat(ok.upstreamHeader("x-credential-identifier")).isEqualTo("alice-hmac");

        Reply wrong = proxy("/hmac?x=1", "Date", date, "Authorization", hmacAuthorization(date, "guess"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.message()).isEqualTo("HMAC signature does not match");
        assertThat(wrong.challenge()).isEqualTo("hmac");

        Reply noDate = proxy("/hmac?x=1", "Authorization", hmacAuthorization(date, "hmac-secret"));
        assertThat(noDate.status()).isEqualTo(401);
        assertThat(noDate.message())
                .isEqualTo("HMAC signature cannot be verified, a valid date or x-date header is required for HMAC "
                        + "Authentication");

        String old = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(10));
        assertThat(proxy("/hmac?x=1", "Date", old, "Authorization", hmacAuthorization(old, "hmac-secret"))
                        .message())
                .as("outside the default clock_skew of 300 s")
                .startsWith("HMAC signature cannot be verified, a valid date");

        Reply unenforced = proxy(
                "/hmac?x=1",
                "X-Date",
                date,
                "Authorization",
                hmacAuthorization(date, "hmac-secret").replace("date @request-target", "x-date @request-target"));
        assertThat(unenforced.status()).isEqualTo(401);
        assertThat(unenforced.message()).isEqualTo("HMAC signature cannot be verified");
    }

    static String hs256(String claims, String secret) throws Exception {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String input = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return input + "." + url.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void jwt_verifies_signature_and_expiry_and_authenticates_the_key_owner() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        String good = hs256("{\"iss\":\"bob-jwt\",\"exp\":" + (now + 600) + "}", "jwt-secret");

        Reply ok = proxy("/jwt", "Authorization", "Bearer " + good);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.upstreamHeader("x-consumer-id")).isEqualTo(bobId);
        assertThat(ok.upstreamHeader("x-credential-identifier")).isEqualTo("bob-jwt");
        assertThat(proxy("/jwt?jwt=" + good).status()).isEqualTo(200);

        Reply forged = proxy(
                "/jwt",
                "Authorization",
                "Bearer " + hs256("{\"iss\":\"bob-jwt\",\"exp\":" + (now + 600) + "}", "guess"));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.message()).isEqualTo("Invalid signature");
        assertThat(forged.challenge()).isEqualTo("Bearer error=\"invalid_token\"");

        Reply expired = proxy(
                "/jwt",
                "Authorization",
                "Bearer " + hs256("{\"iss\":\"bob-jwt\",\"exp\":" + (now - 1) + "}", "jwt-secret"));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().path("exp").asText()).isEqualTo("token expired");

        Reply none = proxy("/jwt");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.message()).isEqualTo("Unauthorized");
        assertThat(none.challenge()).isEqualTo("Bearer");
    }

    @Test
    void without_anonymous_every_auth_plugin_must_pass() throws Exception {
        Reply both = proxy("/and", "apikey", "Mouse", "Authorization", basic("bob:kong"));
        assertThat(both.status()).isEqualTo(200);
        assertThat(both.upstreamHeader("x-anonymous-consumer")).isNull();
        assertThat(both.upstreamHeader("x-consumer-id"))
                .as("basic-auth runs last")
                .isEqualTo(bobId);

        Reply keyOnly = proxy("/and", "apikey", "Mouse");
        assertThat(keyOnly.status()).isEqualTo(401);
        assertThat(keyOnly.message()).isEqualTo("Unauthorized");
        Reply basicOnly = proxy("/and", "Authorization", basic("bob:kong"));
        assertThat(basicOnly.status()).isEqualTo(401);
        assertThat(basicOnly.message()).isEqualTo("No API key found in request");
    }

    @Test
    void with_anonymous_on_each_any_auth_plugin_may_pass() throws Exception {
        Reply keyOnly = proxy("/or", "apikey", "Mouse");
        assertThat(keyOnly.status()).isEqualTo(200);
        assertThat(keyOnly.upstreamHeader("x-consumer-id")).isEqualTo(aliceId);
        assertThat(keyOnly.upstreamHeader("x-anonymous-consumer")).isNull();

        Reply basicOnly = proxy("/or", "Authorization", basic("bob:kong"));
        assertThat(basicOnly.status()).isEqualTo(200);
        assertThat(basicOnly.upstreamHeader("x-consumer-id")).isEqualTo(bobId);
        assertThat(basicOnly.upstreamHeader("x-anonymous-consumer")).isNull();

        Reply both = proxy("/or", "apikey", "Mouse", "Authorization", basic("bob:kong"));
        assertThat(both.status()).isEqualTo(200);
        assertThat(both.upstreamHeader("x-consumer-id"))
                .as("key-auth (1250) authenticated first; the others did nothing")
                .isEqualTo(aliceId);

        Reply none = proxy("/or");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.upstreamHeader("x-consumer-id")).isEqualTo(anonymousId);
        assertThat(none.upstreamHeader("x-anonymous-consumer")).isEqualTo("true");

        Reply badPassword = proxy("/or", "Authorization", basic("bob:nope"));
        assertThat(badPassword.status()).isEqualTo(200);
        assertThat(badPassword.upstreamHeader("x-consumer-id")).isEqualTo(anonymousId);
    }
}
