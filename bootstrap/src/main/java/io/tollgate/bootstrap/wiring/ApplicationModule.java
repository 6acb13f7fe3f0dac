package io.tollgate.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.tollgate.adapter.http.HttpSettings;
import io.tollgate.adapter.http.admin.MetricsSource;
import io.tollgate.adapter.http.json.JacksonJsonCodec;
import io.tollgate.adapter.http.metrics.PrometheusMetrics;
import io.tollgate.adapter.postgres.PostgresDatabase;
import io.tollgate.adapter.postgres.ProxyReads;
import io.tollgate.application.access.AdminAuthentication;
import io.tollgate.application.admin.CacheInspection;
import io.tollgate.application.admin.ClusterLogLevelAdministration;
import io.tollgate.application.admin.EntityAdministration;
import io.tollgate.application.admin.EntityBrowsing;
import io.tollgate.application.admin.ExpiredRowsCleanup;
import io.tollgate.application.admin.HistoryBrowsing;
import io.tollgate.application.admin.NodeDescription;
import io.tollgate.application.admin.ProbedReachability;
import io.tollgate.application.admin.ProxyCacheAdministration;
import io.tollgate.application.cluster.ClusterMembership;
import io.tollgate.application.compaction.CompactionSchedule;
import io.tollgate.application.invalidation.CacheWarmup;
import io.tollgate.application.invalidation.FollowerHooks;
import io.tollgate.application.invalidation.InvalidationFollower;
import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.plugin.spi.Metrics;
import io.tollgate.application.plugin.spi.RateLimitCounters;
import io.tollgate.application.plugin.spi.RedisCounters;
import io.tollgate.application.plugin.spi.ResponseCache;
import io.tollgate.application.plugin.spi.SyslogSink;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.in.AdministerEntities;
import io.tollgate.application.port.in.AdministerReferences;
import io.tollgate.application.port.in.AuthenticateAdmin;
import io.tollgate.application.port.in.BrowseCluster;
import io.tollgate.application.port.in.BrowseEntities;
import io.tollgate.application.port.in.BrowseHistory;
import io.tollgate.application.port.in.BrowseTraffic;
import io.tollgate.application.port.in.ClusterLogLevel;
import io.tollgate.application.port.in.DescribeNode;
import io.tollgate.application.port.in.ExportConfiguration;
import io.tollgate.application.port.in.InspectCache;
import io.tollgate.application.port.in.InspectTimers;
import io.tollgate.application.port.in.ManageProxyCache;
import io.tollgate.application.port.in.ManageTargetHealth;
import io.tollgate.application.port.in.NodeLogLevel;
import io.tollgate.application.port.in.ProxyRequests;
import io.tollgate.application.port.in.RecordTraffic;
import io.tollgate.application.port.in.ServerCertificates;
import io.tollgate.application.port.out.AdminAccounts;
import io.tollgate.application.port.out.ClusterNodes;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.EventHistory;
import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.ExpiredRows;
import io.tollgate.application.port.out.HealthProbes;
import io.tollgate.application.port.out.HostResolution;
import io.tollgate.application.port.out.LogCompaction;
import io.tollgate.application.port.out.LogNotifications;
import io.tollgate.application.port.out.NodeCache;
import io.tollgate.application.port.out.TagIndex;
import io.tollgate.application.port.out.TrafficSamples;
import io.tollgate.application.port.out.Transactions;
import io.tollgate.application.proxy.RequestProxying;
import io.tollgate.application.proxy.balancer.BalancerHolder;
import io.tollgate.application.proxy.balancer.TargetHealth;
import io.tollgate.application.proxy.health.HealthChecker;
import io.tollgate.application.proxy.health.HealthTargets;
import io.tollgate.application.proxy.health.TargetHealthAdministration;
import io.tollgate.application.proxy.plugin.CachedEntities;
import io.tollgate.application.proxy.plugin.PluginPhases;
import io.tollgate.application.proxy.plugin.PluginsHolder;
import io.tollgate.application.proxy.router.RouterHolder;
import io.tollgate.application.proxy.tls.CertificatesHolder;
import io.tollgate.application.proxy.tls.UpstreamTlsResolver;
import io.tollgate.application.timer.NodeTimers;
import io.tollgate.application.traffic.TrafficRecorder;
import io.tollgate.application.traffic.TrafficSampling;
import io.tollgate.application.vault.EnvVault;
import io.tollgate.application.vault.SecretRotation;
import io.tollgate.application.vault.VaultSecrets;
import io.tollgate.bootstrap.export.ConfigurationExport;
import io.tollgate.bootstrap.logging.UnixSyslog;
import io.tollgate.domain.credential.PasswordHasher;
import io.tollgate.domain.shared.WorkspaceId;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Builds the application layer, which carries no DI annotations, from the adapters' bindings: the use cases behind
 * the primary ports, the router and plugin set the proxy reads, and the invalidation machinery that keeps them
 * current.
 */
@Module
public interface ApplicationModule {

    /**
     * This node's record of database outages, shared by the proxy, the plugin runloop, the node cache, the Admin API,
     * the database adapter's connections and the event-log follower; the node makes outages end
     * ({@code DatabaseOutages.watch}, at start).
     */
    @Provides
    @Singleton
    static DatabaseOutages outages() {
        return new DatabaseOutages();
    }

    @Provides
    @Singleton
    static RouterHolder router(@ProxyReads EntityStore store) {
        return new RouterHolder(store);
    }

    @Provides
    @Singleton
    static PluginsHolder plugins(@ProxyReads EntityStore store, VaultSecrets secrets) {
        return new PluginsHolder(store, secrets, System::nanoTime);
    }

    @Provides
    @Singleton
    static BalancerHolder balancers(@ProxyReads EntityStore store, TargetHealth health) {
        return new BalancerHolder(store, health);
    }

    @Provides
    @Singleton
    static CertificatesHolder certificates(@ProxyReads EntityStore store, VaultSecrets secrets) {
        return new CertificatesHolder(store, secrets, System::nanoTime);
    }

    /**
     * Vault references resolved through the installed vaults (Kong's {@code env}, read from the process, with
     * {@code vault_env_prefix}).
     */
    @Provides
    @Singleton
    static VaultSecrets vaultSecrets(@ProxyReads EntityStore store, NodeSettings node) {
        return installedVaults(store, node.vaultEnvPrefix().orElse(null));
    }

    /**
     * The installed vaults (Kong's {@code env}, reading this process's environment) over {@code store}'s
     * {@code vaults} entities: what a node resolves references with, and {@code tollgate vault get}.
     *
     * @param envPrefix Kong's {@code vault_env_prefix}, {@code null} for none
     */
    static VaultSecrets installedVaults(EntityStore store, @Nullable String envPrefix) {
        JacksonJsonCodec json = new JacksonJsonCodec();
        return new VaultSecrets(
                store,
                List.of(new EnvVault(System::getenv, envPrefix)),
                text -> json.read(text.getBytes(StandardCharsets.UTF_8)),
                System::nanoTime);
    }

    /** Rebuilds the structures holding resolved secrets when a vault's {@code ttl} says so. */
    @Provides
    @Singleton
    static SecretRotation secretRotation(CertificatesHolder certificates, PluginsHolder plugins) {
        return new SecretRotation(List.of(certificates, plugins));
    }

    /** Deletes the rows past their {@code ttl} through the event log (Kong's {@code pg_expired_rows_cleanup_interval}). */
    @Provides
    @Singleton
    static ExpiredRowsCleanup expiredRowsCleanup(
            ExpiredRows expired,
            EntityStore store,
            EventLog log,
            Transactions transactions,
            LocalInvalidation invalidation,
            NodeSettings node,
            WorkspaceId workspace) {
        return new ExpiredRowsCleanup(expired, store, log, transactions, invalidation, node.nodeId(), workspace);
    }

    /** The TLS listeners' certificates by SNI (rebuilt on {@code certificates:version}). */
    @Provides
    static ServerCertificates serverCertificates(CertificatesHolder certificates) {
        return certificates;
    }

    @Provides
    @Singleton
    static LocalInvalidation localInvalidation(
            NodeCache cache,
            RouterHolder router,
            PluginsHolder plugins,
            BalancerHolder balancers,
            HealthTargets healthTargets,
            CertificatesHolder certificates,
            Metrics metrics) {
        return new LocalInvalidation(cache, List.of(router, plugins, balancers, healthTargets, certificates), metrics);
    }

    /** This node's health checker; its active probes stop with the node ({@code NodeComponent.healthChecker()}). */
    @Provides
    @Singleton
    static HealthChecker healthChecker(HealthProbes probes) {
        return new HealthChecker(probes);
    }

    /** The balancer's view of target health (passive checks are reported back to the same checker). */
    @Provides
    static TargetHealth targetHealth(HealthChecker checker) {
        return checker;
    }

    /** Feeds the checker every upstream and target on each {@code healthchecks:version} bump (and at start). */
    @Provides
    @Singleton
    static HealthTargets healthTargets(@ProxyReads EntityStore store, HealthChecker checker) {
        return new HealthTargets(store, checker);
    }

    @Provides
    @Singleton
    static ManageTargetHealth targetHealthAdministration(
            EntityStore store,
            EventLog log,
            Transactions transactions,
            HealthChecker checker,
            NodeSettings node,
            HostResolution dns) {
        return new TargetHealthAdministration(store, log, transactions, checker, node.nodeId(), dns);
    }

    @Provides
    @Singleton
    static ProxyRequests proxyRequests(
            RouterHolder router,
            PluginsHolder plugins,
            @ProxyReads EntityStore store,
            NodeCache cache,
            WorkspaceId workspace,
            BalancerHolder balancers,
            NodeSettings node,
            RateLimitCounters rateLimitCounters,
            RedisCounters redisCounters,
            Metrics metrics,
            ResponseCache responses,
            SyslogSink syslog,
            HttpSettings http,
            DatabaseOutages outages,
            VaultSecrets secrets) {
        return new RequestProxying(
                        router,
                        PluginPhases.of(
                                plugins,
                                node.plugins(),
                                new CachedEntities(
                                                store,
                                                cache,
                                                workspace,
                                                new JacksonJsonCodec(),
                                                rateLimitCounters,
                                                redisCounters,
                                                metrics,
                                                responses,
                                                syslog)
                                        .onNode(node.nodeId(), node.info().hostname()),
                                PluginPhases.logExecutor(),
                                outages),
                        balancers,
                        new UpstreamTlsResolver(
                                store,
                                cache,
                                workspace,
                                secrets,
                                node.trustedCertificates().orElse(null)),
                        outages)
                .refusingPathTraversal(http.edge().refusePathTraversal())
                .withDebugHeader(http.edge().allowDebugHeader());
    }

    /**
     * The local syslog of Kong's {@code syslog} plugin: the socket {@code syslog_socket_path} names ({@code /dev/log}
     * by default), opened on the first message.
     */
    @Provides
    @Singleton
    static SyslogSink syslog(NodeSettings node) {
        return new UnixSyslog(node.syslogSocket());
    }

    /** The proxy-cache Admin endpoints over the node's response store; purges reach the other nodes via the log. */
    @Provides
    @Singleton
    static ManageProxyCache proxyCache(
            EntityStore store, ResponseCache responses, EventLog log, Transactions transactions, NodeSettings node) {
        return new ProxyCacheAdministration(store, responses, log, transactions, node.nodeId());
    }

    /** Kong's cluster-wide dynamic log level: this node's, and the other nodes' through the event log. */
    @Provides
    @Singleton
    static ClusterLogLevel clusterLogLevel(
            NodeLogLevel logLevel, EventLog log, Transactions transactions, NodeSettings node) {
        return new ClusterLogLevelAdministration(logLevel, log, transactions, node.nodeId());
    }

    /** The Admin API's {@code GET /metrics} serves what the plugins recorded in the node's registry. */
    @Provides
    static MetricsSource metricsSource(PrometheusMetrics registry) {
        return new MetricsSource() {
            @Override
            public MetricSnapshots scrape() {
                return registry.scrape();
            }

            @Override
            public List<String> labelOrder(String family) {
                return registry.labelNames(family);
            }
        };
    }

    @Provides
    @Singleton
    static EntityAdministration entityAdministration(
            EntityStore store,
            EventLog log,
            Transactions transactions,
            LocalInvalidation invalidation,
            NodeSettings node,
            WorkspaceId workspace) {
        return new EntityAdministration(
                store,
                log,
                transactions,
                invalidation,
                node.nodeId(),
                workspace,
                Clock.systemUTC(),
                new PasswordHasher(),
                new JacksonJsonCodec());
    }

    @Provides
    static AdministerEntities administration(EntityAdministration administration) {
        return administration;
    }

    @Provides
    static AdministerReferences references(EntityAdministration administration) {
        return administration;
    }

    @Provides
    @Singleton
    static BrowseEntities browse(EntityStore store, TagIndex tags) {
        return new EntityBrowsing(store, tags);
    }

    /** The configuration history, read from the event log ({@code GET /history}, {@code GET /{entities}/{id}/history}). */
    @Provides
    @Singleton
    static BrowseHistory history(EventHistory log, EntityStore store) {
        return new HistoryBrowsing(log, store);
    }

    /**
     * Kong's {@code db_cache_warmup_entities}: fills the node cache at start, from the replica when there is one (a
     * proxy-path read, with the replica's freshness check).
     */
    @Provides
    @Singleton
    static CacheWarmup cacheWarmup(@ProxyReads EntityStore store, NodeCache cache, WorkspaceId workspace) {
        return new CacheWarmup(store, cache, workspace);
    }

    @Provides
    @Singleton
    static InspectCache cacheInspection(NodeCache cache) {
        return new CacheInspection(cache);
    }

    @Provides
    @Singleton
    static NodeDescription nodeDescription(NodeSettings node, PostgresDatabase database, EntityStore store) {
        return new NodeDescription(node.info(), ProbedReachability.of(database::ping), store, database::poolUsage);
    }

    @Provides
    static DescribeNode describeNode(NodeDescription description) {
        return description;
    }

    /** This node's traffic, aggregated in memory for its samples (one per node). */
    @Provides
    @Singleton
    static TrafficRecorder trafficRecorder(NodeSettings node) {
        return new TrafficRecorder(node.nodeId());
    }

    /** Where the proxy reports each completed exchange. */
    @Provides
    static RecordTraffic recordTraffic(TrafficRecorder recorder) {
        return recorder;
    }

    /** Writes this node's traffic samples every {@code traffic_sample_interval}; started and closed by the node. */
    @Provides
    @Singleton
    static TrafficSampling trafficSampling(TrafficRecorder recorder, TrafficSamples samples, NodeSettings node) {
        return new TrafficSampling(recorder, samples, node.trafficSampleInterval(), Clock.systemUTC());
    }

    /** The cluster's traffic series ({@code GET /clustering/traffic}). */
    @Provides
    static BrowseTraffic browseTraffic(TrafficSampling sampling) {
        return sampling;
    }

    /** The configuration at a moment ({@code GET /history/export}), as {@code tollgate config export} makes it. */
    @Provides
    static ExportConfiguration exportConfiguration(PostgresDatabase database, DatabaseOutages outages) {
        return new ConfigurationExport(database, outages);
    }

    /** The node's timers, its schedulers as {@link NodeTimers} counts them ({@code GET /timers}). */
    @Provides
    static InspectTimers timers() {
        return NodeTimers::timers;
    }

    /** The cluster's members, read from the {@code nodes} table ({@code GET /clustering/nodes}). */
    @Provides
    @Singleton
    static BrowseCluster cluster(ClusterNodes nodes) {
        return new ClusterMembership(nodes);
    }

    /**
     * Signs Admin API requests in against the {@code admin_accounts} table when {@code admin_auth} is on; successes
     * are remembered {@link AdminAuthentication#DEFAULT_MEMORY} (5 s), so a removed account stops working on every
     * node within that time.
     */
    @Provides
    @Singleton
    static AuthenticateAdmin authenticateAdmin(AdminAccounts accounts) {
        return new AdminAuthentication(accounts, new PasswordHasher());
    }

    /**
     * Follows the event log: polls every {@code db_update_frequency} and, with {@code db_update_push = on}, also
     * reads when PostgreSQL notifies a commit (the listener is opened by {@link InvalidationFollower#startAtHead()}).
     */
    @Provides
    @Singleton
    static InvalidationFollower follower(
            EventLog log,
            LocalInvalidation invalidation,
            NodeSettings node,
            WorkspaceId workspace,
            HealthChecker health,
            Provider<LogNotifications> notifications,
            ResponseCache responses,
            TrafficRecorder traffic,
            DatabaseOutages outages,
            NodeLogLevel logLevel) {
        return new InvalidationFollower(
                log,
                invalidation,
                node.nodeId(),
                workspace,
                node.updateFrequency(),
                node.updatePropagation(),
                FollowerHooks.none()
                        .withHealth(health)
                        .withNotifications(node.updatePush() ? notifications.get() : LogNotifications.none())
                        .withPurges(purge -> ProxyCacheAdministration.apply(responses, purge))
                        .withPropagated(traffic::propagated)
                        .withOutages(outages::failed)
                        .withLogLevels(change -> ClusterLogLevelAdministration.apply(logLevel, change)));
    }

    /** Compacts the event log every {@code min(event_log_retention, 1 h)}; started and closed by the node. */
    @Provides
    @Singleton
    static CompactionSchedule compaction(LogCompaction compaction, NodeSettings node) {
        return new CompactionSchedule(compaction, node.eventLogRetention());
    }
}
