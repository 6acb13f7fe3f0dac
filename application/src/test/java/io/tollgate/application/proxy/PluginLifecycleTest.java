package io.tollgate.application.proxy;

import static io.tollgate.domain.schema.Fields.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.plugin.spi.ExchangeSummary;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.in.ExchangeLog;
import io.tollgate.application.port.in.ProxyDecision;
import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.application.port.in.ResponsePhases;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plugin lifecycle through the SPI: phases, ordering, collecting, ending a request, failures. */
class PluginLifecycleTest {

    /** What the test plugins did, as {@code "<plugin>:<phase>[:<detail>]"}. */
    final List<String> trace = new CopyOnWriteArrayList<>();

    final InMemoryEntityStore store = new InMemoryEntityStore();
    final RouterHolder router = new RouterHolder(store);
    final PluginsHolder plugins = new PluginsHolder(store);
    RequestProxying proxying;
    Entity service;
    Entity route;
    Entity alice;

    /** A test plugin: a name, a priority, a {@code tag} config field, and what its access phase does. */
    class TestPlugin implements TollgatePlugin, PluginHandler {
        final PluginDefinition definition;
        final BiConsumer<PluginContext, PluginConfig> onAccess;

        TestPlugin(String name, int priority, BiConsumer<PluginContext, PluginConfig> onAccess) {
            this.definition = new PluginDefinition(name, priority, "1.0.0", RecordSchema.of(string("tag")), false);
            this.onAccess = onAccess;
        }

        @Override
        public PluginDefinition definition() {
            return definition;
        }

        @Override
        public PluginHandler handler(PluginEnvironment environment) {
            return this;
        }

        @Override
        public CompletionStage<Void> rewrite(PluginContext context, PluginConfig config) {
            trace.add(definition.name() + ":rewrite");
            return DONE;
        }

        @Override
        public CompletionStage<Void> access(PluginContext context, PluginConfig config) {
            trace.add(definition.name() + ":access:" + config.string("tag", "-"));
            onAccess.accept(context, config);
            return DONE;
        }

        @Override
        public void headerFilter(PluginContext context, PluginConfig config) {
            trace.add(definition.name() + ":header_filter:" + context.responseStatus());
            context.setResponseHeader("X-" + definition.name(), "seen");
        }

        @Override
        public void log(PluginContext context, PluginConfig config) {
            trace.add(definition.name() + ":log:" + context.logSerializer().get("response"));
        }
    }

    final TestPlugin auth = new TestPlugin("auth", 2000, (context, config) -> {
        if (context.header("user") != null) {
            context.authenticate(Consumer.of(alice), null);
        }
    });
    final TestPlugin stopper = new TestPlugin("stopper", 1500, (context, config) -> {
        if (context.header("stop") != null) {
            context.exit(418, "teapot", Map.of("Content-Type", "text/plain"));
        }
    });
    final TestPlugin boom = new TestPlugin("boom", 1200, (context, config) -> {
        if (context.header("boom") != null) {
            throw new IllegalStateException("boom");
        }
    });
    final TestPlugin recorder = new TestPlugin("recorder", 1000, (context, config) -> {
        context.setSerializeValue("recorded", config.string("tag", "-"));
        if (context.header("rewrite-upstream") != null) {
            context.setUpstreamPath("/elsewhere");
            context.setMethod("POST");
            context.setRawQuery("q=1");
        }
    });

    @BeforeEach
    void setUp() {
        List<TestPlugin> all = List.of(recorder, boom, auth, stopper);
        PluginCatalog.enable(all.stream().map(TestPlugin::definition).toList());
        InMemoryNodeCache cache = new InMemoryNodeCache();
        proxying = new RequestProxying(
                router,
                PluginPhases.of(
                        plugins,
                        all,
                        new CachedEntities(store, cache, RequestProxyingTest.WS, NoJson.CODEC),
                        Runnable::run,
                        new DatabaseOutages()),
                null,
                UpstreamTlsResolver.NONE,
                new DatabaseOutages());
        service = Entities.service("http://upstream.test:8080/base", Map.of());
        route = Entities.route(service, Map.of("paths", List.of("/api")));
        alice = Entities.consumer("alice", null);
        store.add(service, route, alice);
    }

    @AfterEach
    void restoreTheBundledPlugins() {
        PluginCatalog.enable(PluginCatalog.bundled());
    }

    void instances(Entity... plugin) {
        store.add(plugin);
        router.rebuild();
        plugins.rebuild();
    }

    ProxyDecision decide(FakeExchange exchange) {
        CompletableFuture<ProxyDecision> stage = proxying.handle(exchange).toCompletableFuture();
        assertThat(stage).isDone();
        return stage.join();
    }

    /** Plays the adapter's part after the decision: the response head, then completion. */
    static Map<String, List<String>> respond(FakeExchange exchange, int status) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        assertThat(exchange.phases)
                .as("the proxy registered the response phases")
                .isNotNull();
        exchange.phases.headerFilter(new ResponseHead() {
            @Override
            public int status() {
                return status;
            }

            @Override
            public List<String> headerValues(String name) {
                return headers.getOrDefault(name, List.of());
            }

            @Override
            public void setHeader(String name, String value) {
                headers.put(name, List.of(value));
            }

            @Override
            public void removeHeader(String name) {
                headers.remove(name);
            }

            @Override
            public void setStatus(int changed) {
                throw new UnsupportedOperationException("no plugin here changes the status");
            }
        });
        exchange.phases.completed(log(status, headers, List.of()));
        return headers;
    }

    static ExchangeLog log(int status, Map<String, List<String>> headers, List<ExchangeLog.UpstreamTry> tries) {
        return new ExchangeLog(
                "req-1", status, headers, 120, 340, "http://example.test:8000/api", null, status, tries, 7, 2, 12);
    }

    @Test
    void runsThePhasesInPriorityOrderAndTheResponsePhasesOfTheCollectedPlugins() {
        instances(
                Entities.plugin("recorder", Map.of("tag", "route"), Map.of("route", route)),
                Entities.plugin("stopper", Map.of(), Map.of()));

        FakeExchange exchange = FakeExchange.get("/api");
        assertThat(decide(exchange)).isInstanceOf(Forward.class);
        Map<String, List<String>> sent = respond(exchange, 200);

        assertThat(trace)
                .containsExactly(
                        "stopper:rewrite", // global instances only
                        "stopper:access:-",
                        "recorder:access:route",
                        "stopper:header_filter:200",
                        "recorder:header_filter:200",
                        "stopper:log:{status=200, headers={x-stopper=seen, x-recorder=seen}, size=340}",
                        "recorder:log:{status=200, headers={x-stopper=seen, x-recorder=seen}, size=340}");
        assertThat(sent).containsKeys("X-stopper", "X-recorder");
    }

    @Test
    void aRequestNoPluginAppliesToRegistersNoResponsePhases() {
        instances(Entities.plugin("recorder", Map.of(), Map.of("consumer", alice)));

        FakeExchange exchange = FakeExchange.get("/api");
        assertThat(decide(exchange)).isInstanceOf(Forward.class);

        assertThat(exchange.phases).as("nothing for the adapter to call back").isNull();
        assertThat(trace).isEmpty();
    }

    @Test
    void anEndedRequestSkipsTheRemainingAccessHandlersButItsPeersStillFilterAndLog() {
        instances(
                Entities.plugin("recorder", Map.of(), Map.of("route", route)),
                Entities.plugin("stopper", Map.of(), Map.of("route", route)));

        FakeExchange exchange = FakeExchange.get("/api").header("stop", "1");
        assertThat(decide(exchange)).isEqualTo(new Respond(418, Map.of("Content-Type", "text/plain"), "teapot"));
        respond(exchange, 418);

        assertThat(trace)
                .containsExactly(
                        "stopper:access:-",
                        "stopper:header_filter:418",
                        "recorder:header_filter:418",
                        "stopper:log:{status=418, headers={x-stopper=seen, x-recorder=seen}, size=340}",
                        "recorder:log:{status=418, headers={x-stopper=seen, x-recorder=seen}, size=340}");
    }

    @Test
    void aConsumerSetInAccessMakesConsumerScopedInstancesOfLaterPluginsApply() {
        instances(
                Entities.plugin("auth", Map.of(), Map.of()),
                Entities.plugin("recorder", Map.of("tag", "everyone"), Map.of("route", route)),
                Entities.plugin("recorder", Map.of("tag", "alice"), Map.of("consumer", alice)));

        FakeExchange anonymous = FakeExchange.get("/api");
        decide(anonymous);
        FakeExchange authenticated = FakeExchange.get("/api").header("user", "alice");
        decide(authenticated);

        assertThat(trace)
                .containsExactly(
                        "auth:rewrite",
                        "auth:access:-",
                        "recorder:access:everyone",
                        "auth:rewrite",
                        "auth:access:-",
                        "recorder:access:alice");
        assertThat(authenticated.headers.get("x-consumer-username")).containsExactly("alice");
    }

    @Test
    void aPluginThatThrowsGivesThatRequestKongs500AndLeavesOtherRequestsAlone() {
        instances(
                Entities.plugin("boom", Map.of(), Map.of("route", route)),
                Entities.plugin("recorder", Map.of(), Map.of("route", route)));

        FakeExchange failing = FakeExchange.get("/api").header("boom", "1");
        assertThat(decide(failing)).isEqualTo(Respond.message(500, "An unexpected error occurred"));
        respond(failing, 500);
        assertThat(trace).as("its peers still run header_filter and log").contains("recorder:header_filter:500");

        trace.clear();
        assertThat(decide(FakeExchange.get("/api"))).isInstanceOf(Forward.class);
        assertThat(trace).containsExactly("boom:access:-", "recorder:access:-");
    }

    @Test
    void accessHandlersChangeTheUpstreamRequestAndFeedTheLogSerializer() {
        instances(Entities.plugin("recorder", Map.of("tag", "t"), Map.of("route", route)));

        FakeExchange exchange = FakeExchange.get("/api/x?a=1").header("rewrite-upstream", "1");
        ProxyDecision decision = decide(exchange);

        assertThat(decision)
                .isInstanceOfSatisfying(
                        Forward.class, f -> assertThat(f.pathAndQuery()).isEqualTo("/elsewhere?q=1"));
        assertThat(exchange.method()).isEqualTo("POST");
        respond(exchange, 201);
        assertThat(trace).anyMatch(line -> line.startsWith("recorder:log:{status=201"));
    }

    @Test
    void theLogSerializerDescribesTheExchange() {
        List<Map<String, Object>> logged = new ArrayList<>();
        List<ExchangeSummary> summaries = new ArrayList<>();
        TestPlugin logger = new TestPlugin("logger", 10, (c, cfg) -> {}) {
            @Override
            public void log(PluginContext context, PluginConfig config) {
                summaries.add(context.exchangeSummary());
                logged.add(Map.copyOf(context.logSerializer()));
            }
        };
        proxying = new RequestProxying(router, withOnly(logger), null, UpstreamTlsResolver.NONE, new DatabaseOutages());
        instances(Entities.plugin("logger", Map.of(), Map.of("service", service)));

        FakeExchange exchange = FakeExchange.get("/api/users?x=1");
        decide(exchange);
        respond(exchange, 204);

        assertThat(logged).hasSize(1);
        Map<String, Object> entry = logged.get(0);
        assertThat(entry.get("request"))
                .isEqualTo(Map.of(
                        "id", "req-1",
                        "method", "GET",
                        "uri", "/api/users?x=1",
                        "url", "http://example.test:8000/api",
                        "querystring", Map.of("x", "1"),
                        "headers", Map.of(),
                        "size", 120L));
        assertThat(entry.get("response"))
                .isEqualTo(Map.of("status", 204, "headers", Map.of("x-logger", "seen"), "size", 340L));
        assertThat(entry.get("route"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("id", route.id().toString())
                .containsEntry("paths", List.of("/api"));
        assertThat(entry.get("service"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("id", service.id().toString())
                .containsEntry("host", "upstream.test");
        assertThat(entry.get("upstream_uri")).isEqualTo("/base/users?x=1");
        assertThat(entry.get("upstream_status")).isEqualTo("204");
        assertThat(entry.get("latencies")).isEqualTo(Map.of("kong", 3L, "proxy", 7L, "request", 12L, "receive", 2L));
        assertThat(entry.get("tries")).isEqualTo(List.of());
        assertThat(entry.get("source")).isEqualTo("upstream");
        assertThat(entry.get("workspace"))
                .isEqualTo(RequestProxyingTest.WS.value().toString());
        assertThat(entry.get("workspace_name")).isEqualTo("default");
        assertThat(entry).containsKeys("client_ip", "started_at").doesNotContainKey("authenticated_entity");
        assertThat(summaries)
                .as("the summary, read before the object was built, has the object's numbers")
                .containsExactly(ExchangeSummary.of(entry))
                .containsExactly(new ExchangeSummary(204, 120, 340, 3, 7, 12, "service"));
    }

    @Test
    void aLogThatDoesNotBlockRunsWithoutTheHandOffUnlessAPeerBlocks() {
        List<String> ran = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger handOffs = new java.util.concurrent.atomic.AtomicInteger();
        TestPlugin counter = new TestPlugin("counter", 10, (c, cfg) -> {}) {
            @Override
            public void log(PluginContext context, PluginConfig config) {
                ran.add("counter:" + context.exchangeSummary().status());
            }

            @Override
            public boolean logBlocks() {
                return false;
            }
        };
        TestPlugin writer = new TestPlugin("writer", 5, (c, cfg) -> {}) {
            @Override
            public void log(PluginContext context, PluginConfig config) {
                ran.add("writer:" + context.logSerializer().get("source"));
            }
        };
        PluginCatalog.enable(List.of(counter.definition(), writer.definition()));
        proxying = new RequestProxying(
                router,
                PluginPhases.of(
                        plugins,
                        List.of(counter, writer),
                        new CachedEntities(store, new InMemoryNodeCache(), RequestProxyingTest.WS, NoJson.CODEC),
                        task -> {
                            handOffs.incrementAndGet();
                            task.run();
                        },
                        new DatabaseOutages()),
                null,
                UpstreamTlsResolver.NONE,
                new DatabaseOutages());
        instances(Entities.plugin("counter", Map.of(), Map.of("service", service)));

        FakeExchange alone = FakeExchange.get("/api/a");
        decide(alone);
        respond(alone, 200);
        assertThat(ran).containsExactly("counter:200");
        assertThat(handOffs)
                .as("only non-blocking logs: run where the exchange completed")
                .hasValue(0);

        instances(Entities.plugin("writer", Map.of(), Map.of("service", service)));
        FakeExchange both = FakeExchange.get("/api/b");
        decide(both);
        respond(both, 201);
        assertThat(ran).containsExactly("counter:200", "counter:201", "writer:upstream");
        assertThat(handOffs)
                .as("a peer that may block: the whole phase on the log executor")
                .hasValue(1);
    }

    @Test
    void bodyFilterChainsTheCollectedPluginsInOrderAndPassesOnTheInputOfOneThatThrows() {
        TestPlugin brackets = new TestPlugin("brackets", 20, (c, cfg) -> {}) {
            @Override
            public ByteBuffer bodyFilter(PluginContext context, PluginConfig config, ByteBuffer chunk, boolean last) {
                if (last) {
                    throw new IllegalStateException("no end for me");
                }
                return utf8("[" + text(chunk) + "]");
            }
        };
        TestPlugin shout = new TestPlugin("shout", 10, (c, cfg) -> {}) {
            @Override
            public ByteBuffer bodyFilter(PluginContext context, PluginConfig config, ByteBuffer chunk, boolean last) {
                return utf8(text(chunk).toUpperCase(java.util.Locale.ROOT) + (last ? "." : ""));
            }
        };
        proxying = new RequestProxying(
                router, withOnly(shout, recorder, brackets), null, UpstreamTlsResolver.NONE, new DatabaseOutages());
        instances(
                Entities.plugin("brackets", Map.of(), Map.of("route", route)),
                Entities.plugin("shout", Map.of(), Map.of("route", route)),
                Entities.plugin("recorder", Map.of(), Map.of("route", route)));

        FakeExchange exchange = FakeExchange.get("/api");
        decide(exchange);
        assertThat(exchange.phases.filtersBody()).isTrue();

        assertThat(text(exchange.phases.bodyFilter(utf8("hi"), false))).isEqualTo("[HI]");
        assertThat(text(exchange.phases.bodyFilter(utf8(""), true))).isEqualTo(".");
    }

    @Test
    void headerFilterSetsTheStatusAndOnlyABodyAPluginWantsGoesThroughBodyFilter() {
        TestPlugin refuser = new TestPlugin("refuser", 20, (c, cfg) -> {}) {
            @Override
            public void headerFilter(PluginContext context, PluginConfig config) {
                if (context.responseStatus() == 503) {
                    context.setResponseStatus(429);
                    context.shared().put("refused", true);
                }
            }

            @Override
            public boolean filtersBody(PluginContext context, PluginConfig config) {
                return context.shared().containsKey("refused");
            }

            @Override
            public ByteBuffer bodyFilter(PluginContext context, PluginConfig config, ByteBuffer chunk, boolean last) {
                return ByteBuffer.allocate(0);
            }
        };
        proxying =
                new RequestProxying(router, withOnly(refuser), null, UpstreamTlsResolver.NONE, new DatabaseOutages());
        instances(Entities.plugin("refuser", Map.of(), Map.of("route", route)));

        FakeExchange passed = FakeExchange.get("/api");
        decide(passed);
        Buffered ok = new Buffered(200, "");
        passed.phases.headerFilter(ok);
        assertThat(ok.status).isEqualTo(200);
        assertThat(passed.phases.filtersBody())
                .as("the only body filter declined this body: it streams past the plugins")
                .isFalse();

        FakeExchange refused = FakeExchange.get("/api");
        decide(refused);
        Buffered head = new Buffered(503, "");
        refused.phases.headerFilter(head);
        assertThat(head.status).as("set in header_filter").isEqualTo(429);
        assertThat(refused.phases.filtersBody()).isTrue();
        assertThat(text(refused.phases.bodyFilter(utf8("upstream body"), false)))
                .isEmpty();
    }

    static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    static String text(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A buffered response as the adapter offers it to the {@code response} phase. */
    static final class Buffered implements ResponsePhases.BufferedResponse {
        int status;
        byte[] body;
        final Map<String, List<String>> headers = new LinkedHashMap<>();

        Buffered(int status, String body) {
            this.status = status;
            this.body = body.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] body() {
            return body;
        }

        @Override
        public void setBody(byte[] body) {
            this.body = body;
        }

        @Override
        public void setStatus(int status) {
            this.status = status;
        }

        @Override
        public int status() {
            return status;
        }

        @Override
        public List<String> headerValues(String name) {
            return headers.getOrDefault(name, List.of());
        }

        @Override
        public void setHeader(String name, String value) {
            headers.put(name, List.of(value));
        }

        @Override
        public void removeHeader(String name) {
            headers.remove(name);
        }
    }

    PluginPhases withOnly(TestPlugin... loaded) {
        PluginCatalog.enable(
                java.util.Arrays.stream(loaded).map(TestPlugin::definition).toList());
        return PluginPhases.of(
                plugins,
                List.of(loaded),
                new CachedEntities(store, new InMemoryNodeCache(), RequestProxyingTest.WS, NoJson.CODEC),
                Runnable::run,
                new DatabaseOutages());
    }

    @Test
    void theResponsePhaseRunsWhenACollectedPluginImplementsItAndRewritesTheWholeResponse() {
        TestPlugin rewriter = new TestPlugin("rewriter", 20, (c, cfg) -> {}) {
            @Override
            public CompletionStage<Void> response(PluginContext context, PluginConfig config) {
                String body = new String(context.responseBody(), StandardCharsets.UTF_8);
                trace.add("rewriter:response:" + context.responseStatus() + ":" + body);
                context.setResponseBody(body.toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
                context.setResponseStatus(201);
                context.setResponseHeader("X-Rewritten", "yes");
                return DONE;
            }
        };
        proxying = new RequestProxying(
                router, withOnly(rewriter, recorder), null, UpstreamTlsResolver.NONE, new DatabaseOutages());
        instances(
                Entities.plugin("recorder", Map.of(), Map.of("route", route)),
                Entities.plugin("rewriter", Map.of(), Map.of("service", service)));

        FakeExchange exchange = FakeExchange.get("/api");
        decide(exchange);
        assertThat(exchange.phases.buffersResponse()).isTrue();
        Buffered buffered = new Buffered(200, "hello");
        CompletableFuture<Void> done = exchange.phases.response(buffered).toCompletableFuture();

        assertThat(done).isCompleted();
        assertThat(buffered.status).isEqualTo(201);
        assertThat(new String(buffered.body, StandardCharsets.UTF_8)).isEqualTo("HELLO");
        assertThat(buffered.headers).containsEntry("X-Rewritten", List.of("yes"));
        assertThat(trace).contains("rewriter:response:200:hello");

        FakeExchange streamed = FakeExchange.get("/api");
        proxying =
                new RequestProxying(router, withOnly(recorder), null, UpstreamTlsResolver.NONE, new DatabaseOutages());
        plugins.rebuild();
        decide(streamed);
        assertThat(streamed.phases.buffersResponse())
                .as("no collected plugin implements response: the response streams")
                .isFalse();
    }

    @Test
    void aResponseHandlerThatThrowsTurnsTheResponseIntoKongs500AndTheBodyIsReadableInThatPhaseOnly() {
        TestPlugin failing =
                new TestPlugin("failing", 20, (context, config) -> {
                    try {
                        context.responseBody();
                        trace.add("readable in access");
                    } catch (IllegalStateException expected) {
                        trace.add("not readable in access");
                    }
                }) {
                    @Override
                    public CompletionStage<Void> response(PluginContext context, PluginConfig config) {
                        throw new IllegalStateException("broken");
                    }
                };
        proxying =
                new RequestProxying(router, withOnly(failing), null, UpstreamTlsResolver.NONE, new DatabaseOutages());
        instances(Entities.plugin("failing", Map.of(), Map.of("route", route)));

        FakeExchange exchange = FakeExchange.get("/api");
        decide(exchange);
        Buffered buffered = new Buffered(200, "secret upstream body");
        exchange.phases.response(buffered).toCompletableFuture().join();

        assertThat(buffered.status).isEqualTo(500);
        assertThat(new String(buffered.body, StandardCharsets.UTF_8))
                .isEqualTo("{\"message\":\"An unexpected error occurred\"}");
        assertThat(trace).contains("not readable in access");
    }

    @Test
    void theLogSerializerNamesTheCredentialRedactsAuthorizationAndListsFailedTries() {
        List<Map<String, Object>> logged = new ArrayList<>();
        java.util.UUID credential = java.util.UUID.randomUUID();
        TestPlugin logger =
                new TestPlugin(
                        "logger",
                        10,
                        (context, config) -> context.authenticate(Consumer.of(alice), credential, "alice-key")) {
                    @Override
                    public void log(PluginContext context, PluginConfig config) {
                        logged.add(Map.copyOf(context.logSerializer()));
                    }
                };
        proxying = new RequestProxying(router, withOnly(logger), null, UpstreamTlsResolver.NONE, new DatabaseOutages());
        instances(Entities.plugin("logger", Map.of(), Map.of("route", route)));

        FakeExchange exchange = FakeExchange.get("/api?a=1&a=2&flag&b=%20x")
                .header("Authorization", "Basic c2VjcmV0")
                .header("Accept", "text/plain")
                .header("Accept", "application/json");
        decide(exchange);
        exchange.phases.completed(log(
                502,
                Map.of(),
                List.of(
                        new ExchangeLog.UpstreamTry("10.0.0.1", 80, 1000, 0, "failed", 0, false),
                        new ExchangeLog.UpstreamTry("10.0.0.2", 80, 1005, 1, null, 0, null))));

        Map<String, Object> entry = logged.get(0);
        assertThat(entry.get("authenticated_entity"))
                .isEqualTo(Map.of(
                        "id", credential.toString(), "consumer_id", alice.id().toString()));
        assertThat(entry.get("consumer"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("id", alice.id().toString())
                .containsEntry("username", "alice");
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) entry.get("request");
        @SuppressWarnings("unchecked")
        Map<String, Object> requestHeaders = (Map<String, Object>) request.get("headers");
        assertThat(requestHeaders)
                .containsEntry("authorization", "REDACTED")
                .containsEntry("accept", List.of("text/plain", "application/json"));
        assertThat(request.get("querystring")).isEqualTo(Map.of("a", List.of("1", "2"), "flag", true, "b", " x"));
        assertThat(entry.get("tries"))
                .isEqualTo(List.of(
                        Map.of(
                                "balancer_start",
                                1000L,
                                "balancer_latency",
                                0L,
                                "ip",
                                "10.0.0.1",
                                "port",
                                80,
                                "state",
                                "failed",
                                "cached",
                                false),
                        Map.of("balancer_start", 1005L, "balancer_latency", 1L, "ip", "10.0.0.2", "port", 80)));
    }
}
