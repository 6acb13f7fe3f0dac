package io.tollgate.adapter.http.proxy;

import static io.tollgate.domain.schema.Fields.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.tollgate.adapter.http.UpstreamKeepalive;
import io.tollgate.adapter.http.edge.EdgeSettings;
import io.tollgate.adapter.http.json.JacksonJsonCodec;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.proxy.RequestProxying;
import io.tollgate.application.proxy.plugin.CachedEntities;
import io.tollgate.application.proxy.plugin.PluginPhases;
import io.tollgate.application.proxy.plugin.PluginsHolder;
import io.tollgate.application.proxy.router.RouterHolder;
import io.tollgate.application.proxy.tls.UpstreamTlsResolver;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.InMemoryNodeCache;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.shared.WorkspaceId;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A custom plugin's phases on a real Undertow listener in front of a real upstream: {@code header_filter} changes the
 * upstream's and the gateway's own response heads, {@code log} runs after the response on a log thread, a plugin that
 * throws gets Kong's 500 with the request id and leaves other requests alone.
 */
class PluginPhasesIT {

    /** What {@code probe}'s log phase saw: the serializer and the thread it ran on. */
    record Logged(Map<String, Object> serializer, String thread) {}

    static final BlockingQueue<Logged> LOGGED = new LinkedBlockingQueue<>();

    /** The custom plugin under test. */
    static final class Probe implements TollgatePlugin, PluginHandler {
        @Override
        public PluginDefinition definition() {
            return new PluginDefinition("probe", 1000, "1.0.0", RecordSchema.of(string("tag")), false);
        }

        @Override
        public PluginHandler handler(PluginEnvironment environment) {
            return this;
        }

        @Override
        public CompletionStage<Void> access(PluginContext context, PluginConfig config) {
            if (context.header("boom") != null) {
                throw new IllegalStateException("probe exploded");
            }
            if (context.header("stop") != null) {
                context.exitWithMessage(403, "stopped by probe", Map.of());
            }
            context.setSerializeValue("tag", config.string("tag", "-"));
            return DONE;
        }

        @Override
        public void headerFilter(PluginContext context, PluginConfig config) {
            context.setResponseHeader("X-Probe-Status", String.valueOf(context.responseStatus()));
            context.removeResponseHeader("X-Secret");
        }

        @Override
        public void log(PluginContext context, PluginConfig config) {
            LOGGED.add(new Logged(
                    Map.copyOf(context.logSerializer()), Thread.currentThread().getName()));
        }
    }

    /** Upper-cases ASCII letters of the body, chunk by chunk; counts the chunks and the last calls it sees. */
    static final class Upper implements TollgatePlugin, PluginHandler {
        static final java.util.concurrent.atomic.AtomicInteger CHUNKS = new java.util.concurrent.atomic.AtomicInteger();
        static final java.util.concurrent.atomic.AtomicInteger LASTS = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public PluginDefinition definition() {
            return new PluginDefinition("upper", 900, "1.0.0", RecordSchema.of(), false);
        }

        @Override
        public PluginHandler handler(PluginEnvironment environment) {
            return this;
        }

        @Override
        public CompletionStage<Void> access(PluginContext context, PluginConfig config) {
            if (context.header("stop") != null) {
                context.exit(418, "teapot", Map.of("Content-Type", "text/plain"));
            }
            return DONE;
        }

        @Override
        public void headerFilter(PluginContext context, PluginConfig config) {
            context.removeResponseHeader("Content-Length");
        }

        @Override
        public java.nio.ByteBuffer bodyFilter(
                PluginContext context, PluginConfig config, java.nio.ByteBuffer chunk, boolean last) {
            if (last) {
                LASTS.incrementAndGet();
                return java.nio.ByteBuffer.wrap("!".getBytes(StandardCharsets.UTF_8));
            }
            CHUNKS.incrementAndGet();
            java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(chunk.remaining());
            while (chunk.hasRemaining()) {
                byte b = chunk.get();
                out.put(b >= 'a' && b <= 'z' ? (byte) (b - 32) : b);
            }
            return out.flip();
        }
    }

    /** The gateway's port of each upstream connection {@code /empty} was asked on. */
    static final List<Integer> EMPTY_FROM = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static HttpServer upstream;
    private static Undertow gateway;
    private static int gatewayPort;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        try {
            upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        upstream.createContext("/", exchange -> {
            byte[] body = "upstream".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Secret", "s3cr3t");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.createContext("/empty", exchange -> {
            EMPTY_FROM.add(exchange.getRemoteAddress().getPort());
            exchange.sendResponseHeaders(200, -1); // Content-Length: 0
            exchange.close();
        });
        upstream.createContext("/big", exchange -> {
            byte[] body = "abcdefgh".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8); // 512 KiB
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();

        List<TollgatePlugin> loaded = List.of(new Probe(), new Upper());
        PluginCatalog.enable(loaded.stream().map(TollgatePlugin::definition).toList());
        InMemoryEntityStore store = new InMemoryEntityStore();
        Entity service = store.create(
                Services.SCHEMA,
                Map.of("url", "http://127.0.0.1:" + upstream.getAddress().getPort()));
        Entity route = store.create(
                Routes.SCHEMA,
                Map.of(
                        "paths",
                        List.of("/probe"),
                        "service",
                        Map.of("id", service.id().toString())));
        store.create(
                Plugins.SCHEMA,
                Map.of(
                        "name",
                        "probe",
                        "config",
                        Map.of("tag", "t1"),
                        "route",
                        Map.of("id", route.id().toString())));
        Entity upper = store.create(
                Routes.SCHEMA,
                Map.of(
                        "paths",
                        List.of("/upper"),
                        "service",
                        Map.of("id", service.id().toString())));
        store.create(
                Plugins.SCHEMA,
                Map.of(
                        "name",
                        "upper",
                        "config",
                        Map.of(),
                        "route",
                        Map.of("id", upper.id().toString())));
        RouterHolder router = new RouterHolder(store);
        PluginsHolder plugins = new PluginsHolder(store);
        router.rebuild();
        plugins.rebuild();
        WorkspaceId ws = new WorkspaceId(UUID.randomUUID());
        RequestProxying proxying = new RequestProxying(
                router,
                PluginPhases.of(
                        plugins,
                        loaded,
                        new CachedEntities(store, new InMemoryNodeCache(), ws, new JacksonJsonCodec()),
                        PluginPhases.logExecutor(),
                        new DatabaseOutages()),
                null,
                UpstreamTlsResolver.NONE,
                new DatabaseOutages());
        gateway = Undertow.builder()
                .addHttpListener(
                        0,
                        "127.0.0.1",
                        new GatewayProxy(proxying, UpstreamKeepalive.DEFAULT, EdgeSettings.DEFAULTS).handler())
                .setIoThreads(1)
                .build();
        gateway.start();
        gatewayPort = ((InetSocketAddress) gateway.getListenerInfo().get(0).getAddress()).getPort();
        client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        PluginCatalog.enable(PluginCatalog.bundled());
        if (gateway != null) {
            gateway.stop();
        }
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    private static HttpResponse<String> get(String header) throws Exception {
        return get("/probe/x", header);
    }

    private static HttpResponse<String> get(String path, String header) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + path))
                .timeout(Duration.ofSeconds(10));
        if (header != null) {
            request.header(header, "1");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Logged nextLogged() throws InterruptedException {
        Logged logged = LOGGED.poll(10, TimeUnit.SECONDS);
        assertThat(logged).as("the log phase ran").isNotNull();
        return logged;
    }

    @Test
    void headerFilterChangesTheUpstreamsHeadAndLogRunsAfterwardsOffTheIoThread() throws Exception {
        LOGGED.clear();
        HttpResponse<String> response = get(null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("upstream");
        assertThat(response.headers().firstValue("X-Probe-Status")).hasValue("200");
        assertThat(response.headers().firstValue("X-Secret")).isEmpty();
        Logged logged = nextLogged();
        assertThat(logged.thread()).startsWith("plugin-log-");
        assertThat(logged.serializer()).containsEntry("tag", "t1");
        assertThat(logged.serializer().get("response")).asString().contains("status=200");
    }

    @Test
    void headerFilterAndLogAlsoRunForAResponseAPluginGenerated() throws Exception {
        LOGGED.clear();
        HttpResponse<String> response = get("stop");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).matches(GatewayProxyIT.kongJson("stopped by probe"));
        assertThat(response.headers().firstValue("X-Probe-Status")).hasValue("403");
        assertThat(nextLogged().serializer().get("response")).asString().contains("status=403");
    }

    /**
     * Kong's {@code request.url} ({@code spec/01-unit/10-log_serializer_spec.lua}: "uses port map (ngx.ctx.host_port)
     * for request url"): the port is the listener's ({@code $server_port}, through {@code port_maps}), not the
     * {@code Host} header's.
     */
    @Test
    void theLoggedUrlCarriesTheListenersPortNotTheHostHeaders() throws Exception {
        LOGGED.clear();
        try (Socket socket = new Socket("127.0.0.1", gatewayPort)) {
            socket.getOutputStream()
                    .write("GET /probe/x?a=1 HTTP/1.1\r\nHost: logged.test\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                    .startsWith("HTTP/1.1 200");
        }

        assertThat(nextLogged().serializer().get("request"))
                .asString()
                .contains("url=http://logged.test:" + gatewayPort + "/probe/x?a=1");
    }

    @Test
    void aPluginThatThrowsGivesKongs500WithTheRequestIdAndOtherRequestsGoOn() throws Exception {
        HttpResponse<String> failed = get("boom");

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.body()).matches(GatewayProxyIT.kongJson("An unexpected error occurred"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(get(null).statusCode()).isEqualTo(200));
    }

    @Test
    void bodyFilterRewritesAStreamedBodyChunkByChunkAndAppendsAtTheEnd() throws Exception {
        Upper.CHUNKS.set(0);
        Upper.LASTS.set(0);
        HttpResponse<String> response = get("/upper/big", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        assertThat(response.body()).hasSize(512 * 1024 + 1).isEqualTo("ABCDEFGH".repeat(64 * 1024) + "!");
        assertThat(Upper.CHUNKS.get())
                .as("the body went through in several chunks")
                .isGreaterThan(1);
        assertThat(Upper.LASTS.get()).isEqualTo(1);

        HttpResponse<String> small = get("/upper/small", null);
        assertThat(small.body()).isEqualTo("UPSTREAM!");
        HttpResponse<String> generated = get("/upper/small", "stop");
        assertThat(generated.statusCode()).isEqualTo(418);
        assertThat(generated.body()).as("a generated body is filtered too").isEqualTo("TEAPOT!");
    }

    @Test
    void anUpstreamsOwnEmptyBodyKeepsItsConnectionForTheNextRequest() throws Exception {
        // only a Content-Length: 0 the plugins set on a body the upstream may still send closes the connection
        EMPTY_FROM.clear();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = get("/probe/empty", null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Probe-Status")).hasValue("200");
            assertThat(response.body()).isEmpty();
        }
        assertThat(EMPTY_FROM).hasSize(2);
        assertThat(EMPTY_FROM.get(1)).as("the pooled connection was reused").isEqualTo(EMPTY_FROM.get(0));
    }
}
