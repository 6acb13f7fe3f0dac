package io.tollgate.application.plugin.bundled;

import static io.tollgate.application.plugin.bundled.BasicCredentialsTest.basic;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.application.proxy.Entities;
import io.tollgate.application.proxy.FakeExchange;
import io.tollgate.domain.credential.HmacAuthCredentials;
import io.tollgate.domain.credential.PasswordHasher;
import io.tollgate.domain.entity.Entity;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kong's "multiple authentication" (10-basic-auth/03-access, logical AND / OR): key-auth (1250), hmac-auth (1030)
 * and basic-auth (1100) on one route, without {@code anonymous} (all must pass) and with it on each (any may pass).
 */
class MultipleAuthTest {

    AuthHarness harness;
    Entity anonymous;
    Entity mickey;
    Entity aladdin;
    Entity hacker;

    @BeforeEach
    void setUp() {
        harness = new AuthHarness(List.of(
                new KeyAuth(),
                new BasicAuth(Runnable::run),
                new HmacAuth(Clock.fixed(HmacAuthTest.NOW, ZoneOffset.UTC))));
        anonymous = Entities.consumer("Anonymous", null);
        mickey = Entities.consumer("Mickey", null);
        aladdin = Entities.consumer("Aladdin", null);
        hacker = Entities.consumer("Hacker", null);
        harness.store.add(anonymous, mickey, aladdin, hacker);
        harness.store.add(Entities.keyAuth(mickey, "Mouse"));
        harness.store.add(BasicAuthTest.credential(aladdin, "Aladdin", new PasswordHasher(1000).hash("OpenSesame")));
        harness.store.add(Entities.of(
                HmacAuthCredentials.SCHEMA,
                Map.of("consumer", Map.of("id", hacker.id().toString()), "username", "hacker", "secret", "s")));
        harness.route("and", Map.of("key-auth", Map.of(), "basic-auth", Map.of()));
        String anon = anonymous.id().toString();
        harness.route(
                "or",
                Map.of(
                        "key-auth", Map.of("anonymous", anon),
                        "basic-auth", Map.of("anonymous", anon),
                        "hmac-auth", Map.of("anonymous", anon)));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    FakeExchange request(String path, boolean key, boolean basic) {
        FakeExchange exchange = FakeExchange.get(path);
        if (key) {
            exchange.header("apikey", "Mouse");
        }
        if (basic) {
            exchange.header("Authorization", basic("Aladdin:OpenSesame"));
        }
        return exchange;
    }

    @Test
    void withoutAnonymousEveryPluginMustPass() {
        FakeExchange both = request("/and", true, true);
        assertThat(harness.decide(both)).isInstanceOf(Forward.class);
        assertThat(both.header("X-Anonymous-Consumer")).isNull();
        assertThat(both.header("X-Consumer-ID"))
                .as("the last plugin's consumer (basic-auth runs after key-auth)")
                .isEqualTo(aladdin.id().toString());

        assertThat(harness.decide(request("/and", true, false)))
                .isEqualTo(Respond.message(401, "Unauthorized", Map.of("WWW-Authenticate", "Basic realm=\"service\"")));
        assertThat(harness.decide(request("/and", false, true)))
                .isEqualTo(Respond.message(401, "No API key found in request", Map.of("WWW-Authenticate", "Key")));
        assertThat(harness.decide(request("/and", false, false)))
                .isEqualTo(Respond.message(401, "No API key found in request", Map.of("WWW-Authenticate", "Key")));
    }

    @Test
    void withAnonymousOnEachAnyPluginMayPass() {
        FakeExchange both = request("/or", true, true);
        assertThat(harness.decide(both)).isInstanceOf(Forward.class);
        assertThat(both.header("X-Anonymous-Consumer")).isNull();
        assertThat(both.header("X-Consumer-ID"))
                .as("key-auth runs first; the others see a credential and do nothing")
                .isEqualTo(mickey.id().toString());

        FakeExchange keyOnly = request("/or", true, false);
        assertThat(harness.decide(keyOnly)).isInstanceOf(Forward.class);
        assertThat(keyOnly.header("X-Consumer-ID")).isEqualTo(mickey.id().toString());
        assertThat(keyOnly.header("X-Anonymous-Consumer")).isNull();

        FakeExchange basicOnly = request("/or", false, true);
        assertThat(harness.decide(basicOnly)).isInstanceOf(Forward.class);
        assertThat(basicOnly.header("X-Consumer-ID"))
                .as("key-auth fell back to anonymous, basic-auth replaced it")
                .isEqualTo(aladdin.id().toString());
        assertThat(basicOnly.header("X-Anonymous-Consumer")).isNull();

        String date = HmacAuthTest.date(HmacAuthTest.NOW);
        FakeExchange hmacOnly = FakeExchange.get("/or")
                .header("Date", date)
                .header(
                        "Proxy-Authorization",
                        HmacAuthTest.authorization("hacker", "hmac-sha1", "date", "date: " + date, "s"));
        assertThat(harness.decide(hmacOnly)).isInstanceOf(Forward.class);
        assertThat(hmacOnly.header("X-Consumer-ID")).isEqualTo(hacker.id().toString());
        assertThat(hmacOnly.header("X-Credential-Identifier")).isEqualTo("hacker");

        FakeExchange none = request("/or", false, false);
        assertThat(harness.decide(none)).isInstanceOf(Forward.class);
        assertThat(none.header("X-Consumer-ID")).isEqualTo(anonymous.id().toString());
        assertThat(none.header("X-Anonymous-Consumer")).isEqualTo("true");
    }
}
