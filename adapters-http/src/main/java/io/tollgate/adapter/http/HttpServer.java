package io.tollgate.adapter.http;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one Undertow server: Kong's proxy listeners ({@code proxy_listen}) and Admin API listeners
 * ({@code admin_listen}), each listener with its own root handler. IO threads = available cores; the worker pool is
 * sized for blocking Admin API work. Connector statistics are on, for {@code GET /status}.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #stop(Duration)} once. Obtain it from {@link HttpAdapterModule}.
 */
public final class HttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final HttpSettings settings;
    private final UndertowStatistics statistics;
    private final GracefulShutdownHandler proxy;
    private final GracefulShutdownHandler admin;
    private final Undertow undertow;
    private boolean started;
    private boolean stopped;

    HttpServer(HttpSettings settings, HttpHandler proxyHandler, HttpHandler adminHandler,
               UndertowStatistics statistics) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.proxy = new GracefulShutdownHandler(Objects.requireNonNull(proxyHandler, "proxyHandler"));
        this.admin = new GracefulShutdownHandler(Objects.requireNonNull(adminHandler, "adminHandler"));
        int cores = Runtime.getRuntime().availableProcessors();
        Undertow.Builder builder = Undertow.builder()
                .setIoThreads(cores)
                .setWorkerThreads(Math.max(16, cores * 8))
                .setServerOption(UndertowOptions.ENABLE_STATISTICS, true);
        HttpHandler proxyRoot = statistics.counting(proxy);
        HttpHandler adminRoot = statistics.counting(admin);
        settings.proxyListen().forEach(a -> builder.addHttpListener(a.getPort(), a.getHostString(), proxyRoot));
        settings.adminListen().forEach(a -> builder.addHttpListener(a.getPort(), a.getHostString(), adminRoot));
        this.undertow = builder.build();
    }

    /**
     * Binds every listener and starts serving.
     *
     * @throws IllegalStateException if already started, or when a listener cannot bind (Undertow's cause attached)
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the HTTP server was already started");
        }
        started = true;
        undertow.start();
        statistics.attach(undertow.getListenerInfo());
        LOG.info("listening: proxy {}, admin {}", proxyAddresses(), adminAddresses());
    }

    /** The bound proxy addresses (actual ports when 0 was asked), in {@code proxy_listen} order; empty before start. */
    public synchronized List<InetSocketAddress> proxyAddresses() {
        return bound().subList(0, Math.min(bound().size(), settings.proxyListen().size()));
    }

    /** The bound admin addresses (actual ports when 0 was asked), in {@code admin_listen} order; empty before start. */
    public synchronized List<InetSocketAddress> adminAddresses() {
        List<InetSocketAddress> all = bound();
        return all.size() <= settings.proxyListen().size() ? List.of() : all.subList(settings.proxyListen().size(), all.size());
    }

    /**
     * Stops gracefully: stops accepting connections, answers new requests on open connections with 503, waits up to
     * {@code grace} for in-flight requests to finish, then closes every connection. Idempotent.
     */
    public synchronized void stop(Duration grace) {
        if (!started || stopped) {
            stopped = true;
            return;
        }
        stopped = true;
        long deadline = System.nanoTime() + Math.max(0, grace.toNanos());
        undertow.getListenerInfo().forEach(Undertow.ListenerInfo::suspend);
        proxy.shutdown();
        admin.shutdown();
        try {
            boolean drained = proxy.awaitShutdown(remainingMillis(deadline)) & admin.awaitShutdown(remainingMillis(deadline));
            if (!drained) {
                LOG.warn("stopping with requests still in flight after the {} grace period", grace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            statistics.detach();
            undertow.stop();
            LOG.info("HTTP server stopped");
        }
    }

    private static long remainingMillis(long deadline) {
        return Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
    }

    private List<InetSocketAddress> bound() {
        if (!started || stopped) {
            return List.of();
        }
        return undertow.getListenerInfo().stream().map(l -> (InetSocketAddress) l.getAddress()).toList();
    }
}
