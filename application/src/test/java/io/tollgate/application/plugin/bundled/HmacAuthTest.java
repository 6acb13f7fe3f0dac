package io.tollgate.application.plugin.bundled;

import static io.tollgate.application.plugin.bundled.AuthHarness.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.application.proxy.Entities;
import io.tollgate.application.proxy.FakeExchange;
import io.tollgate.domain.credential.HmacAuthCredentials;
import io.tollgate.domain.entity.Entity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kong's hmac-auth access spec (19-hmac-auth/03-access), ported, on a fixed clock. */
class HmacAuthTest {

    static final Instant NOW = Instant.parse("2026-12-02T20:00:00Z");
    static final String SECRET = "secret";

    AuthHarness harness;
    Entity bob;
    Entity anonymous;

    @BeforeEach
    void setUp() {
        harness = new AuthHarness(List.of(new HmacAuth(Clock.fixed(NOW, ZoneOffset.UTC)), new KeyAuth()));
        bob = Entities.consumer("bob", null);
        anonymous = Entities.consumer("anonymous", null);
        harness.store.add(bob, anonymous);
        harness.store.add(Entities.of(
                HmacAuthCredentials.SCHEMA,
                Map.of("consumer", Map.of("id", bob.id().toString()), "username", "bob", "secret", SECRET)));
        harness.route("hmac", Map.of("hmac-auth", Map.of()));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    static String date(Instant at) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
    }

    static String authorization(String username, String algorithm, String headers, String signingString, String key) {
        String signature = Base64.getEncoder().encodeToString(HmacSignature.hmac(algorithm, key, signingString));
        return "hmac username=\"" + username + "\", algorithm=\"" + algorithm + "\", headers=\"" + headers
                + "\", signature=\"" + signature + "\"";
    }

    static Respond unauthorized(String message) {
        return status(401, message, "hmac");
    }

    FakeExchange signed(String path, String algorithm) {
        String date = date(NOW);
        return FakeExchange.get(path)
                .header("Date", date)
                .header(
                        "Authorization",
                        authorization(
                                "bob",
                                algorithm,
                                "date @request-target",
                                "date: " + date + "\n@request-target: get " + path,
                                SECRET));
    }

    @Test
    void missingHeadersAndDatesAreRejectedWithKongsMessages() {
        assertThat(harness.decide(FakeExchange.get("/hmac"))).isEqualTo(unauthorized("Unauthorized"));
        assertThat(harness.decide(FakeExchange.get("/hmac").header("Authorization", "asd")))
                .isEqualTo(unauthorized(HmacAuth.NO_DATE));
        assertThat(harness.decide(FakeExchange.get("/hmac")
                        .header("Authorization", "asd")
                        .header("Date", date(NOW.minusSeconds(301)))))
                .as("outside clock_skew")
                .isEqualTo(unauthorized(HmacAuth.NO_DATE));
        assertThat(harness.decide(
                        FakeExchange.get("/hmac").header("Authorization", "asd").header("Date", date(NOW))))
                .isEqualTo(unauthorized("HMAC signature cannot be verified"));
    }

    @Test
    void rfc850AndAsctimeDatesCountAsNginxReadsThem() {
        for (String date : List.of(
                DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.ENGLISH)
                        .format(NOW.atOffset(ZoneOffset.UTC)),
                DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH)
                        .format(NOW.atOffset(ZoneOffset.UTC)))) {
            FakeExchange exchange = FakeExchange.get("/hmac")
                    .header("Date", date)
                    .header("Authorization", authorization("bob", "hmac-sha256", "date", "date: " + date, SECRET));
            assertThat(harness.decide(exchange)).as(date).isInstanceOf(Forward.class);
        }
    }

    @Test
    void aCorrectSignatureAuthenticatesWithEveryAlgorithm() {
        for (String algorithm : List.of("hmac-sha1", "hmac-sha256", "hmac-sha384", "hmac-sha512")) {
            FakeExchange exchange = signed("/hmac", algorithm);
            assertThat(harness.decide(exchange)).as(algorithm).isInstanceOf(Forward.class);
            assertThat(exchange.header("X-Consumer-Username")).isEqualTo("bob");
            assertThat(exchange.header("X-Credential-Identifier")).isEqualTo("bob");
            assertThat(exchange.header("Authorization")).as("kept").isNotNull();
        }
    }

    @Test
    void aWrongSignatureOrUnknownUserIsRejected() {
        String date = date(NOW);
        assertThat(harness.decide(FakeExchange.get("/hmac")
                        .header("Date", date)
                        .header("Authorization", authorization("bob", "hmac-sha256", "date", "date: " + date, "nope"))))
                .isEqualTo(unauthorized("HMAC signature does not match"));
        assertThat(harness.decide(FakeExchange.get("/hmac")
                        .header("Date", date)
                        .header("Authorization", authorization("eve", "hmac-sha256", "date", "date: " + date, SECRET))))
                .isEqualTo(unauthorized("HMAC signature cannot be verified"));
        assertThat(harness.decide(FakeExchange.get("/hmac")
                        .header("Date", date)
                        .header(
                                "Authorization",
                                authorization("bob", "hmac-sha256", "date", "date: " + date, SECRET)
                                        .replace("hmac-sha256", "hmac-md5"))))
                .as("an unknown algorithm")
                .isEqualTo(unauthorized("HMAC signature cannot be verified"));
    }

    @Test
    void xDateRequestLineAndProxyAuthorizationWork() {
        String date = date(NOW.minusSeconds(100));
        FakeExchange exchange = FakeExchange.get("/hmac?a=1")
                .header("X-Date", date)
                .header("Date", "garbage")
                .header(
                        "Proxy-Authorization",
                        authorization(
                                "bob",
                                "hmac-sha256",
                                "x-date request-line",
                                "x-date: " + date + "\nGET /hmac?a=1 HTTP/1.1",
                                SECRET));
        assertThat(harness.decide(exchange)).isInstanceOf(Forward.class);
    }

    @Test
    void algorithmsEnforceHeadersHideCredentialsAndRealm() {
        harness.route(
                "strict",
                Map.of(
                        "hmac-auth",
                        Map.of(
                                "algorithms",
                                List.of("hmac-sha512"),
                                "enforce_headers",
                                List.of("date", "@request-target"),
                                "hide_credentials",
                                true,
                                "realm",
                                "kong",
                                "clock_skew",
                                10)));
        String date = date(NOW);
        assertThat(harness.decide(signed("/strict", "hmac-sha256")))
                .isEqualTo(status(401, "HMAC signature cannot be verified", "hmac realm=\"kong\""));
        assertThat(harness.decide(FakeExchange.get("/strict")
                        .header("Date", date)
                        .header("Authorization", authorization("bob", "hmac-sha512", "date", "date: " + date, SECRET))))
                .as("@request-target is enforced but not signed")
                .isEqualTo(status(401, "HMAC signature cannot be verified", "hmac realm=\"kong\""));
        FakeExchange ok = signed("/strict", "hmac-sha512");
        assertThat(harness.decide(ok)).isInstanceOf(Forward.class);
        assertThat(ok.header("Authorization")).isNull();
        assertThat(harness.decide(FakeExchange.get("/strict")
                        .header("Authorization", "x")
                        .header("Date", date(NOW.minusSeconds(11)))))
                .isEqualTo(status(401, HmacAuth.NO_DATE, "hmac realm=\"kong\""));
    }

    @Test
    void anonymousTakesOver() {
        harness.route(
                "anon", Map.of("hmac-auth", Map.of("anonymous", anonymous.id().toString())));

        FakeExchange exchange = FakeExchange.get("/anon");
        assertThat(harness.decide(exchange)).isInstanceOf(Forward.class);
        assertThat(exchange.header("X-Anonymous-Consumer")).isEqualTo("true");
        assertThat(exchange.header("X-Consumer-Username")).isEqualTo("anonymous");
    }

    @Test
    void validateRequestBodyChecksTheDigestHeader() {
        harness.route("digest", Map.of("hmac-auth", Map.of("validate_request_body", true)));
        byte[] body = "{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String digest = HmacSignature.sha256Digest(body);

        FakeExchange good = signed("/digest", "hmac-sha256").header("Digest", digest);
        good.body = body;
        assertThat(harness.decide(good)).isInstanceOf(Forward.class);

        FakeExchange wrong = signed("/digest", "hmac-sha256").header("Digest", HmacSignature.sha256Digest(new byte[1]));
        wrong.body = body;
        assertThat(harness.decide(wrong)).isEqualTo(unauthorized("HMAC signature does not match"));

        FakeExchange undigested = signed("/digest", "hmac-sha256");
        undigested.body = body;
        assertThat(harness.decide(undigested)).isEqualTo(unauthorized("HMAC signature does not match"));

        FakeExchange empty = signed("/digest", "hmac-sha256");
        assertThat(harness.decide(empty)).as("no Digest and no body").isInstanceOf(Forward.class);

        FakeExchange tooLarge = signed("/digest", "hmac-sha256").header("Digest", digest);
        tooLarge.body = null;
        assertThat(harness.decide(tooLarge)).isEqualTo(unauthorized("HMAC signature does not match"));
    }
}
