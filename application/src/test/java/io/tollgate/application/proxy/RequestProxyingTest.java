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
import io.tollgate.domain.shared.WorkspaceId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RequestProxyingTest {

    static final WorkspaceId WS = new WorkspaceId(UUID.fromString("0dc6f45b-8f8d-40d2-a504-473544ee190b"));

    final InMemoryEntityStore store = new InMemoryEntityStore();
    final InMemoryNodeCache cache = new InMemoryNodeCache();
    final RouterHolder router = new RouterHolder(store);
    final PluginsHolder plugins = new PluginsHolder(store);
    final RequestProxying proxying = new RequestProxying(
            router,
            PluginPhases.withBundledPlugins(plugins, store, cache, WS, NoJson.CODEC, new DatabaseOutages()),
            null,
            UpstreamTlsResolver.NONE,
            new DatabaseOutages());

    Entity service;
    Entity route;

    @BeforeEach
    void setUp() {
        service = Entities.service("http://upstream.test:8080/base", Map.of("read_timeout", 1234));
        route = Entities.route(service, Map.of("name", "api", "paths", List.of("/api"), "hosts", List.of("gw.test")));
        store.add(service, route);
        rebuild();
    }

    void rebuild() {
        router.rebuild();
        plugins.rebuild();
    }

    ProxyDecision decide(FakeExchange exchange) {
        CompletableFuture<ProxyDecision> stage = proxying.handle(exchange).toCompletableFuture();
        assertThat(stage).as("complete at once").isDone();
        return stage.join();
    }

    @Test
    void forwardsToTheServiceWithKongsUpstreamPath() {
        ProxyDecision decision = decide(FakeExchange.get("/api/users?x=1&y").host("gw.test"));

        assertThat(decision).isInstanceOfSatisfying(Forward.class, f -> {
            assertThat(f.scheme()).isEqualTo("http");
            assertThat(f.host()).isEqualTo("upstream.test");
            assertThat(f.port()).isEqualTo(8080);
            assertThat(f.pathAndQuery()).isEqualTo("/base/users?x=1&y");
            assertThat(f.readTimeoutMs()).isEqualTo(1234);
            assertThat(f.connectTimeoutMs()).isEqualTo(60000);
            assertThat(f.strippedPrefix()).isEqualTo("/api");
            assertThat(f.hostHeader()).isEqualTo("upstream.test:8080");
            assertThat(f.route().value()).isEqualTo(route.id());
        });
    }

    @Test
    void leavesOutTheDefaultPortOfAGrpcsServiceAsKongsHostHeaderDoes() {
        Entity grpcs = Entities.service("grpcs://grpc.test:443", Map.of());
        store.add(grpcs, Entities.route(grpcs, Map.of("paths", List.of("/g"), "hosts", List.of("gw.test"))));
        rebuild();

        assertThat(decide(FakeExchange.get("/g").host("gw.test"))).isInstanceOfSatisfying(Forward.class, f -> {
            assertThat(f.hostHeader()).isEqualTo("grpc.test");
            assertThat(f.peers().next().hostHeader()).isEqualTo("grpc.test");
        });
    }

    @Test
    void addsKongsDebugHeadersOnlyWhenAllowedAndAsked() {
        FakeExchange asked = FakeExchange.get("/api").host("gw.test").header("Kong-Debug", "1");
        decide(asked);
        assertThat(asked.responseHeaders).doesNotContainKey("Kong-Route-Id");

        RequestProxying debugging = proxying.withDebugHeader(true);
        FakeExchange plain = FakeExchange.get("/api").host("gw.test");
        debugging.handle(plain).toCompletableFuture().join();
        assertThat(plain.responseHeaders).doesNotContainKey("Kong-Route-Id");

        FakeExchange debugged = FakeExchange.get("/api").host("gw.test").header("Kong-Debug", "1");
        debugging.handle(debugged).toCompletableFuture().join();
        assertThat(debugged.responseHeaders)
                .containsEntry("Kong-Route-Id", route.id().toString())
                .containsEntry("Kong-Route-Name", "api")
                .containsEntry("Kong-Service-Id", service.id().toString())
                .doesNotContainKey("Kong-Service-Name");
    }

    @Test
    void answers404WhenNoRouteMatches() {
        ProxyDecision decision = decide(FakeExchange.get("/api").host("other.test"));

        assertThat(decision).isEqualTo(Respond.message(404, "no Route matched with those values"));
        assertThat(((Respond) decision).body()).isEqualTo("{\"message\":\"no Route matched with those values\"}");
    }

    @Test
    void answers503ForARouteWithoutService() {
        store.add(Entities.of(io.tollgate.domain.route.Routes.SCHEMA, Map.of("paths", List.of("/lonely"))));
        rebuild();

        assertThat(decide(FakeExchange.get("/lonely")))
                .isEqualTo(Respond.message(503, "no Service found with those values"));
    }

    @Test
    void answers426ForAnHttpsOnlyRouteOverHttp() {
        store.add(Entities.route(service, Map.of("paths", List.of("/secure"), "protocols", List.of("https"))));
        rebuild();

        ProxyDecision decision = decide(FakeExchange.get("/secure"));
        assertThat(decision).isInstanceOfSatisfying(Respond.class, r -> {
            assertThat(r.status()).isEqualTo(426);
            assertThat(r.body()).contains("Please use HTTPS protocol");
        });
        assertThat(decide(FakeExchange.get("/secure").scheme("https"))).isInstanceOf(Forward.class);
        // an unknown forwarded scheme (a trusted X-Forwarded-Proto: httpsa) is not https either
        assertThat(decide(FakeExchange.get("/secure").scheme("httpsa")))
                .isInstanceOfSatisfying(
                        Respond.class, r -> assertThat(r.status()).isEqualTo(426));
    }

    @Test
    void answers426WithUpgradeHeadersAndRedirectsWithTheRoutesStatusCode() {
        store.add(Entities.route(service, Map.of("paths", List.of("/secure"), "protocols", List.of("https"))));
        store.add(Entities.route(
                service,
                Map.of("paths", List.of("/moved"), "protocols", List.of("https"), "https_redirect_status_code", 301)));
        store.add(Entities.route(
                service,
                Map.of("paths", List.of("/kept"), "protocols", List.of("https"), "https_redirect_status_code", 308)));
        rebuild();

        assertThat(decide(FakeExchange.get("/secure").host("gw.test")))
                .isInstanceOfSatisfying(
                        Respond.class,
                        r -> assertThat(r.headers())
                                .containsEntry("Connection", "Upgrade")
                                .containsEntry("Upgrade", "TLS/1.2, HTTP/1.1"));
        assertThat(decide(FakeExchange.get("/moved/x%20y?a=1&b").host("gw.test").port(8000)))
                .isInstanceOfSatisfying(Respond.class, r -> {
                    assertThat(r.status()).isEqualTo(301);
                    assertThat(r.headers()).containsEntry("Location", "https://gw.test/moved/x%20y?a=1&b");
                });
        assertThat(decide(new FakeExchange("POST", "/kept").host("gw.test")))
                .isInstanceOfSatisfying(
                        Respond.class, r -> assertThat(r.status()).isEqualTo(308));
    }

    @Test
    void anHttpOnlyRouteIsAlsoReachedOverHttpsAsInKongsTraditionalCompatibleRouter() {
        store.add(Entities.route(service, Map.of("paths", List.of("/plain"), "protocols", List.of("http"))));
        rebuild();

        assertThat(decide(FakeExchange.get("/plain"))).isInstanceOf(Forward.class);
        assertThat(decide(FakeExchange.get("/plain").scheme("https"))).isInstanceOf(Forward.class);
    }

    @Test
    void routesByTheClientsSniOnTls() {
        store.add(Entities.route(
                service, Map.of("name", "by-sni", "protocols", List.of("https"), "snis", List.of("secure.test"))));
        rebuild();

        assertThat(decide(FakeExchange.get("/x").sni("secure.test")))
                .isInstanceOfSatisfying(
                        Forward.class, f -> assertThat(f.pathAndQuery()).isEqualTo("/base/x"));
        assertThat(decide(FakeExchange.get("/x").sni("other.test"))).isInstanceOf(Respond.class);
    }

    @Test
    void keepsTheOldRouterWhenARebuildFails() {
        store.failing = true;
        org.assertj.core.api.Assertions.assertThatThrownBy(router::rebuild).hasMessageContaining("database down");

        assertThat(decide(FakeExchange.get("/api").host("gw.test"))).isInstanceOf(Forward.class);
    }

    @Test
    void requestTerminationAnswersWithTheDefaultMessageOrTheConfiguredBody() {
        store.add(Entities.plugin(
                "request-termination", Map.of("status_code", 403, "message", "Go away"), Map.of("route", route)));
        rebuild();
        assertThat(decide(FakeExchange.get("/api").host("gw.test"))).isEqualTo(Respond.message(403, "Go away"));

        store.project(new io.tollgate.domain.event.EntityDeleted(
                store.all(io.tollgate.domain.plugin.Plugins.SCHEMA).get(0)));
        store.add(Entities.plugin("request-termination", Map.of(), Map.of()));
        rebuild();
        assertThat(decide(FakeExchange.get("/api").host("gw.test")))
                .isEqualTo(Respond.message(503, "Service unavailable"));
    }

    @Test
    void requestTerminationWithBodyAndTrigger() {
        store.add(Entities.plugin(
                "request-termination",
                Map.of("status_code", 418, "body", "<teapot/>", "content_type", "application/xml", "trigger", "x-stop"),
                Map.of()));
        rebuild();

        assertThat(decide(FakeExchange.get("/api").host("gw.test"))).isInstanceOf(Forward.class);
        ProxyDecision stopped = decide(FakeExchange.get("/api").host("gw.test").header("X-Stop", "1"));
        assertThat(stopped).isEqualTo(new Respond(418, Map.of("Content-Type", "application/xml"), "<teapot/>"));
        assertThat(decide(FakeExchange.get("/api?x-stop").host("gw.test"))).isInstanceOf(Respond.class);
    }

    @Test
    void correlationIdIsSetUpstreamKeptWhenPresentAndEchoed() {
        store.add(Entities.plugin(
                "correlation-id",
                Map.of("header_name", "X-Corr", "generator", "uuid", "echo_downstream", true),
                Map.of()));
        rebuild();

        FakeExchange fresh = FakeExchange.get("/api").host("gw.test");
        assertThat(decide(fresh)).isInstanceOf(Forward.class);
        String generated = fresh.header("X-Corr");
        assertThat(UUID.fromString(generated)).isNotNull();
        assertThat(fresh.responseHeaders).containsEntry("X-Corr", generated);

        FakeExchange given = FakeExchange.get("/api").host("gw.test").header("X-Corr", "abc");
        decide(given);
        assertThat(given.header("X-Corr")).isEqualTo("abc");
        assertThat(given.responseHeaders).containsEntry("X-Corr", "abc");
    }

    @Test
    void correlationIdCounterAndTrackerGenerators() {
        store.add(Entities.plugin("correlation-id", Map.of(), Map.of()));
        rebuild();
        FakeExchange first = FakeExchange.get("/api").host("gw.test");
        FakeExchange second = FakeExchange.get("/api").host("gw.test");
        decide(first);
        decide(second);
        String a = first.header("Kong-Request-ID");
        String b = second.header("Kong-Request-ID");
        assertThat(a).matches("[0-9a-f-]{36}#\\d+");
        assertThat(a.substring(0, 36)).isEqualTo(b.substring(0, 36));
        assertThat(a).isNotEqualTo(b);
        assertThat(first.responseHeaders).isEmpty();
    }
}
