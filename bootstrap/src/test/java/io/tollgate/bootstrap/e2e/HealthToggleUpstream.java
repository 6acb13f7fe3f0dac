package io.tollgate.bootstrap.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A loopback upstream standing in for the test server of Kong's balancer specs: it can be told to be healthy or
 * unhealthy ({@link #healthy(boolean)}, Kong's {@code /healthy} and {@code /unhealthy}), or to hang on the next
 * request ({@link #timeoutNext()}, Kong's {@code /timeout}). Health probes ({@code GET /status}) answer 200 while
 * healthy and 500 otherwise, counted apart ({@link #statusOk}, {@link #statusFail}); any other request answers 200
 * ({@link #ok}) or 500 ({@link #fail}). When given host names, a request whose {@code Host} is not one of them answers
 * 400 and is not counted. Made with an {@link SSLContext}, it speaks TLS.
 */
final class HealthToggleUpstream implements AutoCloseable {

    final AtomicInteger ok = new AtomicInteger();
    final AtomicInteger fail = new AtomicInteger();
    final AtomicInteger statusOk = new AtomicInteger();
    final AtomicInteger statusFail = new AtomicInteger();

    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private final AtomicBoolean hangNext = new AtomicBoolean();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Set<String> hosts;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final HttpServer server;

    /** A server on a free port of 127.0.0.1, accepting any {@code Host} unless {@code hosts} are given. */
    HealthToggleUpstream(String... hosts) throws IOException {
        this(null, hosts);
    }

    /** The same, speaking TLS with {@code tls} when not {@code null}. */
    HealthToggleUpstream(@Nullable SSLContext tls, String... hosts) throws IOException {
        this.hosts = Set.of(hosts);
        if (tls == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        } else {
            HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String host = exchange.getRequestHeaders().getFirst("Host");
            String name = host == null ? "" : host.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
            if (!hosts.isEmpty() && !hosts.contains(name)) {
                respond(exchange, 400, "wrong host " + host);
                return;
            }
            if (exchange.getRequestURI().getPath().equals("/status")) {
                boolean up = healthy.get();
                (up ? statusOk : statusFail).incrementAndGet();
                respond(exchange, up ? 200 : 500, up ? "ok" : "server error");
                return;
            }
            if (hangNext.compareAndSet(true, false)) {
                fail.incrementAndGet();
                try {
                    closed.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            boolean up = healthy.get();
            (up ? ok : fail).incrementAndGet();
            respond(exchange, up ? 200 : 500, up ? "ok" : "server error");
        }
    }

    private static void respond(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** Kong's {@code /healthy} ({@code true}) and {@code /unhealthy} ({@code false}). */
    void healthy(boolean value) {
        healthy.set(value);
    }

    /** Kong's {@code /timeout}: the next proxied request gets no answer (it counts as a failure). */
    void timeoutNext() {
        hangNext.set(true);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Kong's target notation, {@code 127.0.0.1:port}. */
    String target() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
