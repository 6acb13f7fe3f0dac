package io.tollgate.bootstrap;

import io.tollgate.adapter.cache.CacheSettings;
import io.tollgate.adapter.http.HttpServer;
import io.tollgate.adapter.http.HttpSettings;
import io.tollgate.adapter.http.Listener;
import io.tollgate.adapter.http.UpstreamKeepalive;
import io.tollgate.adapter.postgres.MigrationStatus;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.application.port.in.NodeInfo;
import io.tollgate.bootstrap.config.ListenEntry;
import io.tollgate.bootstrap.config.TollgateConfig;
import io.tollgate.bootstrap.plugins.PluginLoader;
import io.tollgate.bootstrap.wiring.NodeComponent;
import io.tollgate.bootstrap.wiring.NodeSettings;
import io.tollgate.domain.plugin.PluginCatalog;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node lifecycle behind the CLI: what {@code tollgate start} and {@code tollgate migrations} do once the
 * configuration is loaded and logging is set up.
 */
public final class TollgateNode {
    private static final Logger LOG = LoggerFactory.getLogger(TollgateNode.class);
    private static final Duration GRACE = Duration.ofSeconds(10);

    private TollgateNode() {}

    /**
     * Starts a node (Kong's {@code kong start}): database (embedded or external), optionally the migrations, the
     * event-log follower, the router and plugin set, the proxy and Admin API listeners, the event log's compaction
     * schedule. Blocks until the node has shut down on SIGTERM/SIGINT: the listeners stop accepting, in-flight
     * requests finish (up to 10 s), then the compaction schedule, the follower, the pool and the embedded database
     * stop.
     *
     * @param config the loaded configuration
     * @param runMigrations whether to apply pending database migrations first ({@code false} with
     *     {@code --no-migrations})
     * @return the process exit code: 0 after a clean shutdown, 1 on a runtime failure
     */
    public static int start(TollgateConfig config, boolean runMigrations) {
        List<TollgatePlugin> plugins =
                PluginLoader.load(config.prefix(), config.plugins(), TollgateNode.class.getClassLoader());
        PluginCatalog.enable(plugins.stream().map(TollgatePlugin::definition).toList());
        LOG.info(
                "plugins enabled: {}",
                plugins.stream().map(p -> p.definition().name()).toList());
        Databases databases;
        try {
            databases = Databases.open(config);
        } catch (RuntimeException e) {
            LOG.error("could not open the database: {}", e.getMessage());
            return 1;
        }
        try {
            if (runMigrations) {
                int applied = databases.database().migrate();
                LOG.info("database schema up to date ({} migration(s) applied now)", applied);
            }
            UUID nodeId = UUID.randomUUID();
            NodeComponent node = NodeComponent.factory()
                    .create(
                            databases.database(),
                            new CacheSettings(config.dbCacheTtl(), config.dbCacheNegTtl(), config.memCacheSize()),
                            httpSettings(config),
                            new NodeSettings(
                                    nodeId,
                                    config.dbUpdateFrequency(),
                                    config.dbUpdatePropagation(),
                                    config.eventLogRetention(),
                                    info(config, nodeId),
                                    plugins));
            // Follow from the log's head first, then build: a change committed meanwhile is in the build or after the
            // head.
            node.follower().startAtHead();
            node.invalidation().rebuildAll();
            HttpServer server = node.httpServer();
            server.start();
            node.compaction().start();
            LOG.info(
                    "Tollgate {} started: node {}, proxy on {}, Admin API on {}",
                    TollgateVersion.current(),
                    nodeId,
                    server.proxyAddresses(),
                    server.adminAddresses());
            awaitShutdown(() -> {
                LOG.info("stopping: finishing in-flight requests");
                server.stop(GRACE);
                node.compaction().close();
                node.follower().close();
                node.healthChecker().close();
                databases.close();
                LOG.info("Tollgate stopped");
            });
            return 0;
        } catch (RuntimeException e) {
            LOG.error("could not start the node: {}", e.toString(), e);
            databases.close();
            return 1;
        }
    }

    /**
     * Runs a migrations action (Kong's {@code kong migrations}) against the configured database and returns.
     *
     * @param config the loaded configuration
     * @param action {@code up} (apply pending migrations) or {@code status} (report applied and pending ones)
     * @return the process exit code: 0 on success, 1 on a runtime failure
     */
    public static int migrations(TollgateConfig config, String action) {
        try (Databases databases = Databases.open(config)) {
            if (action.equals("up")) {
                int applied = databases.database().migrate();
                System.out.println(applied == 0 ? "Database is up to date" : "Applied " + applied + " migration(s)");
            }
            MigrationStatus status = databases.database().status();
            status.applied().forEach(m -> System.out.println("executed: " + m.version() + " " + m.description()));
            status.pending().forEach(m -> System.out.println("pending:  " + m.version() + " " + m.description()));
            System.out.println(status.isUpToDate() ? "Database is up to date" : "Database has pending migrations");
            return 0;
        } catch (RuntimeException e) {
            LOG.error("migrations {} failed: {}", action, e.getMessage());
            return 1;
        }
    }

    private static HttpSettings httpSettings(TollgateConfig config) {
        return new HttpSettings(
                listeners(config.proxyListen()),
                listeners(config.adminListen()),
                config.adminGuiUrl(),
                DefaultCertificate.of(config).orElse(null),
                new UpstreamKeepalive(
                        config.upstreamKeepalivePoolSize(),
                        config.upstreamKeepaliveMaxRequests(),
                        config.upstreamKeepaliveIdleTimeout()),
                config.edge());
    }

    private static List<Listener> listeners(List<ListenEntry> entries) {
        return entries.stream()
                .map(e -> new Listener(e.address(), e.ssl(), e.http2()))
                .toList();
    }

    private static NodeInfo info(TollgateConfig config, UUID nodeId) {
        var configuration = new LinkedHashMap<>(config.sanitised());
        configuration.put("node_id", nodeId.toString());
        return new NodeInfo(TollgateVersion.current(), hostname(), nodeId, configuration);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Blocks until the JVM is asked to stop, running {@code stop} in the shutdown hook before letting it exit. */
    private static void awaitShutdown(Runnable stop) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                stop.run();
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "tollgate-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
