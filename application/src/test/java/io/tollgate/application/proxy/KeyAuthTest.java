package io.tollgate.application.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.in.ProxyDecision;
import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.application.proxy.plugin.PluginPhases;
import io.tollgate.application.proxy.plugin.PluginsHolder;
import io.tollgate.application.proxy.router.RouterHolder;
import io.tollgate.application.proxy.tls.UpstreamTlsResolver;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.InMemoryNodeCache;
import io.tollgate.domain.entity.Entity;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyAuthTest {

    final InMemoryEntityStore store = new InMemoryEntityStore();
    final InMemoryNodeCache cache = new InMemoryNodeCache();
    final RouterHolder router = new RouterHolder(store);
    final PluginsHolder plugins = new PluginsHolder(store);
    final RequestProxying proxying = new RequestProxying(
            router,
            PluginPhases.withBundledPlugins(
                    plugins, store, cache, RequestProxyingTest.WS, NoJson.CODEC, new DatabaseOutages()),
            null,
            UpstreamTlsResolver.NONE,
            new DatabaseOutages());

    Entity route;
    Entity alice;
    Entity aliceKey;

    @BeforeEach
    void setUp() {
        Entity service = Entities.service("http://upstream.test", Map.of());
        route = Entities.route(service, Map.of("paths", List.of("/api")));
        alice = Entities.consumer("alice", "A-1");
        aliceKey = Entities.keyAuth(alice, "secret");
        store.add(service, route, alice, aliceKey);
    }

    void keyAuth(Map<String, ?> config) {
        store.add(Entities.plugin("key-auth", config, Map.of("route", route)));
        router.rebuild();
        plugins.rebuild();
    }

    ProxyDecision decide(FakeExchange exchange) {
        CompletableFuture<ProxyDecision> stage = proxying.handle(exchange).toCompletableFuture();
        assertThat(stage).isDone();
        return stage.join();
    }

    static Respond unauthorized(String message, String challenge) {
        return Respond.message(401, message, Map.of("WWW-Authenticate", challenge));
    }

    @Test
    void rejectsRequestsWithoutKey() {
        keyAuth(Map.of());

        assertThat(decide(FakeExchange.get("/api"))).isEqualTo(unauthorized("No API key found in request", "Key"));
        assertThat(decide(FakeExchange.get("/api").header("apikey", "")))
                .isEqualTo(unauthorized("No API key found in request", "Key"));
    }

    @Test
    void rejectsUnknownKeysAndCachesTheMiss() {
        keyAuth(Map.of("realm", "kong"));

        assertThat(decide(FakeExchange.get("/api").header("apikey", "nope")))
                .isEqualTo(unauthorized("Unauthorized", "Key realm=\"kong\""));
        int reads = store.reads.get();
        decide(FakeExchange.get("/api").header("apikey", "nope"));
        assertThat(store.reads.get()).as("the miss is served from the cache").isEqualTo(reads);
    }

    @Test
    void rejectsDuplicateKeys() {
        keyAuth(Map.of());

        assertThat(decide(FakeExchange.get("/api").header("apikey", "secret", "other")))
                .isEqualTo(unauthorized("Duplicate API key found", "Key"));
    }

    @Test
    void authenticatesByHeaderAndTellsTheUpstreamWhoTheConsumerIs() {
        keyAuth(Map.of());

        FakeExchange exchange = FakeExchange.get("/api")
                .header("apikey", "secret")
                .header("X-Anonymous-Consumer", "true")
                .header("X-Consumer-Username", "mallory");
        assertThat(decide(exchange)).isInstanceOf(Forward.class);
        assertThat(exchange.header("X-Consumer-ID")).isEqualTo(alice.id().toString());
        assertThat(exchange.header("X-Consumer-Username")).isEqualTo("alice");
        assertThat(exchange.header("X-Consumer-Custom-ID")).isEqualTo("A-1");
        assertThat(exchange.header("X-Credential-Identifier"))
                .isEqualTo(aliceKey.id().toString());
        assertThat(exchange.header("X-Anonymous-Consumer")).isNull();
        assertThat(exchange.header("apikey"))
                .as("kept without hide_credentials")
                .isEqualTo("secret");
    }

    @Test
    void authenticatesByQueryAndHidesCredentials() {
        keyAuth(Map.of("hide_credentials", true, "key_names", List.of("apikey", "token")));

        FakeExchange byQuery = FakeExchange.get("/api/x?a=1&token=secret&b=2");
        ProxyDecision decision = decide(byQuery);
        assertThat(decision)
                .isInstanceOfSatisfying(
                        Forward.class, f -> assertThat(f.pathAndQuery()).isEqualTo("/x?a=1&b=2"));

        FakeExchange byHeader = FakeExchange.get("/api").header("token", "secret");
        assertThat(decide(byHeader)).isInstanceOf(Forward.class);
        assertThat(byHeader.header("token")).isNull();
    }

    @Test
    void ignoresHeadersWhenKeyInHeaderIsOff() {
        keyAuth(Map.of("key_in_header", false));

        assertThat(decide(FakeExchange.get("/api").header("apikey", "secret")))
                .isEqualTo(unauthorized("No API key found in request", "Key"));
        assertThat(decide(FakeExchange.get("/api?apikey=secret"))).isInstanceOf(Forward.class);
    }

    @Test
    void fallsBackToTheAnonymousConsumer() {
        Entity guest = Entities.consumer("guest", null);
        store.add(guest);
        keyAuth(Map.of("anonymous", "guest"));

        FakeExchange exchange = FakeExchange.get("/api").header("apikey", "wrong");
        assertThat(decide(exchange)).isInstanceOf(Forward.class);
        assertThat(exchange.header("X-Consumer-ID")).isEqualTo(guest.id().toString());
        assertThat(exchange.header("X-Anonymous-Consumer")).isEqualTo("true");
        assertThat(exchange.header("X-Credential-Identifier")).isNull();
        assertThat(exchange.header("X-Consumer-Custom-ID")).isNull();
    }

    @Test
    void answers500WhenTheAnonymousConsumerDoesNotExist() {
        keyAuth(Map.of("anonymous", "ghost"));

        assertThat(decide(FakeExchange.get("/api")))
                .isEqualTo(Respond.message(500, "anonymous consumer ghost is configured but doesn't exist"));
    }

    @Test
    void laterPluginsSeeConsumerScopedInstances() {
        store.add(Entities.plugin(
                "request-termination",
                Map.of("status_code", 429, "message", "alice is blocked"),
                Map.of("consumer", alice)));
        keyAuth(Map.of());

        assertThat(decide(FakeExchange.get("/api").header("apikey", "secret")))
                .isEqualTo(Respond.message(429, "alice is blocked"));
    }

    @Test
    void completesLaterOnlyWhenTheCacheMustLoad() {
        keyAuth(Map.of());
        cache.deferLoads = true;

        CompletableFuture<ProxyDecision> first = proxying.handle(
                        FakeExchange.get("/api").header("apikey", "secret"))
                .toCompletableFuture();
        assertThat(first).isNotDone();
        cache.runPendingLoads();
        assertThat(first).isDone();
        assertThat(first.join()).isInstanceOf(Forward.class);

        CompletableFuture<ProxyDecision> second = proxying.handle(
                        FakeExchange.get("/api").header("apikey", "secret"))
                .toCompletableFuture();
        assertThat(second).as("credential and consumer are cached now").isDone();
    }
}
