package io.tollgate.bootstrap.config;

import io.tollgate.adapter.http.AccessLogFormat;
import io.tollgate.adapter.http.admin.AdminAuthMode;
import io.tollgate.adapter.http.edge.EdgeSettings;
import io.tollgate.domain.catalog.EntityKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The node's configuration: Kong's properties (see {@link Property}), parsed, validated and typed. Build one with
 * {@link ConfigLoader#load}, or {@link #defaults()} for the built-in defaults. Immutable.
 *
 * <p>{@link #toString()} and {@link #sanitised()} never reveal {@code pg_password}.
 *
 * @param prefix {@code prefix}: the node's working directory, absolute
 * @param database {@code database}: embedded or external PostgreSQL
 * @param pgHost {@code pg_host}
 * @param pgPort {@code pg_port}, 1-65535
 * @param pgUser {@code pg_user}
 * @param pgPassword {@code pg_password}, empty when unset
 * @param pgDatabase {@code pg_database}
 * @param pgSchema {@code pg_schema}, empty when unset (use the server's {@code search_path})
 * @param pgTimeout {@code pg_timeout} (configured in milliseconds), greater than 0
 * @param proxyListen {@code proxy_listen}: the proxy's listeners, empty for {@code off}; port 0 = any free port
 * @param adminListen {@code admin_listen}: the Admin API's listeners, empty for {@code off}
 * @param dbUpdateFrequency {@code db_update_frequency} (configured in seconds): the event-log poll interval, > 0
 * @param dbUpdatePropagation {@code db_update_propagation} (seconds): the replication-lag allowance, >= 0
 * @param dbUpdatePush {@code db_update_push}: whether other nodes' writes are also pushed ({@code LISTEN}) rather
 *     than only polled
 * @param eventLogRetention {@code event_log_retention} (seconds): how long events stay in the event log before
 *     compaction folds them into its snapshot, {@link Duration#ZERO} = keep every event (never compact)
 * @param trafficSampleInterval {@code traffic_sample_interval} (seconds), > 0: how often a node writes its traffic
 *     sample ({@code GET /clustering/traffic})
 * @param dbCacheTtl {@code db_cache_ttl} (seconds): lifetime of a cached entity, {@link Duration#ZERO} = no expiry
 * @param dbCacheNegTtl {@code db_cache_neg_ttl} (seconds): lifetime of a cached miss, {@code ZERO} = no expiry;
 *     already resolved to {@code dbCacheTtl} when the property is unset
 * @param memCacheSize {@code mem_cache_size} in bytes, > 0
 * @param proxyCacheMemorySize {@code proxy_cache_memory_size} in bytes, > 0: the proxy-cache plugin's memory budget
 * @param logLevel {@code log_level}
 * @param adminGuiUrl {@code admin_gui_url}: absolute {@code http(s)} URLs, in order; empty when unset
 * @param adminAllowedHosts {@code admin_allowed_hosts} (Tollgate's): domain names the Admin API answers to beyond
 *     IP literals, loopback names and this machine's name, lower case; empty when unset
 * @param adminAuth {@code admin_auth} (Tollgate's): whether and how the Admin API asks for an admin account's
 *     credentials
 * @param upstreamKeepalivePoolSize {@code upstream_keepalive_pool_size}: idle upstream connections kept per address
 *     and I/O thread, 0 disables keep-alive
 * @param upstreamKeepaliveMaxRequests {@code upstream_keepalive_max_requests}: requests per upstream connection,
 *     0 = unlimited
 * @param upstreamKeepaliveIdleTimeout {@code upstream_keepalive_idle_timeout} (seconds): {@code ZERO} = no expiry
 * @param edge the proxy's edge properties: {@code trusted_ips}, {@code real_ip_header}, {@code real_ip_recursive},
 *     {@code headers}, {@code headers_upstream}, {@code error_default_type}, {@code nginx_http_client_max_body_size},
 *     {@code nginx_http_large_client_header_buffers}
 * @param sslCert {@code ssl_cert}: the TLS listeners' default certificate, a PEM file path or inline PEM; empty for
 *     the self-signed one generated under the prefix
 * @param sslCertKey {@code ssl_cert_key}: its private key, a PEM file path or inline PEM; set exactly when
 *     {@code sslCert} is
 * @param plugins {@code plugins}: the enabled plugins' names in order, {@code bundled} standing for the bundled ones;
 *     empty for {@code off}
 * @param proxyAccessLog {@code proxy_access_log}: the file (absolute, resolved against the prefix), empty for
 *     {@code off}
 * @param adminAccessLog {@code admin_access_log}: likewise
 * @param nodeId {@code node_id}: this node's id when configured; empty to use the one kept under the prefix
 * @param clusterTtlOnFailure {@code cluster_ttl_on_failure} (seconds): how long the {@code nodes} row of a failed or
 *     left node is kept after its last heartbeat, > 0
 * @param logFormat {@code log_format} (Tollgate's): text or JSON lines for the node's own log
 * @param errorLog {@code proxy_error_log}: where the node's own log goes
 * @param adminGui Kong Manager's {@code admin_gui_listen}, {@code admin_gui_path}, {@code admin_gui_api_url} and
 *     {@code admin_gui_dir}
 * @param statusListen {@code status_listen}: the status API's listeners, empty for {@code off}
 * @param dbResurrectTtl {@code db_resurrect_ttl} (seconds): how long an expired cached entity is served again when
 *     its reload cannot reach the database, {@link Duration#ZERO} = never
 * @param dbCacheWarmupEntities {@code db_cache_warmup_entities}: the kinds loaded into the node cache at start, in
 *     order, each once
 * @param accessLogFormat {@code access_log_format} (Tollgate's): nginx's combined format or JSON lines for both access
 *     logs
 * @param syslogSocketPath {@code syslog_socket_path} (Tollgate's): the local syslog's Unix datagram socket the syslog
 *     plugin writes to (absolute, resolved against the prefix)
 * @param vaultEnvPrefix {@code vault_env_prefix}: the {@code env} vault's default variable prefix, empty for none
 * @param postgres Kong's {@code pg_pool_size}, {@code pg_max_concurrent_queries}, {@code pg_keepalive_timeout},
 *     {@code pg_ssl*} and the read replica ({@code pg_ro_*})
 */
public record TollgateConfig(
        Path prefix,
        DatabaseMode database,
        String pgHost,
        int pgPort,
        String pgUser,
        Optional<String> pgPassword,
        String pgDatabase,
        Optional<String> pgSchema,
        Duration pgTimeout,
        List<ListenEntry> proxyListen,
        List<ListenEntry> adminListen,
        Duration dbUpdateFrequency,
        Duration dbUpdatePropagation,
        boolean dbUpdatePush,
        Duration eventLogRetention,
        Duration trafficSampleInterval,
        Duration dbCacheTtl,
        Duration dbCacheNegTtl,
        long memCacheSize,
        long proxyCacheMemorySize,
        LogLevel logLevel,
        List<String> adminGuiUrl,
        List<String> adminAllowedHosts,
        AdminAuthMode adminAuth,
        int upstreamKeepalivePoolSize,
        int upstreamKeepaliveMaxRequests,
        Duration upstreamKeepaliveIdleTimeout,
        EdgeSettings edge,
        Optional<String> sslCert,
        Optional<String> sslCertKey,
        List<String> plugins,
        Optional<Path> proxyAccessLog,
        Optional<Path> adminAccessLog,
        Optional<UUID> nodeId,
        Duration clusterTtlOnFailure,
        LogFormat logFormat,
        ErrorLog errorLog,
        AdminGuiConfig adminGui,
        List<ListenEntry> statusListen,
        Duration dbResurrectTtl,
        List<EntityKind> dbCacheWarmupEntities,
        PostgresOptions postgres,
        AccessLogFormat accessLogFormat,
        Path syslogSocketPath,
        Optional<String> vaultEnvPrefix) {

    /** Null checks and defensive copies; value rules are enforced by the loader, which names the property. */
    public TollgateConfig {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(pgHost, "pgHost");
        Objects.requireNonNull(pgUser, "pgUser");
        Objects.requireNonNull(pgPassword, "pgPassword");
        Objects.requireNonNull(pgDatabase, "pgDatabase");
        Objects.requireNonNull(pgSchema, "pgSchema");
        Objects.requireNonNull(pgTimeout, "pgTimeout");
        proxyListen = List.copyOf(proxyListen);
        adminListen = List.copyOf(adminListen);
        Objects.requireNonNull(dbUpdateFrequency, "dbUpdateFrequency");
        Objects.requireNonNull(dbUpdatePropagation, "dbUpdatePropagation");
        Objects.requireNonNull(eventLogRetention, "eventLogRetention");
        Objects.requireNonNull(trafficSampleInterval, "trafficSampleInterval");
        Objects.requireNonNull(dbCacheTtl, "dbCacheTtl");
        Objects.requireNonNull(dbCacheNegTtl, "dbCacheNegTtl");
        Objects.requireNonNull(logLevel, "logLevel");
        adminGuiUrl = List.copyOf(adminGuiUrl);
        adminAllowedHosts = List.copyOf(adminAllowedHosts);
        Objects.requireNonNull(adminAuth, "adminAuth");
        Objects.requireNonNull(upstreamKeepaliveIdleTimeout, "upstreamKeepaliveIdleTimeout");
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(errorLog, "errorLog");
        Objects.requireNonNull(sslCert, "sslCert");
        Objects.requireNonNull(sslCertKey, "sslCertKey");
        plugins = List.copyOf(plugins);
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(clusterTtlOnFailure, "clusterTtlOnFailure");
        Objects.requireNonNull(adminGui, "adminGui");
        statusListen = List.copyOf(statusListen);
        Objects.requireNonNull(dbResurrectTtl, "dbResurrectTtl");
        dbCacheWarmupEntities = List.copyOf(dbCacheWarmupEntities);
        Objects.requireNonNull(postgres, "postgres");
        Objects.requireNonNull(accessLogFormat, "accessLogFormat");
        Objects.requireNonNull(syslogSocketPath, "syslogSocketPath");
        Objects.requireNonNull(vaultEnvPrefix, "vaultEnvPrefix");
    }

    /** Whether any proxy, admin, GUI or status listener has Kong's {@code ssl} flag (a default certificate is then needed). */
    public boolean anySsl() {
        return proxyListen.stream().anyMatch(ListenEntry::ssl)
                || adminListen.stream().anyMatch(ListenEntry::ssl)
                || adminGui.listen().stream().anyMatch(ListenEntry::ssl)
                || statusListen.stream().anyMatch(ListenEntry::ssl);
    }

    /** @return the configuration made of the built-in defaults only (no file, no environment) */
    public static TollgateConfig defaults() {
        return ConfigParser.parse(Map.of(), warning -> {});
    }

    /**
     * The configuration as Kong shows it under {@code configuration} in {@code GET /}: every property by its Kong
     * name, in {@link Property} order. Values are JSON-friendly: strings, numbers (seconds for time properties,
     * milliseconds for {@code pg_timeout}), lists of {@code host:port} strings for listeners, the
     * list of URLs for {@code admin_gui_url}, {@code mem_cache_size}
     * as a size string ({@code 128m}), {@code null} when unset. {@code pg_password} is {@code ******} when set.
     *
     * @return an unmodifiable, ordered map
     */
    public Map<String, @Nullable Object> sanitised() {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put(Property.PREFIX.key(), prefix.toString());
        m.put(Property.DATABASE.key(), database.configValue());
        m.put(Property.PG_HOST.key(), pgHost);
        m.put(Property.PG_PORT.key(), pgPort);
        m.put(Property.PG_USER.key(), pgUser);
        m.put(Property.PG_PASSWORD.key(), pgPassword.map(p -> Property.MASK).orElse(null));
        m.put(Property.PG_DATABASE.key(), pgDatabase);
        m.put(Property.PG_SCHEMA.key(), pgSchema.orElse(null));
        m.put(Property.PG_TIMEOUT.key(), pgTimeout.toMillis());
        m.putAll(PostgresProperties.shown(postgres));
        m.put(
                Property.PROXY_LISTEN.key(),
                proxyListen.stream().map(Listeners::format).toList());
        m.put(
                Property.ADMIN_LISTEN.key(),
                adminListen.stream().map(Listeners::format).toList());
        m.put(Property.ADMIN_GUI_URL.key(), adminGuiUrl.isEmpty() ? null : adminGuiUrl);
        m.put(Property.ADMIN_ALLOWED_HOSTS.key(), adminAllowedHosts.isEmpty() ? null : adminAllowedHosts);
        m.put(Property.ADMIN_AUTH.key(), adminAuth.configValue());
        m.putAll(GuiProperties.shown(adminGui));
        m.put(Property.DB_UPDATE_FREQUENCY.key(), seconds(dbUpdateFrequency));
        m.put(Property.DB_UPDATE_PROPAGATION.key(), seconds(dbUpdatePropagation));
        m.put(Property.DB_UPDATE_PUSH.key(), dbUpdatePush ? "on" : "off");
        m.put(Property.EVENT_LOG_RETENTION.key(), seconds(eventLogRetention));
        m.put(Property.TRAFFIC_SAMPLE_INTERVAL.key(), seconds(trafficSampleInterval));
        m.put(Property.DB_CACHE_TTL.key(), seconds(dbCacheTtl));
        m.put(Property.DB_CACHE_NEG_TTL.key(), seconds(dbCacheNegTtl));
        m.put(Property.MEM_CACHE_SIZE.key(), size(memCacheSize));
        m.put(Property.DB_RESURRECT_TTL.key(), seconds(dbResurrectTtl));
        m.put(
                Property.DB_CACHE_WARMUP_ENTITIES.key(),
                dbCacheWarmupEntities.stream().map(EntityKind::kongName).toList());
        m.put(Property.PROXY_CACHE_MEMORY_SIZE.key(), size(proxyCacheMemorySize));
        m.put(Property.LOG_LEVEL.key(), logLevel.configValue());
        m.put(
                Property.PROXY_ACCESS_LOG.key(),
                proxyAccessLog.map(Path::toString).orElse("off"));
        m.put(
                Property.ADMIN_ACCESS_LOG.key(),
                adminAccessLog.map(Path::toString).orElse("off"));
        m.put(Property.ACCESS_LOG_FORMAT.key(), accessLogFormat.configValue());
        m.put(Property.VAULT_ENV_PREFIX.key(), vaultEnvPrefix.orElse(null));
        m.put(Property.SYSLOG_SOCKET_PATH.key(), syslogSocketPath.toString());
        m.put(Property.UPSTREAM_KEEPALIVE_POOL_SIZE.key(), upstreamKeepalivePoolSize);
        m.put(Property.UPSTREAM_KEEPALIVE_MAX_REQUESTS.key(), upstreamKeepaliveMaxRequests);
        m.put(Property.UPSTREAM_KEEPALIVE_IDLE_TIMEOUT.key(), seconds(upstreamKeepaliveIdleTimeout));
        m.putAll(EdgeProperties.shown(edge));
        m.put(
                Property.SSL_CERT.key(),
                sslCert.map(v -> v.contains("-----BEGIN") ? "<inline PEM>" : v).orElse(null));
        m.put(Property.SSL_CERT_KEY.key(), sslCertKey.map(v -> Property.MASK).orElse(null));
        m.put(Property.PLUGINS.key(), plugins.isEmpty() ? List.of("off") : plugins);
        m.put(Property.NODE_ID.key(), nodeId.map(UUID::toString).orElse(null));
        m.put(Property.CLUSTER_TTL_ON_FAILURE.key(), seconds(clusterTtlOnFailure));
        m.put(Property.LOG_FORMAT.key(), logFormat.configValue());
        m.put(Property.PROXY_ERROR_LOG.key(), errorLog.configValue());
        m.put(
                Property.STATUS_LISTEN.key(),
                statusListen.stream().map(Listeners::format).toList());
        m.put(Property.ROUTER_FLAVOR.key(), RouterFlavor.IN_EFFECT);
        return Collections.unmodifiableMap(m);
    }

    /** @return {@code TollgateConfig{...}} listing {@link #sanitised()}; the password is masked */
    @Override
    public String toString() {
        return "TollgateConfig" + sanitised();
    }

    private static Number seconds(Duration d) {
        BigDecimal s = BigDecimal.valueOf(d.getSeconds())
                .add(BigDecimal.valueOf(d.getNano(), 9))
                .stripTrailingZeros();
        if (s.scale() <= 0) {
            return s.longValueExact();
        }
        return s.doubleValue();
    }

    private static String size(long bytes) {
        for (String unit : List.of("g", "m", "k")) {
            long factor = 1L << (unit.equals("g") ? 30 : unit.equals("m") ? 20 : 10);
            if (bytes % factor == 0) {
                return bytes / factor + unit;
            }
        }
        return Long.toString(bytes);
    }
}
