package io.tollgate.application.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.in.ExchangeLog;
import io.tollgate.application.port.in.ResponsePhases.ResponseHead;
import io.tollgate.application.proxy.plugin.CachedEntities;
import io.tollgate.application.proxy.plugin.PluginPhases;
import io.tollgate.application.proxy.plugin.PluginsHolder;
import io.tollgate.application.proxy.router.RouterHolder;
import io.tollgate.application.proxy.tls.UpstreamTlsResolver;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.InMemoryNodeCache;
import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.RecordSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ports Kong's {@code spec/01-unit/10-log_serializer_spec.lua} against Tollgate's log serializer, driven the way the
 * proxy drives it: a request through {@link RequestProxying}, the adapter's measurements as an {@link ExchangeLog},
 * and a global log plugin reading {@code kong.log.serialize}. Kong's spec feeds a mocked {@code ngx}; here the same
 * facts come from a real request context.
 *
 * <p>The revision ported is Kong 3.x's ({@code kong.log.serialize}, {@code #http} and {@code #stream} blocks; the
 * older {@code basic} serializer revision's 6 cases are all among its {@code #http} ones): 18 {@code it} cases, 10
 * ported: 9 here and {@code "uses port map (ngx.ctx.host_port) for request url"} in adapters-http's
 * {@code PluginPhasesIT} (the URL is the adapter's). The {@code #stream} block's 7 (stream subsystem) and
 * {@code "handle 'json.null' and 'cdata null'"} (Lua's {@code ngx.null} and FFI cdata) have no counterpart. Two
 * further cases check {@code request.tls}, which Kong 3.x's {@code kong.log.serialize} documentation states and the
 * spec does not.
 */
class KongLogSerializerSpecTest {

    static final String SPEC = "spec/01-unit/10-log_serializer_spec.lua";

    final InMemoryEntityStore store = new InMemoryEntityStore();
    final RouterHolder router = new RouterHolder(store);
    final PluginsHolder plugins = new PluginsHolder(store);
    final List<Map<String, Object>> logged = new ArrayList<>();
    final SpecLogger logger = new SpecLogger();
    RequestProxying proxying;
    Entity service;
    Entity route;
    Entity alice;

    /**
     * A global log plugin: its access handler authenticates {@code alice} when asked ({@code x-consumer}, with the
     * credential id of {@code x-credential} if any) or ends the request ({@code x-exit}); its log handler records the
     * serializer object.
     */
    final class SpecLogger implements TollgatePlugin, PluginHandler {
        final PluginDefinition definition = new PluginDefinition("spec-logger", 10, "1.0.0", RecordSchema.of(), false);

        @Override
        public PluginDefinition definition() {
            return definition;
        }

        @Override
        public PluginHandler handler(PluginEnvironment environment) {
            return this;
        }

        @Override
        public CompletionStage<Void> access(PluginContext context, PluginConfig config) {
            if (context.header("x-consumer") != null) {
                String credential = context.header("x-credential");
                context.authenticate(Consumer.of(alice), credential == null ? null : UUID.fromString(credential));
            }
            if (context.header("x-exit") != null) {
                context.exitWithMessage(403, "stop", Map.of());
            }
            return DONE;
        }

        @Override
        public void log(PluginContext context, PluginConfig config) {
            logged.add(new LinkedHashMap<>(context.logSerializer()));
        }
    }

    @BeforeEach
    void setUp() {
        PluginCatalog.enable(List.of(logger.definition()));
        proxying = new RequestProxying(
                router,
                PluginPhases.of(
                        plugins,
                        List.of(logger),
                        new CachedEntities(store, new InMemoryNodeCache(), RequestProxyingTest.WS, NoJson.CODEC),
                        Runnable::run,
                        new DatabaseOutages()),
                null,
                UpstreamTlsResolver.NONE,
                new DatabaseOutages());
        service = Entities.service("http://upstream.test:8080/base", Map.of());
        route = Entities.route(service, Map.of("paths", List.of("/api")));
        alice = Entities.consumer("alice", null);
        store.add(service, route, alice, Entities.plugin("spec-logger", Map.of(), Map.of()));
        router.rebuild();
        plugins.rebuild();
    }

    @AfterEach
    void restoreTheBundledPlugins() {
        PluginCatalog.enable(PluginCatalog.bundled());
    }

    /** The adapter's measurements of an exchange; the sizes and times are those of Kong's mocked {@code ngx.var}. */
    static ExchangeLog measured(
            int status,
            Map<String, List<String>> headers,
            ExchangeLog.@Nullable Tls tls,
            int upstreamStatus,
            List<ExchangeLog.UpstreamTry> tries,
            long upstreamWaitMs,
            long upstreamReceiveMs) {
        return new ExchangeLog(
                "req-1",
                status,
                headers,
                200,
                99,
                "http://test.test:80/api/request_uri?arg1=a&arg2=b",
                tls,
                upstreamStatus,
                tries,
                upstreamWaitMs,
                upstreamReceiveMs,
                2000);
    }

    /** A response the upstream gave on the first try. */
    static ExchangeLog proxied() {
        return measured(200, Map.of(), null, 200, List.of(upstreamTry(null, 0)), 5, 1);
    }

    /** Sends the request through the proxy, plays the adapter's response head and completion, returns the object. */
    Map<String, Object> serialize(FakeExchange exchange, ExchangeLog log) {
        proxying.handle(exchange).toCompletableFuture().join();
        assertThat(exchange.phases).as("the global log plugin was collected").isNotNull();
        exchange.phases.headerFilter(new ResponseHead() {
            @Override
            public int status() {
                return log.status();
            }

            @Override
            public List<String> headerValues(String name) {
                return log.headers().getOrDefault(name, List.of());
            }

            @Override
            public void setHeader(String name, String value) {}

            @Override
            public void removeHeader(String name) {}

            @Override
            public void setStatus(int status) {}
        });
        exchange.phases.completed(log);
        assertThat(logged).hasSize(1);
        return logged.get(0);
    }

    static ExchangeLog.UpstreamTry upstreamTry(@Nullable String state, int code) {
        return new ExchangeLog.UpstreamTry("127.0.0.1", 1234, 1_000, 0, state, code, null);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    /**
     * {@value #SPEC}: "serializes without API, Consumer or Authenticated entity" (a proxied request: Kong's mock
     * sets {@code KONG_PROXIED}). Kong's {@code latencies.kong} is its proxy latency from phase timestamps; Tollgate
     * measures the gateway's own time as the whole request's less the upstream's ({@code proxy} + {@code receive}).
     */
    @Test
    void serializes_without_api_consumer_or_authenticated_entity() {
        long before = System.currentTimeMillis();
        FakeExchange exchange = new FakeExchange("POST", "/api/request_uri?arg1=a&arg2=b")
                .host("test.test")
                .port(80)
                .header("header1", "header1")
                .header("header2", "header2")
                .header("authorization", "authorization");
        Map<String, Object> res = serialize(
                exchange,
                measured(
                        200,
                        Map.of(
                                "Header1", List.of("respheader1"),
                                "header2", List.of("respheader2"),
                                "Set-Cookie", List.of("delicious=delicacy")),
                        null,
                        200,
                        List.of(upstreamTry(null, 0)),
                        300,
                        100));
        long after = System.currentTimeMillis();

        assertThat(res.get("client_ip")).isEqualTo("127.0.0.1");
        assertThat(res.get("started_at"))
                .isInstanceOf(Long.class)
                .asInstanceOf(InstanceOfAssertFactories.LONG)
                .isBetween(before, after);

        assertThat(res.get("latencies"))
                .isEqualTo(Map.of("kong", 1600L, "proxy", 300L, "request", 2000L, "receive", 100L));

        Map<String, Object> request = map(res.get("request"));
        assertThat(request.get("headers"))
                .isEqualTo(Map.of("header1", "header1", "header2", "header2", "authorization", "REDACTED"));
        assertThat(request.get("method")).isEqualTo("POST");
        assertThat(request.get("querystring")).isEqualTo(Map.of("arg1", "a", "arg2", "b"));
        assertThat(request.get("url")).isEqualTo("http://test.test:80/api/request_uri?arg1=a&arg2=b");
        assertThat(res.get("upstream_uri")).isEqualTo("/base/request_uri?arg1=a&arg2=b");
        assertThat(res.get("upstream_status")).isEqualTo("200");
        assertThat(request.get("size")).isEqualTo(200L);
        assertThat(request.get("uri")).isEqualTo("/api/request_uri?arg1=a&arg2=b");
        assertThat(request.get("id")).isEqualTo("req-1");

        Map<String, Object> response = map(res.get("response"));
        assertThat(response.get("headers"))
                .isEqualTo(
                        Map.of("header1", "respheader1", "header2", "respheader2", "set-cookie", "delicious=delicacy"));
        assertThat(response.get("size")).isEqualTo(99L);

        assertThat(res).doesNotContainKeys("api", "consumer", "authenticated_entity");
        assertThat(res.get("tries")).isInstanceOf(List.class);
        assertThat(res.get("source")).isEqualTo("upstream");
    }

    /** {@value #SPEC}: "serializes the matching Route and Services". */
    @Test
    void serializes_the_matching_route_and_services() {
        Map<String, Object> res = serialize(FakeExchange.get("/api/x"), proxied());

        assertThat(map(res.get("route")).get("id")).isEqualTo(route.id().toString());
        assertThat(map(res.get("service")).get("id")).isEqualTo(service.id().toString());
        assertThat(res).doesNotContainKeys("consumer", "authenticated_entity");
    }

    /** {@value #SPEC}: "serializes the Consumer object" (authenticated without a credential, as anonymous is). */
    @Test
    void serializes_the_consumer_object() {
        Map<String, Object> res = serialize(FakeExchange.get("/api/x").header("x-consumer", "1"), proxied());

        assertThat(map(res.get("consumer")).get("id")).isEqualTo(alice.id().toString());
        assertThat(res).doesNotContainKeys("api", "authenticated_entity");
    }

    /**
     * {@value #SPEC}: "serializes the Authenticated Entity object": only the credential's {@code id} and
     * {@code consumer_id}, none of its secrets. (Kong's mock sets a credential without a consumer; a Tollgate plugin
     * authenticates both at once, so the consumer is there too.)
     */
    @Test
    void serializes_the_authenticated_entity_object() {
        UUID credential = UUID.randomUUID();
        Map<String, Object> res = serialize(
                FakeExchange.get("/api/x").header("x-consumer", "1").header("x-credential", credential.toString()),
                proxied());

        assertThat(res.get("authenticated_entity"))
                .isEqualTo(Map.of(
                        "id", credential.toString(), "consumer_id", alice.id().toString()));
        assertThat(res).doesNotContainKey("api");
    }

    /**
     * {@value #SPEC}: "serializes the tries and failure information": each try keeps its {@code ip}, {@code port} and,
     * only when known, {@code state} and {@code code} (Kong 3.x's balancer also records {@code balancer_start} and
     * {@code balancer_latency}, which Kong's mock leaves out: not compared).
     */
    @Test
    void serializes_the_tries_and_failure_information() {
        Map<String, Object> res = serialize(
                FakeExchange.get("/api/x"),
                measured(
                        200,
                        Map.of(),
                        null,
                        200,
                        List.of(upstreamTry("next", 502), upstreamTry("failed", 0), upstreamTry(null, 0)),
                        5,
                        1));

        List<Map<String, Object>> tries = new ArrayList<>();
        for (Object entry : (List<?>) res.get("tries")) {
            Map<String, Object> t = new LinkedHashMap<>(map(entry));
            assertThat(t).containsKeys("balancer_start", "balancer_latency");
            t.remove("balancer_start");
            t.remove("balancer_latency");
            tries.add(t);
        }
        assertThat(tries)
                .containsExactly(
                        Map.of("code", 502, "ip", "127.0.0.1", "port", 1234, "state", "next"),
                        Map.of("ip", "127.0.0.1", "port", 1234, "state", "failed"),
                        Map.of("ip", "127.0.0.1", "port", 1234));
    }

    /**
     * Not one of {@value #SPEC}'s cases (Kong's serializer copies nginx's {@code $upstream_status}, which its mock
     * leaves out): after retries {@code upstream_status} lists every try's status in order, separated by
     * {@code ", "}, a try without a response counting as the {@code code} its failure got (502 for a refused
     * connection, 504 for a timeout), then the answering try's; with no answer at all, only the failed tries'.
     */
    @Test
    void upstream_status_lists_every_try_after_retries() {
        Map<String, Object> retried = serialize(
                FakeExchange.get("/api/x"),
                measured(
                        200,
                        Map.of(),
                        null,
                        200,
                        List.of(upstreamTry("failed", 502), upstreamTry("failed", 504), upstreamTry(null, 0)),
                        5,
                        1));
        assertThat(retried.get("upstream_status")).isEqualTo("502, 504, 200");
        assertThat(retried.get("source")).isEqualTo("upstream");

        logged.clear();
        Map<String, Object> exhausted = serialize(
                FakeExchange.get("/api/x"),
                measured(
                        502,
                        Map.of(),
                        null,
                        0,
                        List.of(upstreamTry("failed", 502), upstreamTry("failed", 502)),
                        -1,
                        0));
        assertThat(exhausted.get("upstream_status")).isEqualTo("502, 502");
        assertThat(exhausted.get("source")).isEqualTo("kong");
    }

    /**
     * {@value #SPEC}: "serializes the response.source": a response the gateway made ({@code KONG_EXITED}: here a
     * plugin's) and one nobody marked (here: no upstream answered) both have {@code source} {@code kong}; neither has
     * an upstream status (nginx's unset {@code $upstream_status}: an empty string).
     */
    @Test
    void serializes_the_response_source() {
        Map<String, Object> exited = serialize(
                FakeExchange.get("/api/x").header("x-exit", "1"), measured(403, Map.of(), null, 0, List.of(), -1, 0));
        assertThat(exited.get("source")).isEqualTo("kong");
        assertThat(exited.get("upstream_status")).isEqualTo("");

        logged.clear();
        Map<String, Object> unanswered = serialize(
                FakeExchange.get("/api/x"), measured(502, Map.of(), null, 0, List.of(upstreamTry("failed", 0)), -1, 0));
        assertThat(unanswered.get("source")).isEqualTo("kong");
        assertThat(unanswered.get("upstream_status")).isEqualTo("");
    }

    /**
     * {@value #SPEC}: "does not fail when the 'balancer_data' structure is missing": a request no route matched never
     * gets Kong's balancer data, and its object has no {@code tries} (nor route, service, consumer); its
     * {@code upstream_uri} is Kong's empty {@code $upstream_uri}.
     */
    @Test
    void does_not_fail_when_the_balancer_data_structure_is_missing() {
        Map<String, Object> res = serialize(
                FakeExchange.get("/nowhere"),
                measured(404, Map.of("Content-Type", List.of("application/json")), null, 0, List.of(), -1, 0));

        assertThat(res).doesNotContainKeys("tries", "route", "service", "consumer", "authenticated_entity");
        assertThat(res.get("upstream_uri")).isEqualTo("");
        assertThat(map(res.get("response")).get("status")).isEqualTo(404);
        assertThat(res.get("source")).isEqualTo("kong");
    }

    /**
     * {@value #SPEC}: "includes query args in upstream_uri when they are not found in var.upstream_uri and exist in
     * var.args".
     */
    @Test
    void includes_query_args_in_upstream_uri_when_they_are_not_found_in_var_upstream_uri_and_exist_in_var_args() {
        Map<String, Object> res = serialize(FakeExchange.get("/api/upstream_uri?arg1=foo&arg2=bar"), proxied());

        assertThat(res.get("upstream_uri")).isEqualTo("/base/upstream_uri?arg1=foo&arg2=bar");
    }

    /**
     * {@value #SPEC}: "use the deep copies of the Route, Service, Consumer object avoid modify
     * ctx.authenticated_consumer, ctx.route, ctx.service": changing the serialized route, service and consumer
     * changes neither the entities nor the next request's object.
     */
    @Test
    void use_the_deep_copies_of_the_route_service_consumer_object_avoid_modify_ctx_objects() {
        Map<String, Object> first = serialize(FakeExchange.get("/api/x").header("x-consumer", "1"), proxied());
        for (String entity : List.of("route", "service", "consumer")) {
            map(first.get(entity)).put("id", "changed");
            map(first.get(entity)).put("added", true);
        }

        logged.clear();
        Map<String, Object> second = serialize(FakeExchange.get("/api/x").header("x-consumer", "1"), proxied());
        assertThat(map(second.get("route")))
                .containsEntry("id", route.id().toString())
                .doesNotContainKey("added");
        assertThat(map(second.get("service")))
                .containsEntry("id", service.id().toString())
                .doesNotContainKey("added");
        assertThat(map(second.get("consumer")))
                .containsEntry("id", alice.id().toString())
                .doesNotContainKey("added");
        assertThat(route.fields()).containsEntry("id", route.id().toString());
    }

    /**
     * Kong 3.x's {@code kong.log.serialize} documentation: {@code request.tls} holds the client connection's
     * {@code version}, {@code cipher} and {@code client_verify}.
     */
    @Test
    void request_tls_holds_the_version_cipher_and_client_verify_of_a_tls_connection() {
        Map<String, Object> res = serialize(
                FakeExchange.get("/api/x").scheme("https"),
                measured(
                        200,
                        Map.of(),
                        new ExchangeLog.Tls("TLSv1.3", "TLS_AES_256_GCM_SHA384", "NONE"),
                        200,
                        List.of(upstreamTry(null, 0)),
                        5,
                        1));

        assertThat(map(res.get("request")).get("tls"))
                .isEqualTo(Map.of("version", "TLSv1.3", "cipher", "TLS_AES_256_GCM_SHA384", "client_verify", "NONE"));
    }

    /** Kong 3.x's {@code kong.log.serialize} documentation: no {@code request.tls} on a plain HTTP request. */
    @Test
    void request_tls_is_absent_on_plain_http() {
        Map<String, Object> res = serialize(FakeExchange.get("/api/x"), proxied());

        assertThat(map(res.get("request"))).doesNotContainKey("tls");
    }
}
