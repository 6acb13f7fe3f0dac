package io.tollgate.bootstrap.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The configuration properties Tollgate understands, with Kong's names and Tollgate's built-in defaults (the
 * counterpart of Kong's {@code kong_defaults.lua}). A {@code null} default means "unset" (Kong's {@code NONE}).
 * Every property can be set in the configuration file as {@code <key> = <value>}, or in the environment as
 * {@code TOLLGATE_<KEY>} (upper case) or, as a fallback, Kong's {@code KONG_<KEY>}.
 */
public enum Property {
    /** Working directory of the node (embedded PostgreSQL data lives under it); Kong's default is /usr/local/kong. */
    PREFIX("prefix", ".tollgate"),
    /** {@code embedded} (a PostgreSQL started under the prefix) or {@code postgres} (use the {@code pg_*} server). */
    DATABASE("database", "embedded"),
    /** PostgreSQL host. */
    PG_HOST("pg_host", "127.0.0.1"),
    /** PostgreSQL port. */
    PG_PORT("pg_port", "5432"),
    /** PostgreSQL user. */
    PG_USER("pg_user", "kong"),
    /** PostgreSQL password; sensitive, never shown. */
    PG_PASSWORD("pg_password", null, true),
    /** PostgreSQL database name. */
    PG_DATABASE("pg_database", "kong"),
    /** PostgreSQL schema; unset means the server's {@code search_path}. */
    PG_SCHEMA("pg_schema", null),
    /** PostgreSQL connect/read timeout in milliseconds. */
    PG_TIMEOUT("pg_timeout", "5000"),
    /** Proxy listeners, comma-separated {@code host:port [flags]} ({@code ssl}, {@code http2}), or {@code off}. */
    PROXY_LISTEN("proxy_listen", "0.0.0.0:8000, 0.0.0.0:8443 http2 ssl"),
    /** Admin API listeners, comma-separated {@code host:port [flags]} ({@code ssl}, {@code http2}), or {@code off}. */
    ADMIN_LISTEN("admin_listen", "127.0.0.1:8001, 127.0.0.1:8444 http2 ssl"),
    /**
     * URLs of the browser admin GUIs (Kong Manager's {@code admin_gui_url}), comma-separated; their origins are the
     * ones the Admin API's CORS headers allow. Unset: any origin.
     */
    ADMIN_GUI_URL("admin_gui_url", null),
    /** Tollgate's: domain names the Admin API answers to besides IP literals, loopback names and the host name. */
    ADMIN_ALLOWED_HOSTS("admin_allowed_hosts", null),
    /**
     * Kong's {@code admin_gui_listen}: Kong Manager's listeners, comma-separated {@code host:port [flags]}, or
     * {@code off}. Loopback by default like the Admin API (Kong listens on {@code 0.0.0.0:8002}).
     */
    ADMIN_GUI_LISTEN("admin_gui_listen", "127.0.0.1:8002"),
    /**
     * Kong's {@code admin_gui_path}: the path Kong Manager is served under, {@code /} or {@code /segment[/…]} of
     * letters, digits, {@code -} and {@code _}, without a trailing slash.
     */
    ADMIN_GUI_PATH("admin_gui_path", "/"),
    /** Kong's {@code admin_gui_api_url}: the Admin API's URL as the browser reaches it. Unset: the page's host. */
    ADMIN_GUI_API_URL("admin_gui_api_url", null),
    /** Tollgate's: the directory holding the Kong Manager build; relative to the prefix. Unset: {@code <prefix>/gui}. */
    ADMIN_GUI_DIR("admin_gui_dir", null),
    /** Seconds between two polls of the cluster event log; greater than 0. */
    DB_UPDATE_FREQUENCY("db_update_frequency", "5"),
    /** Seconds a cluster event takes to be visible to all nodes (replication lag); 0 or more. */
    DB_UPDATE_PROPAGATION("db_update_propagation", "0"),
    /**
     * Whether a node reads the event log as soon as another node commits a write ({@code on}, PostgreSQL
     * {@code LISTEN}/{@code NOTIFY}) besides polling it every {@code db_update_frequency} ({@code off}: the poll
     * alone, as Kong). Tollgate only.
     */
    DB_UPDATE_PUSH("db_update_push", "on"),
    /**
     * Seconds events stay in the cluster event log before compaction folds them into its snapshot (Tollgate only;
     * default 30 days); 0 keeps every event (never compacts).
     */
    EVENT_LOG_RETENTION("event_log_retention", "2592000"),
    /** Seconds a cached entity lives; 0 means no expiry (invalidation only). */
    DB_CACHE_TTL("db_cache_ttl", "0"),
    /** Seconds a cached miss lives; unset means {@code db_cache_ttl}. */
    DB_CACHE_NEG_TTL("db_cache_neg_ttl", null),
    /** Size of the entity cache: bytes, or a number with a {@code k}, {@code m} or {@code g} suffix. */
    MEM_CACHE_SIZE("mem_cache_size", "128m"),
    /**
     * Memory budget of the proxy-cache plugin's {@code memory} strategy, node-wide (Tollgate's counterpart of Kong's
     * {@code lua_shared_dict} for the dictionary): bytes, or a number with a {@code k}, {@code m} or {@code g} suffix.
     */
    PROXY_CACHE_MEMORY_SIZE("proxy_cache_memory_size", "128m"),
    /** Kong's (nginx's) log level: debug, info, notice, warn, error, crit, alert, emerg. */
    LOG_LEVEL("log_level", "notice"),
    /**
     * The proxy's access log: a path (relative to the prefix) or {@code off}; nginx's combined format plus Kong's
     * {@code kong_request_id}, rotated by size.
     */
    PROXY_ACCESS_LOG("proxy_access_log", "logs/access.log"),
    /** The Admin API's access log: a path (relative to the prefix) or {@code off}; as {@code proxy_access_log}. */
    ADMIN_ACCESS_LOG("admin_access_log", "logs/admin_access.log"),
    /** Idle keep-alive connections kept per upstream address and I/O thread; 0 disables upstream keep-alive. */
    UPSTREAM_KEEPALIVE_POOL_SIZE("upstream_keepalive_pool_size", "512"),
    /** Requests sent over one upstream keep-alive connection before it is closed; 0 means no limit. */
    UPSTREAM_KEEPALIVE_MAX_REQUESTS("upstream_keepalive_max_requests", "10000"),
    /** Seconds an idle upstream keep-alive connection is kept; 0 means no expiry. */
    UPSTREAM_KEEPALIVE_IDLE_TIMEOUT("upstream_keepalive_idle_timeout", "60"),
    /**
     * Peers whose forwarding headers are believed: IPs or CIDR blocks, comma-separated ({@code 0.0.0.0/0,::/0} for
     * all, {@code unix:}); unset: none.
     */
    TRUSTED_IPS("trusted_ips", null),
    /** Header naming the client address when the peer is trusted (e.g. {@code X-Forwarded-For}). */
    REAL_IP_HEADER("real_ip_header", "X-Real-IP"),
    /** Whether the real-IP walk of {@code X-Forwarded-For} skips trusted addresses ({@code on}/{@code off}). */
    REAL_IP_RECURSIVE("real_ip_recursive", "off"),
    /** Kong headers added to responses: {@code server_tokens}, {@code latency_tokens}, header names, or off. */
    HEADERS("headers", "server_tokens, latency_tokens, x-kong-request-id"),
    /** Kong headers added to upstream requests: {@code X-Kong-Request-Id} or off. */
    HEADERS_UPSTREAM("headers_upstream", "x-kong-request-id"),
    /**
     * Type of the transport-level error bodies when the request has neither Accept nor Content-Type:
     * {@code text/plain}, {@code text/html}, {@code application/json} or {@code application/xml}.
     */
    ERROR_DEFAULT_TYPE("error_default_type", "text/plain"),
    /** Largest request body in bytes ({@code k}/{@code m} suffixes); 0 = unlimited. Larger: 413. */
    NGINX_HTTP_CLIENT_MAX_BODY_SIZE("nginx_http_client_max_body_size", "0"),
    /**
     * {@code <number> <size>}: a request line longer than size gets 414, a header line longer than size or headers
     * over number x size in total get 400 "Request header or cookie too large" (nginx's 494).
     */
    NGINX_HTTP_LARGE_CLIENT_HEADER_BUFFERS("nginx_http_large_client_header_buffers", "4 8k"),
    /** nginx time ({@code 60s}, {@code 500ms}): a client that has not sent its whole request head by then is cut. */
    NGINX_HTTP_CLIENT_HEADER_TIMEOUT("nginx_http_client_header_timeout", "60s"),
    /**
     * Tollgate's ({@code on}/{@code off}, default off as Kong): refuse with 400 a request whose fully decoded path
     * ({@code %2F} included) climbs out of the prefix its route matched.
     */
    PROXY_REFUSE_PATH_TRAVERSAL("proxy_refuse_path_traversal", "off"),
    /**
     * The TLS listeners' default certificate (presented when no SNI matches): a PEM file path or inline PEM. Unset: a
     * self-signed certificate generated once under {@code <prefix>/ssl}.
     */
    SSL_CERT("ssl_cert", null),
    /** The private key of {@code ssl_cert}: a PEM file path or inline PEM; sensitive. */
    SSL_CERT_KEY("ssl_cert_key", null, true),
    /**
     * Kong's {@code plugins}: the plugins this node loads, a comma-separated list of plugin names where
     * {@code bundled} stands for every bundled plugin, or {@code off} for none. Custom plugins are found on the class
     * path and in {@code <prefix>/plugins/*.jar}; only the listed ones are enabled.
     */
    PLUGINS("plugins", "bundled"),
    /**
     * This node's id in the cluster, a UUID. Unset: the id kept in {@code <prefix>/tollgate.id}, created with a random
     * UUID on first start (Kong keeps {@code <prefix>/kong.id}), so a node keeps its id across restarts.
     */
    NODE_ID("node_id", null),
    /**
     * Kong's {@code cluster_ttl_on_failure}: seconds after which the {@code nodes} row of a failed or left node is
     * deleted (counted from its last heartbeat); greater than 0.
     */
    CLUSTER_TTL_ON_FAILURE("cluster_ttl_on_failure", "3600");

    /** How a sensitive value is shown in {@code GET /}, in messages and in {@code toString()}. */
    public static final String MASK = "******";

    private static final Map<String, Property> BY_KEY =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Property::key, Function.identity()));

    private final String key;
    private final @Nullable String defaultValue;
    private final boolean sensitive;

    Property(String key, @Nullable String defaultValue) {
        this(key, defaultValue, false);
    }

    Property(String key, @Nullable String defaultValue, boolean sensitive) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.sensitive = sensitive;
    }

    /** @return Kong's property name, e.g. {@code db_update_frequency} */
    public String key() {
        return key;
    }

    /** @return the built-in default as it would be written in the file, or empty when the default is "unset" */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** @return whether the value is a secret that must never be shown */
    public boolean sensitive() {
        return sensitive;
    }

    /** @return Tollgate's environment variable, e.g. {@code TOLLGATE_PG_HOST} */
    public String envName() {
        return "TOLLGATE_" + key.toUpperCase(Locale.ROOT);
    }

    /** @return Kong's environment variable, accepted as a fallback, e.g. {@code KONG_PG_HOST} */
    public String kongEnvName() {
        return "KONG_" + key.toUpperCase(Locale.ROOT);
    }

    /**
     * @param key a property name as written in the file
     * @return the property, or empty if Tollgate does not know it
     */
    public static Optional<Property> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }
}
