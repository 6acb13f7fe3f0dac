package io.tollgate.bootstrap;

import io.tollgate.adapter.cache.CacheSettings;
import io.tollgate.adapter.cache.ResponseCacheSettings;
import io.tollgate.adapter.http.HttpServer;
import io.tollgate.adapter.http.HttpSettings;
import io.tollgate.adapter.http.Listener;
import io.tollgate.adapter.http.UpstreamKeepalive;
import io.tollgate.adapter.http.admin.AdminAccessSettings;
import io.tollgate.adapter.http.admin.AdminAuthMode;
import io.tollgate.adapter.http.gui.AdminGuiSettings;
import io.tollgate.application.cluster.MembershipHeartbeat;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.application.port.in.NodeInfo;
import io.tollgate.application.port.out.NodeRegistration;
import io.tollgate.bootstrap.config.ConfigException;
import io.tollgate.bootstrap.config.ConfigHash;
import io.tollgate.bootstrap.config.ListenEntry;
import io.tollgate.bootstrap.config.TollgateConfig;
import io.tollgate.bootstrap.lifecycle.ControlWatcher;
import io.tollgate.bootstrap.lifecycle.NodeIdentity;
import io.tollgate.bootstrap.lifecycle.RuntimeFiles;
import io.tollgate.bootstrap.lifecycle.ShutdownRequest;
import io.tollgate.bootstrap.lifecycle.StatusApi;
import io.tollgate.bootstrap.logging.AccessLogFiles;
import io.tollgate.bootstrap.logging.DynamicLogLevel;
import io.tollgate.bootstrap.logging.Logging;
import io.tollgate.bootstrap.plugins.PluginLoader;
import io.tollgate.bootstrap.wiring.NodeComponent;
import io.tollgate.bootstrap.wiring.NodeSettings;
import io.tollgate.domain.net.HostAddress;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.shared.TollgateVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node lifecycle behind the CLI: what {@code tollgate start} does once the configuration is loaded and logging
 * is set up.
 */
public final class TollgateNode {
    private static final Logger LOG = LoggerFactory.getLogger(TollgateNode.class);
    private static final Duration GRACE = Duration.ofSeconds(10);
    /**
     * How often patched structures (the router) are compared with a full rebuild (README, "Incremental updates"): a
     * full rebuild of 100,000 routes costs seconds of database reads and CPU, and a difference only arises from a
     * fault, so a long period.
     */
    static final Duration CONSISTENCY_CHECK = Duration.ofMinutes(10);

    private TollgateNode() {}

    /**
     * Starts a node (Kong's {@code kong start}) in the foreground: claims the prefix (writes
     * {@code <prefix>/pids/tollgate.pid}; fails when another live node holds it), opens the database (embedded or
     * external), optionally runs the migrations, starts the event-log follower, the router and plugin set, the proxy
     * and Admin API listeners, the membership heartbeat ({@code nodes} row: active) and the event log's compaction
     * schedule, and publishes the Admin API's URL for
     * {@code tollgate health}. Blocks until a shutdown is asked for: {@code tollgate stop} (the listeners close at
     * once), {@code tollgate quit --timeout S} or SIGTERM/SIGINT (the listeners close at once, a new request on an open
     * HTTP/1 connection is served and its connection closed after it (a new HTTP/2 stream: 503), and those in flight
     * finish, up to S s, 10 s for a signal); the node records itself
     * {@code leaving} as the stop begins and {@code left} once stopped; then the compaction schedule, the follower,
     * the pool and the embedded database stop and the runtime files are removed.
     *
     * @param config the loaded configuration
     * @param runMigrations whether to apply pending database migrations first ({@code false} with
     *     {@code --no-migrations})
     * @return the process exit code: 0 after a clean shutdown, 1 on a runtime failure
     */
    public static int start(TollgateConfig config, boolean runMigrations) {
        return start(config, runMigrations, file -> config);
    }

    /**
     * As {@link #start(TollgateConfig, boolean)}, for a node that answers {@code tollgate reload} ({@link ConfigReload}).
     *
     * @param reloader loads the configuration again, from the given file or else the one the node started with;
     *     throws {@link io.tollgate.bootstrap.config.ConfigException} for an invalid one
     */
    public static int start(
            TollgateConfig config, boolean runMigrations, Function<Optional<Path>, TollgateConfig> reloader) {
        List<TollgatePlugin> plugins =
                PluginLoader.load(config.prefix(), config.plugins(), TollgateNode.class.getClassLoader());
        PluginCatalog.enable(plugins.stream().map(TollgatePlugin::definition).toList());
        LOG.debug(
                "plugins enabled: {}",
                plugins.stream().map(p -> p.definition().name()).toList());
        RuntimeFiles files = RuntimeFiles.of(config.prefix());
        try {
            files.claim();
        } catch (RuntimeException e) {
            LOG.error("could not start: {}", e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (ControlWatcher control = new ControlWatcher(files)) {
            Thread hook = new Thread(
                    () -> {
                        control.quit(GRACE);
                        try {
                            stopped.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "tollgate-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            return run(config, runMigrations, plugins, files, control, reloader);
        } finally {
            files.release();
            stopped.countDown();
        }
    }

    /** Kong's {@code db_cache_warmup_entities}; a failure is logged and the node starts with a cold cache. */
    private static void warmUp(NodeComponent node, TollgateConfig config) {
        long started = System.nanoTime();
        try {
            int read = node.cacheWarmup().warm(config.dbCacheWarmupEntities());
            LOG.debug(
                    "cache warmed up with {} entities of {} in {} ms",
                    read,
                    config.dbCacheWarmupEntities(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.warn("could not warm up the node cache ({}): starting with a cold cache", e.getMessage());
        }
    }

    private static int run(
            TollgateConfig config,
            boolean runMigrations,
            List<TollgatePlugin> plugins,
            RuntimeFiles files,
            ControlWatcher control,
            Function<Optional<Path>, TollgateConfig> reloader) {
        Logging.output(config.logFormat(), config.errorLog());
        // Kong's `start --v` line; at debug, as the console of a starting node keeps to its one summary line
        LOG.debug("prefix in use: {}", files.prefix());
        UUID nodeId;
        try {
            nodeId = NodeIdentity.resolve(config.prefix(), config.nodeId());
        } catch (RuntimeException e) {
            LOG.error("could not start: {}", e.getMessage());
            return 1;
        }
        Databases databases;
        try {
            databases = Databases.openForNode(config);
        } catch (RuntimeException e) {
            LOG.error("could not open the database: {}", e.getMessage());
            return 1;
        }
        AccessLogFiles accessLogs = new AccessLogFiles();
        try {
            if (runMigrations) {
                int applied = databases.database().migrate();
                LOG.debug("database schema up to date ({} migration(s) applied now)", applied);
            }
            DynamicLogLevel logLevel = new DynamicLogLevel(config.logLevel(), Logging::apply, control::schedule);
            NodeComponent node = NodeComponent.factory()
                    .create(
                            databases.database(),
                            new CacheSettings(
                                    config.dbCacheTtl(),
                                    config.dbCacheNegTtl(),
                                    config.memCacheSize(),
                                    config.dbResurrectTtl()),
                            new ResponseCacheSettings(config.proxyCacheMemorySize()),
                            httpSettings(config, accessLogs),
                            new NodeSettings(
                                    nodeId,
                                    config.dbUpdateFrequency(),
                                    config.dbUpdatePropagation(),
                                    config.dbUpdatePush(),
                                    config.eventLogRetention(),
                                    config.trafficSampleInterval(),
                                    info(config, nodeId),
                                    plugins,
                                    config.syslogSocketPath(),
                                    config.vaultEnvPrefix(),
                                    trustedCertificates(config)),
                            new AdminAccessSettings(config.adminAuth()),
                            logLevel);
            // Follow from the log's head first, then build: a change committed meanwhile is in the build or after the
            // head.
            node.follower().startAtHead();
            // An outage ends when the probe sees the database again; the log is then read at once.
            node.outages().watch(databases.database()::ping, node.follower()::wakeUp);
            node.invalidation().rebuildAll();
            warmUp(node, config);
            node.follower().checkConsistencyEvery(CONSISTENCY_CHECK);
            node.secretRotation().start(Duration.ofSeconds(1));
            node.expiredRowsCleanup().start(config.postgres().expiredRowsCleanupInterval());
            HttpServer server = node.httpServer();
            server.start();
            MembershipHeartbeat heartbeat = new MembershipHeartbeat(
                    node.clusterNodes(),
                    registration(config, nodeId, server),
                    () -> node.follower().position().commit(),
                    config.clusterTtlOnFailure());
            heartbeat.start();
            node.compaction().start();
            node.trafficSampling().start();
            adminUrl(config, server).ifPresent(files::publishAdmin);
            files.publishStatus(statusApi(config, server));
            control.onReload(new ConfigReload(
                    config,
                    reloader,
                    new ConfigReload.Targets(
                            edge -> {
                                node.gatewayProxy().reconfigure(edge);
                                node.adminApi().reconfigure(edge.headers());
                            },
                            logLevel::reconfigured,
                            next -> DefaultCertificate.of(next).flatMap(server::defaultCertificateSwap),
                            next -> {
                                node.follower().reconfigure(next.dbUpdateFrequency(), next.dbUpdatePropagation());
                                node.nodeCache()
                                        .expiryChanged(next.dbCacheTtl(), next.dbCacheNegTtl(), next.dbResurrectTtl());
                            },
                            (next, shown) -> {
                                node.nodeDescription().reconfigured(configuration(config, nodeId, shown));
                                heartbeat.reconfigure(heartbeat
                                        .registration()
                                        .reconfigured(ConfigHash.of(shown), next.dbUpdateFrequency()));
                            }))::reload);
            LOG.debug("node id {}", nodeId);
            System.out.println(summary(config, server, databases));
            ShutdownRequest request = control.requests().join();
            heartbeat.leaving();
            switch (request) {
                case ShutdownRequest.Stop stop -> LOG.info("stopping now (tollgate stop)");
                case ShutdownRequest.Quit quit ->
                    LOG.info(
                            "stopping: finishing in-flight requests (up to {} ms)",
                            quit.timeout().toMillis());
            }
            server.stop(request.timeout());
            accessLogs.close();
            node.compaction().close();
            node.trafficSampling().close();
            node.secretRotation().close();
            node.expiredRowsCleanup().close();
            node.follower().close();
            node.healthChecker().close();
            heartbeat.close();
            databases.close();
            LOG.info("Tollgate stopped");
            return 0;
        } catch (RuntimeException e) {
            LOG.error("could not start the node: {}", e.toString(), e);
            accessLogs.close();
            databases.close();
            return 1;
        }
    }

    /**
     * The one line a start prints first: {@code Tollgate 0.1.0 started: proxy http://0.0.0.0:8000, Admin API
     * http://127.0.0.1:8001, database embedded PostgreSQL 18 on 127.0.0.1:41234 at .tollgate/postgres (ready in
     * 1.8 s)}; "ready in" counts from the process's start.
     */
    private static String summary(TollgateConfig config, HttpServer server, Databases databases) {
        Duration ready = ProcessHandle.current()
                .info()
                .startInstant()
                .map(started -> Duration.between(started, Instant.now()))
                .orElse(Duration.ZERO);
        return String.format(
                Locale.ROOT,
                "Tollgate %s started: proxy %s, Admin API %s, database %s (ready in %.1f s)",
                TollgateVersion.current(),
                urls(server.proxyAddresses(), config.proxyListen()),
                urls(server.adminAddresses(), config.adminListen()),
                databases.describe(config),
                ready.toMillis() / 1000.0);
    }

    private static String urls(List<InetSocketAddress> bound, List<ListenEntry> entries) {
        if (bound.isEmpty()) {
            return "off";
        }
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < bound.size(); i++) {
            boolean ssl = i < entries.size() && entries.get(i).ssl();
            urls.add((ssl ? "https://" : "http://") + hostPort(bound.get(i), false));
        }
        return String.join(" ", urls);
    }

    /**
     * The URL {@code tollgate health} asks: the first plain-HTTP Admin API listener, else the first TLS one; a
     * wildcard address is asked on loopback.
     */
    private static Optional<URI> adminUrl(TollgateConfig config, HttpServer server) {
        List<InetSocketAddress> bound = server.adminAddresses();
        List<ListenEntry> entries = config.adminListen();
        int chosen = -1;
        for (int i = 0; i < Math.min(bound.size(), entries.size()); i++) {
            if (!entries.get(i).ssl()) {
                chosen = i;
                break;
            }
        }
        if (chosen < 0 && !bound.isEmpty()) {
            chosen = 0;
        }
        if (chosen < 0) {
            return Optional.empty();
        }
        boolean ssl = chosen < entries.size() && entries.get(chosen).ssl();
        return Optional.of(URI.create((ssl ? "https://" : "http://") + hostPort(bound.get(chosen), true)));
    }

    /** The first status listener as bound (its actual port), for {@code tollgate drain} and {@code unready}. */
    private static StatusApi statusApi(TollgateConfig config, HttpServer server) {
        List<InetSocketAddress> bound = server.statusAddresses();
        if (bound.isEmpty() || config.statusListen().isEmpty()) {
            return new StatusApi.Off();
        }
        String scheme = config.statusListen().get(0).ssl() ? "https://" : "http://";
        return new StatusApi.At(URI.create(scheme + hostPort(bound.get(0), true)));
    }

    /** {@code host:port} of a bound address; with {@code loopbackForWildcard} a wildcard becomes loopback. */
    static String hostPort(InetSocketAddress address, boolean loopbackForWildcard) {
        String host = address.getAddress().getHostAddress();
        boolean ipv6 = host.contains(":");
        if (loopbackForWildcard && address.getAddress().isAnyLocalAddress()) {
            host = ipv6 ? "::1" : "127.0.0.1";
        }
        return HostAddress.bracketed(host) + ":" + address.getPort();
    }

    private static HttpSettings httpSettings(TollgateConfig config, AccessLogFiles accessLogs) {
        for (Listener admin : listeners(config.adminListen())) {
            java.net.InetAddress address = admin.address().getAddress();
            if ((address == null || !address.isLoopbackAddress()) && config.adminAuth() == AdminAuthMode.OFF) {
                LOG.warn(
                        "the Admin API listens on {}, beyond loopback: whoever reaches it can change the whole"
                                + " configuration; keep it behind a firewall or an authenticating proxy",
                        admin.address());
            }
        }
        return new HttpSettings(
                listeners(config.proxyListen()),
                listeners(config.adminListen()),
                config.adminGuiUrl(),
                config.adminAllowedHosts(),
                DefaultCertificate.of(config).orElse(null),
                new UpstreamKeepalive(
                        config.upstreamKeepalivePoolSize(),
                        config.upstreamKeepaliveMaxRequests(),
                        config.upstreamKeepaliveIdleTimeout()),
                config.edge(),
                accessLogs
                        .open("proxy", config.proxyAccessLog(), config.accessLogFormat())
                        .orElse(null),
                accessLogs
                        .open("admin", config.adminAccessLog(), config.accessLogFormat())
                        .orElse(null),
                listeners(config.adminGui().listen()),
                new AdminGuiSettings(
                        config.adminGui().path(),
                        config.adminGui().apiUrl().orElse(null),
                        config.adminGui().dir()),
                listeners(config.statusListen()));
    }

    /** The PEM text of {@code lua_ssl_trusted_certificate}'s files (and system's), empty for {@code system} alone. */
    private static Optional<String> trustedCertificates(TollgateConfig config) {
        return config.postgres().trustedCertificates().combinedPem();
    }

    private static List<Listener> listeners(List<ListenEntry> entries) {
        return entries.stream()
                .map(e -> new Listener(resolved(e.address()), e.ssl(), e.http2(), e.proxyProtocol()))
                .toList();
    }

    /** A listener's address, its host name resolved now if the configuration kept it unresolved (as nginx at start). */
    private static InetSocketAddress resolved(InetSocketAddress address) {
        if (!address.isUnresolved()) {
            return address;
        }
        InetSocketAddress again = new InetSocketAddress(address.getHostString(), address.getPort());
        if (again.isUnresolved()) {
            throw new ConfigException(
                    "host not found in \"" + address.getHostString() + ":" + address.getPort() + "\" of a listener");
        }
        return again;
    }

    /** What the node records about itself in the {@code nodes} table; addresses as bound. */
    private static NodeRegistration registration(TollgateConfig config, UUID nodeId, HttpServer server) {
        return new NodeRegistration(
                nodeId,
                hostname(),
                TollgateVersion.current(),
                server.proxyAddresses().stream().map(a -> hostPort(a, false)).toList(),
                server.adminAddresses().stream().map(a -> hostPort(a, false)).toList(),
                ConfigHash.of(config),
                config.dbUpdateFrequency());
    }

    private static NodeInfo info(TollgateConfig config, UUID nodeId) {
        return new NodeInfo(
                TollgateVersion.current(), hostname(), nodeId, configuration(config, nodeId, config.sanitised()));
    }

    /** {@code GET /}'s {@code configuration}: the properties' values shown, the node id and Kong's derived facts. */
    private static Map<String, @Nullable Object> configuration(
            TollgateConfig config, UUID nodeId, Map<String, @Nullable Object> shown) {
        var configuration = new LinkedHashMap<>(shown);
        configuration.put("node_id", nodeId.toString());
        KongNodeFacts.addTo(configuration, config);
        return configuration;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
