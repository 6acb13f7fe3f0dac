package io.tollgate.bootstrap.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/**
 * A real upstream on loopback that answers every request with its own name and counts the requests it served;
 * it can be stopped (a killed target: connections refused) and started again on the same port.
 */
final class NamedUpstream implements AutoCloseable {

    final String name;
    private final String bindHost;
    final AtomicInteger hits = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private int port;
    private HttpServer server;

    NamedUpstream(String name) throws IOException {
        this(name, "127.0.0.1");
    }

    /** An upstream listening on {@code bindHost} ({@code 127.0.0.1}, {@code ::1}, ...). */
    NamedUpstream(String name, String bindHost) throws IOException {
        this.name = name;
        this.bindHost = bindHost;
        start();
    }

    /** Starts listening: on a free port the first time, on the same port afterwards. */
    synchronized void start() throws IOException {
        // the same port again: wait (up to a deadline) until the system lets it be bound again
        AtomicReference<HttpServer> bound = new AtomicReference<>();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .ignoreException(BindException.class)
                .until(() -> {
                    bound.set(HttpServer.create(new InetSocketAddress(bindHost, port), 128));
                    return true;
                });
        server = bound.get();
        port = server.getAddress().getPort();
        server.createContext("/", exchange -> {
            if (!exchange.getRequestURI().getPath().equals("/health")) {
                hits.incrementAndGet();
            }
            byte[] body = name.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    /** Stops listening at once: new connections are refused. */
    synchronized void stop() {
        server.stop(0);
    }

    /** The port it listens on. */
    int port() {
        return port;
    }

    /** Kong's target notation, {@code 127.0.0.1:port}. */
    String target() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
        executor.shutdownNow();
    }
}
