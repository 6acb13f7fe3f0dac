package io.tollgate.bootstrap.wiring;

import dagger.BindsInstance;
import dagger.Component;
import io.tollgate.adapter.cache.CacheAdapterModule;
import io.tollgate.adapter.cache.CacheSettings;
import io.tollgate.adapter.cache.ResponseCacheSettings;
import io.tollgate.adapter.cache.redis.RedisAdapterModule;
import io.tollgate.adapter.http.HttpAdapterModule;
import io.tollgate.adapter.http.HttpServer;
import io.tollgate.adapter.http.HttpSettings;
import io.tollgate.adapter.http.admin.AdminAccessSettings;
import io.tollgate.adapter.http.admin.AdminApi;
import io.tollgate.adapter.http.health.HealthProbeModule;
import io.tollgate.adapter.http.metrics.MetricsModule;
import io.tollgate.adapter.http.proxy.GatewayProxy;
import io.tollgate.adapter.http.proxy.ProxyAdapterModule;
import io.tollgate.adapter.postgres.PostgresAdapterModule;
import io.tollgate.adapter.postgres.PostgresDatabase;
import io.tollgate.application.admin.ExpiredRowsCleanup;
import io.tollgate.application.admin.NodeDescription;
import io.tollgate.application.compaction.CompactionSchedule;
import io.tollgate.application.invalidation.CacheWarmup;
import io.tollgate.application.invalidation.InvalidationFollower;
import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.in.NodeLogLevel;
import io.tollgate.application.port.out.ClusterNodes;
import io.tollgate.application.port.out.NodeCache;
import io.tollgate.application.proxy.health.HealthChecker;
import io.tollgate.application.traffic.TrafficSampling;
import io.tollgate.application.vault.SecretRotation;
import jakarta.inject.Singleton;

/** One node's object graph: the adapters, the application between them, and the roots the lifecycle drives. */
@Singleton
@Component(
        modules = {
            PostgresAdapterModule.class,
            CacheAdapterModule.class,
            RedisAdapterModule.class,
            HttpAdapterModule.class,
            ProxyAdapterModule.class,
            HealthProbeModule.class,
            MetricsModule.class,
            ApplicationModule.class
        })
public interface NodeComponent {

    HttpServer httpServer();

    /** The proxy, whose edge rules {@code tollgate reload} replaces. */
    GatewayProxy gatewayProxy();

    /** The Admin API, whose {@code headers} ({@code Server}, {@code X-Kong-Admin-Latency}) a reload replaces. */
    AdminApi adminApi();

    /** {@code GET /}'s facts, whose {@code configuration} a reload replaces. */
    NodeDescription nodeDescription();

    /** The event-log follower, whose {@code db_update_frequency} and {@code db_update_propagation} a reload sets. */
    InvalidationFollower follower();

    /** The node cache, whose TTLs a reload replaces. */
    NodeCache nodeCache();

    /** Vault secrets' rotation (Kong's vault {@code ttl}), started with the node. */
    SecretRotation secretRotation();

    /** Kong's clean-up of expired rows (key-auth credentials past their {@code ttl}), started with the node. */
    ExpiredRowsCleanup expiredRowsCleanup();

    LocalInvalidation invalidation();

    /** Kong's {@code db_cache_warmup_entities}, run once at start. */
    CacheWarmup cacheWarmup();

    /** The health checker, closed when the node stops (its active probes end). */
    HealthChecker healthChecker();

    /** The event log's compaction schedule, started with the node and closed when it stops. */
    CompactionSchedule compaction();

    /** Writes the node's traffic samples; started with the node and closed when it stops. */
    TrafficSampling trafficSampling();

    /** This node's record of database outages; the node makes them end ({@link DatabaseOutages#watch}). */
    DatabaseOutages outages();

    /** The {@code nodes} table, which the node's membership heartbeat writes ({@code MembershipHeartbeat}). */
    ClusterNodes clusterNodes();

    /** Creates the graph around an already connected (and migrated) database. */
    @Component.Factory
    interface Factory {
        NodeComponent create(
                @BindsInstance PostgresDatabase database,
                @BindsInstance CacheSettings cache,
                @BindsInstance ResponseCacheSettings responseCache,
                @BindsInstance HttpSettings http,
                @BindsInstance NodeSettings node,
                @BindsInstance AdminAccessSettings adminAccess,
                @BindsInstance NodeLogLevel logLevel);
    }

    /** Dagger's generated factory. */
    static Factory factory() {
        return DaggerNodeComponent.factory();
    }
}
