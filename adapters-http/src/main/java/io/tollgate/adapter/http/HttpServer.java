package io.tollgate.adapter.http;

import io.tollgate.adapter.http.edge.Lingering;
import io.tollgate.application.port.in.ServerCertificates;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.ConnectorStatistics;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.accesslog.AccessLogHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.OptionMap;
import org.xnio.Options;

/**
 * The node's one Undertow server: Kong's proxy listeners ({@code proxy_listen}), Admin API listeners
 * ({@code admin_listen}), Kong Manager's listeners ({@code admin_gui_listen}) and Kong's status API
 * ({@code status_listen}), each kind with its own root handler
 * (the GUI's requests go to the Admin API's access log, as Kong's do). IO threads = available cores; the worker pool is
 * sized for blocking Admin API work. Connector statistics are on, for {@code GET /status}. Listeners with Kong's
 * {@code ssl} flag terminate TLS with the certificate chosen by SNI ({@link SniKeyManager}); {@code http2} adds
 * HTTP/2 (ALPN over TLS, h2c by {@code Upgrade} without TLS). Every listener is bound on Undertow's worker by Tollgate
 * itself ({@link BoundListener}: {@link PlainHttpListener}, {@link TlsHttpListener}) so that its connections suspend
 * reads lazily ({@link LazyReadSuspension}): no {@code epoll_ctl} per request; and so that it takes raw (unescaped)
 * UTF-8 in the request target, as nginx does for Kong ({@code GET /services/円}, {@link #proxyOptions},
 * {@link #decodingOptions}). Undertow's builder only makes the worker and the threads.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #stop(Duration)} once. Obtain it from {@link HttpAdapterModule}.
 */
public final class HttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    /** How long work still running after the grace period gets before its threads are interrupted. */
    private static final Duration AFTER_GRACE = Duration.ofMillis(500);

    private final HttpSettings settings;
    private final UndertowStatistics statistics;
    private final InFlightRequests proxy;
    private final InFlightRequests admin;
    /** Makes and stops the XNIO worker the listeners accept on; it binds no listener itself. */
    private final Undertow undertow;
    /**
     * Every listener ({@link BoundListener}): {@code proxy_listen}'s, {@code admin_listen}'s, {@code admin_gui_listen}'s
     * and {@code status_listen}'s, in that order and each in its configured order.
     */
    private final List<BoundListener> listeners = new ArrayList<>();

    private final int ioThreads;
    /** The TLS listeners' key manager, or {@code null} when no listener has the {@code ssl} flag. */
    private final @Nullable SniKeyManager keys;

    private boolean started;
    /** Set when a stop begins (the roots' {@link InFlightRequests} drain from then on). */
    private volatile boolean stopped;

    /**
     * With {@code guiHandler} answering the {@code admin_gui_listen} listeners (Kong Manager) and {@code statusHandler}
     * the {@code status_listen} ones (Kong's status API; neither counted in {@code /status} nor access-logged).
     */
    HttpServer(
            HttpSettings settings,
            HttpHandler proxyHandler,
            HttpHandler adminHandler,
            HttpHandler guiHandler,
            HttpHandler statusHandler,
            UndertowStatistics statistics,
            ServerCertificates certificates) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.proxy = new InFlightRequests(Objects.requireNonNull(proxyHandler, "proxyHandler"));
        this.admin = new InFlightRequests(Objects.requireNonNull(adminHandler, "adminHandler"));
        this.ioThreads = Runtime.getRuntime().availableProcessors();
        ByteBufferPool buffers = buffers();
        OptionMap options = OptionMap.builder()
                .set(UndertowOptions.ENABLE_STATISTICS, true)
                // Kong's nginx_http_client_max_body_size defaults to 0 (unlimited); Undertow's default is 2 MiB
                .set(UndertowOptions.MAX_ENTITY_SIZE, 0L)
                // Undertow refuses more than 1000 query arguments with a bare 400 while parsing; nginx has no such
                // limit, and the Admin API answers Kong's "Too many arguments" above 1000 itself (ArgumentLimits).
                // The request head's size (MAX_HEADER_SIZE) still bounds how many there can be.
                .set(UndertowOptions.MAX_PARAMETERS, 100_000)
                // likewise Undertow refuses more than 200 request headers with a bare 400; nginx counts none, only
                // the head's size (MAX_HEADER_SIZE) bounds them
                .set(UndertowOptions.MAX_HEADERS, 100_000)
                .set(UndertowOptions.MAX_HEADER_SIZE, maxHeaderSize(settings))
                // nginx's client_header_timeout: a client that has not sent its whole request head by then is
                // disconnected
                .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int)
                        settings.edge().clientHeaderTimeoutMs())
                .getMap();
        // the builder binds no listener: it makes the worker and its threads, and stop() closes the buffer pool and
        // interrupts work still running SHUTDOWN_TIMEOUT ms after the worker's shutdown (the listeners' options are
        // below, per listener kind)
        Undertow.Builder builder = Undertow.builder()
                .setIoThreads(ioThreads)
                .setWorkerThreads(Math.max(16, ioThreads * 8))
                .setByteBufferPool(buffers)
                .setServerOption(UndertowOptions.SHUTDOWN_TIMEOUT, (int) AFTER_GRACE.toMillis());
        // nginx's lingering close (an http-block setting: every listener) outermost, so that its completion listener
        // runs after the access log's and the counters'
        Lingering lingering = settings.edge().lingering();
        HttpHandler proxyRoot =
                new LingeringClose(accessLogged(statistics.counting(proxy), settings.proxyAccessLog()), lingering);
        HttpHandler adminRoot =
                new LingeringClose(accessLogged(statistics.counting(admin), settings.adminAccessLog()), lingering);
        this.keys = settings.defaultCertificate() == null
                ? null
                : new SniKeyManager(certificates, settings.defaultCertificate());
        SSLContext tls = keys == null ? null : sslContext(keys);
        // Undertow's own defaults for its HTTP listeners, under the options above (ALLOW_UNESCAPED_CHARACTERS_IN_URL is
        // added per listener kind, rawTargetOptions and decodingOptions: unless DECODE_URL is off it also makes
        // Undertow
        // decode the request URI it reports, so the proxy would forward `/a%20b` as `/a b`)
        OptionMap http = OptionMap.builder()
                .set(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
                .set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
                .addAll(options)
                .getMap();
        OptionMap rawTargetHttp = rawTargetOptions(http);
        settings.proxyListeners().forEach(l -> bind(l, proxyRoot, rawTargetHttp, buffers, tls));
        settings.adminListeners().forEach(l -> bind(l, adminRoot, rawTargetHttp, buffers, tls));
        OptionMap decodingHttp = decodingOptions(http);
        HttpHandler guiRoot = new LingeringClose(
                accessLogged(Objects.requireNonNull(guiHandler, "guiHandler"), settings.adminAccessLog()), lingering);
        settings.adminGuiListeners().forEach(l -> bind(l, guiRoot, decodingHttp, buffers, tls));
        HttpHandler statusRoot = new LingeringClose(Objects.requireNonNull(statusHandler, "statusHandler"), lingering);
        settings.statusListeners().forEach(l -> bind(l, statusRoot, decodingHttp, buffers, tls));
        this.undertow = builder.build();
    }

    /** Binds {@code l} ({@link TlsHttpListener} with {@code ssl}, else {@link PlainHttpListener}) with {@code options}. */
    private void bind(
            Listener l, HttpHandler root, OptionMap options, ByteBufferPool buffers, @Nullable SSLContext tls) {
        listeners.add(
                l.ssl()
                        ? new TlsHttpListener(l, root, buffers, options, Objects.requireNonNull(tls, "tls"))
                        : new PlainHttpListener(l, root, buffers, options));
    }

    /**
     * The options of the proxy and Admin API listeners: {@code http}, {@code ALLOW_UNESCAPED_CHARACTERS_IN_URL} so that
     * raw UTF-8 in the request target is taken as nginx takes it, and {@code DECODE_URL} off so that Undertow reports
     * the request URI and query string as sent (a raw byte as the char of the same value; a raw control character
     * apart from its escape). The proxy reads nothing Undertow decodes (it escapes raw bytes,
     * {@code UndertowProxyExchange}); the Admin API checks and decodes the target itself ({@code RequestTarget}).
     */
    private static OptionMap rawTargetOptions(OptionMap http) {
        return OptionMap.builder()
                .addAll(http)
                .set(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, true)
                .set(UndertowOptions.DECODE_URL, false)
                .getMap();
    }

    /**
     * The options of the Kong Manager and status API listeners: {@code http} and
     * {@code ALLOW_UNESCAPED_CHARACTERS_IN_URL}, so that a request target with raw UTF-8 bytes is read as UTF-8 instead
     * of refused with a bare 400. With {@code DECODE_URL} on, Undertow reports the path and query arguments decoded
     * (the request URI too, which only the access log reads); a raw control character reads as its percent-escape.
     */
    private static OptionMap decodingOptions(OptionMap http) {
        return OptionMap.builder()
                .addAll(http)
                .set(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, true)
                .getMap();
    }

    /**
     * The buffers of every connection, sized as Undertow's builder would size them (direct 16 KiB - 20 bytes above a
     * 128 MiB heap), in a pool without locks ({@link IoBufferPool}): at most 16 free buffers kept per thread and 64
     * shared (1 MiB of direct memory at the default size).
     */
    private static ByteBufferPool buffers() {
        long heap = Runtime.getRuntime().maxMemory();
        if (heap < 64L << 20) {
            return new IoBufferPool(false, 512, 16, 64);
        }
        return new IoBufferPool(true, heap < 128L << 20 ? 1024 : 16364, 16, 64);
    }

    /** The listening sockets' options, Undertow's for its own listeners. */
    private OptionMap socketOptions() {
        return OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, ioThreads)
                .set(Options.TCP_NODELAY, true)
                .set(Options.REUSE_ADDRESSES, true)
                .set(Options.BALANCING_TOKENS, 1)
                .set(Options.BALANCING_CONNECTIONS, 2)
                .set(Options.BACKLOG, 1000)
                .getMap();
    }

    /**
     * {@code next}, writing each completed request to {@code log} when set: in {@link AccessLogWriter#FORMAT} or as a
     * JSON entry ({@link JsonAccessLog}), as the log's {@link AccessLogWriter#format()} says.
     */
    private static HttpHandler accessLogged(HttpHandler next, @Nullable AccessLogWriter log) {
        if (log == null) {
            return next;
        }
        return switch (log.format()) {
            case COMBINED ->
                new AccessLogHandler(next, log::write, AccessLogWriter.FORMAT, HttpServer.class.getClassLoader());
            case JSON -> new JsonAccessLog(next, log);
        };
    }

    private static SSLContext sslContext(SniKeyManager keys) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS implementation", e);
        }
    }

    /**
     * Undertow's limit on the request line and headers together, from {@code nginx_http_large_client_header_buffers}:
     * one buffer more than the configured total, so the proxy itself answers the usual overflows the Kong way (414,
     * 400 "Request header or cookie too large"); beyond it Undertow answers a bare 400 and closes the connection.
     */
    private static int maxHeaderSize(HttpSettings settings) {
        return settings.edge().maxHeaderBytes() + settings.edge().headerBufferSize();
    }

    /**
     * Prepares replacing the TLS listeners' default certificate, the one a handshake gets when no certificate's SNI
     * matches (Kong's {@code ssl_cert} / {@code ssl_cert_key}, re-read by {@code kong reload}): parses it now, swaps it
     * in when the returned action runs; handshakes that start afterwards present it, on every TLS listener.
     *
     * @param next the new certificate chain and key, PEM
     * @return empty when no listener terminates TLS or {@code next} is the certificate in use, else the swap
     * @throws IllegalArgumentException when the certificate or its key does not parse, or they do not match
     */
    public Optional<Runnable> defaultCertificateSwap(ServerTls next) {
        return keys == null ? Optional.empty() : keys.defaultCertificateSwap(next);
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
        for (BoundListener own : listeners) {
            try {
                own.start(undertow.getWorker(), socketOptions());
            } catch (IOException e) {
                listeners.forEach(BoundListener::close);
                undertow.stop();
                stopped = true;
                // the cause in the message, as in Undertow's own bind failure ("java.net.BindException: …")
                throw new IllegalStateException(
                        "could not listen on " + own.listener().address() + ": " + e, e);
            }
        }
        List<ConnectorStatistics> connectors = new ArrayList<>();
        listeners.forEach(own -> connectors.add(own.statistics()));
        statistics.attach(connectors);
        LOG.debug("listening: proxy {}, admin {}", proxyAddresses(), adminAddresses());
    }

    /** The bound proxy addresses (actual ports when 0 was asked), in {@code proxy_listen} order; empty before start. */
    public synchronized List<InetSocketAddress> proxyAddresses() {
        List<InetSocketAddress> all = bound();
        return all.subList(0, Math.min(all.size(), settings.proxyListen().size()));
    }

    /** The bound admin addresses (actual ports when 0 was asked), in {@code admin_listen} order; empty before start. */
    public synchronized List<InetSocketAddress> adminAddresses() {
        List<InetSocketAddress> all = bound();
        int proxies = settings.proxyListen().size();
        int admins = settings.adminListeners().size();
        return all.size() <= proxies ? List.of() : all.subList(proxies, Math.min(all.size(), proxies + admins));
    }

    /** The bound admin GUI addresses (actual ports when 0 was asked), in {@code admin_gui_listen} order. */
    public synchronized List<InetSocketAddress> guiAddresses() {
        int before = settings.proxyListen().size() + settings.adminListeners().size();
        return slice(before, settings.adminGuiListeners().size());
    }

    /** The bound status API addresses (actual ports when 0 was asked), in {@code status_listen} order. */
    public synchronized List<InetSocketAddress> statusAddresses() {
        int before = settings.proxyListen().size()
                + settings.adminListeners().size()
                + settings.adminGuiListeners().size();
        return slice(before, settings.statusListeners().size());
    }

    /** {@code count} bound addresses from index {@code from} (listeners bind in the order they were added). */
    private List<InetSocketAddress> slice(int from, int count) {
        List<InetSocketAddress> all = bound();
        return all.size() <= from ? List.of() : all.subList(from, Math.min(all.size(), from + count));
    }

    /**
     * Stops gracefully, as nginx does on Kong's {@code kong quit}: the listeners close at once, so a new connection is
     * refused (a load balancer sends it to another node) while the requests in flight run on, for up to
     * {@code grace}; a new request on an HTTP/1 connection already open is served too ({@link InFlightRequests}) and
     * its connection closed after the response (a new HTTP/2 stream is answered {@code 503}). Once none is in
     * flight, or the grace period is over, all connections are closed (idle keep-alive ones included, as nginx closes
     * them), and worker threads still busy are interrupted after a further 0.5 s. Idempotent; blocks the caller for at
     * most about {@code grace} + 0.5 s.
     */
    public synchronized void stop(Duration grace) {
        if (!started || stopped) {
            stopped = true;
            return;
        }
        stopped = true;
        proxy.drain();
        admin.drain();
        long deadline = System.nanoTime() + Math.max(0, grace.toNanos());
        listeners.forEach(BoundListener::close); // stops accepting; the connections accepted live on
        try {
            boolean drained = proxy.awaitIdle(remainingMillis(deadline)) & admin.awaitIdle(remainingMillis(deadline));
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
        List<InetSocketAddress> all = new ArrayList<>();
        listeners.forEach(l -> all.add(l.address()));
        return all;
    }
}
