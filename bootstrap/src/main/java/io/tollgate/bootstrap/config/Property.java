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
 * {@code TOLLGATE_<KEY>} (upper case) or, as a fallback, Kong's {@code KONG_<KEY>}. Each constant carries its
 * description ({@link #description()}), from which the build generates the commented {@code tollgate.conf} template.
 */
public enum Property {
    PREFIX(
            "prefix",
            ".tollgate",
            "Working directory of the node (embedded PostgreSQL data lives under it); Kong's default is /usr/local/kong."),
    DATABASE(
            "database",
            "embedded",
            "embedded (a PostgreSQL started under the prefix) or postgres (use the pg_* server)."),
    PG_HOST("pg_host", "127.0.0.1", "PostgreSQL host."),
    PG_PORT("pg_port", "5432", "PostgreSQL port."),
    PG_USER("pg_user", "kong", "PostgreSQL user."),
    PG_PASSWORD("pg_password", null, true, "PostgreSQL password; sensitive, never shown."),
    PG_DATABASE("pg_database", "kong", "PostgreSQL database name."),
    PG_SCHEMA("pg_schema", null, "PostgreSQL schema; unset means the server's search_path."),
    PG_TIMEOUT("pg_timeout", "5000", "PostgreSQL connect/read timeout in milliseconds."),
    PG_SSL(
            "pg_ssl",
            "off",
            "Kong's pg_ssl (on/off): TLS to PostgreSQL. On alone, TLS is used when the server offers it and plain connections otherwise (the driver's sslmode=prefer), without checking the certificate."),
    PG_SSL_REQUIRED(
            "pg_ssl_required",
            "off",
            "Kong's pg_ssl_required (on/off): with pg_ssl on, refuse plain connections (sslmode=require). Ignored when pg_ssl is off."),
    PG_SSL_VERIFY(
            "pg_ssl_verify",
            "off",
            "Kong's pg_ssl_verify (on/off): with pg_ssl on, check the server's certificate against lua_ssl_trusted_certificate and its name against pg_host (sslmode=verify-full, which also requires TLS). Ignored when pg_ssl is off."),
    LUA_SSL_TRUSTED_CERTIFICATE(
            "lua_ssl_trusted_certificate",
            "system",
            "Kong's lua_ssl_trusted_certificate, for pg_ssl_verify, pg_ro_ssl_verify and services with tls_verify and no ca_certificates: a comma-separated list of PEM files of trusted authorities (each must exist and may hold several certificates; stored as absolute paths) and system (the JVM's trust store, the system's authorities); all their certificates are trusted."),
    PG_POOL_SIZE(
            "pg_pool_size",
            null,
            "Kong's pg_pool_size: connections the node's pool keeps to PostgreSQL, greater than 0. Unset: 10 (Kong falls back to lua_socket_pool_size, 256 per worker; Tollgate has one pool per node)."),
    PG_MAX_CONCURRENT_QUERIES(
            "pg_max_concurrent_queries",
            "0",
            "Kong's pg_max_concurrent_queries: at most this many queries run at once (the pool opens at most this many connections; a query waits up to pg_timeout for one); 0 means no cap beyond pg_pool_size."),
    PG_KEEPALIVE_TIMEOUT(
            "pg_keepalive_timeout",
            null,
            "Kong's pg_keepalive_timeout: milliseconds an idle pooled connection is kept open, at least 10000 (the pool's floor). Unset: 60000 (Kong's lua_socket_keepalive_timeout)."),
    PG_EXPIRED_ROWS_CLEANUP_INTERVAL(
            "pg_expired_rows_cleanup_interval",
            "60",
            "Kong's pg_expired_rows_cleanup_interval: seconds between two runs of each node's clean-up of expired rows (key-auth credentials past their ttl), an integer greater than 0."),
    PG_RO_HOST(
            "pg_ro_host",
            null,
            "Kong's pg_ro_host: a read-only streaming replica of the database. Set, the proxy path's reads (cache fills, router, plugins, balancer and certificate rebuilds, warm-up) go to it, never staler than what the node has applied; the Admin API, the event log, membership and migrations stay on the primary. Unset: no replica."),
    PG_RO_PORT("pg_ro_port", null, "Kong's pg_ro_port: the replica's port. Unset: pg_port."),
    PG_RO_USER("pg_ro_user", null, "Kong's pg_ro_user: the replica's user. Unset: pg_user."),
    PG_RO_PASSWORD(
            "pg_ro_password",
            null,
            true,
            "Kong's pg_ro_password: the replica's password; sensitive. Unset: pg_password."),
    PG_RO_DATABASE("pg_ro_database", null, "Kong's pg_ro_database: the replica's database. Unset: pg_database."),
    PG_RO_SCHEMA("pg_ro_schema", null, "Kong's pg_ro_schema: the replica's schema. Unset: pg_schema."),
    PG_RO_TIMEOUT(
            "pg_ro_timeout",
            null,
            "Kong's pg_ro_timeout: the replica's connect/read timeout in milliseconds, and how long a read waits for the replica to replay what the node has applied before reading from the primary instead. Unset: pg_timeout."),
    PG_RO_SSL("pg_ro_ssl", null, "Kong's pg_ro_ssl (on/off): TLS to the replica, as pg_ssl. Unset: pg_ssl."),
    PG_RO_SSL_VERIFY(
            "pg_ro_ssl_verify",
            null,
            "Kong's pg_ro_ssl_verify (on/off): check the replica's certificate, as pg_ssl_verify. Unset: pg_ssl_verify."),
    PG_RO_MAX_CONCURRENT_QUERIES(
            "pg_ro_max_concurrent_queries",
            null,
            "Kong's pg_ro_max_concurrent_queries: the replica pool's own cap, as pg_max_concurrent_queries (not shared with the primary's). Unset: pg_max_concurrent_queries."),
    PROXY_LISTEN(
            "proxy_listen",
            "0.0.0.0:8000, 0.0.0.0:8443 http2 ssl",
            "Proxy listeners, comma-separated host:port [flags] (ssl, http2, proxy_protocol), or off (a list starting with off has no listener)."),
    ADMIN_LISTEN(
            "admin_listen",
            "127.0.0.1:8001, 127.0.0.1:8444 http2 ssl",
            "Admin API listeners, comma-separated host:port [flags] (ssl, http2), or off (a list starting with off has no listener)."),
    ADMIN_GUI_URL(
            "admin_gui_url",
            null,
            "URLs of the browser admin GUIs (Kong Manager's admin_gui_url), comma-separated; their origins are the ones the Admin API's CORS headers allow. Unset: any origin."),
    ADMIN_ALLOWED_HOSTS(
            "admin_allowed_hosts",
            null,
            "Tollgate's: domain names the Admin API answers to besides IP literals, loopback names and the host name."),
    ADMIN_AUTH(
            "admin_auth",
            "off",
            "Tollgate's Admin API authentication: off (Kong's behaviour), basic (HTTP Basic with a password account) or token (Kong-Admin-Token or Authorization: Bearer with a token account); accounts are managed with tollgate admins."),
    ADMIN_GUI_LISTEN(
            "admin_gui_listen",
            "127.0.0.1:8002",
            "Kong's admin_gui_listen: Kong Manager's listeners, comma-separated host:port [flags], or off. Loopback by default like the Admin API (Kong listens on 0.0.0.0:8002)."),
    ADMIN_GUI_PATH(
            "admin_gui_path",
            "/",
            "Kong's admin_gui_path: the path Kong Manager is served under, / or /segment[/...] of letters, digits, - and _, without a trailing slash."),
    ADMIN_GUI_API_URL(
            "admin_gui_api_url",
            null,
            "Kong's admin_gui_api_url: the Admin API's URL as the browser reaches it. Unset: the page's host."),
    ADMIN_GUI_DIR(
            "admin_gui_dir",
            null,
            "Tollgate's: the directory holding the Kong Manager build; relative to the prefix. Unset: <prefix>/gui."),
    DB_UPDATE_FREQUENCY(
            "db_update_frequency", "5", "Seconds between two polls of the cluster event log; greater than 0."),
    DB_UPDATE_PROPAGATION(
            "db_update_propagation",
            "0",
            "Seconds a cluster event takes to be visible to all nodes (replication lag); 0 or more."),
    DB_UPDATE_PUSH(
            "db_update_push",
            "on",
            "Whether a node reads the event log as soon as another node commits a write (on, PostgreSQL LISTEN/NOTIFY) besides polling it every db_update_frequency (off: the poll alone, as Kong). Tollgate only."),
    EVENT_LOG_RETENTION(
            "event_log_retention",
            "2592000",
            "Seconds events stay in the cluster event log before compaction folds them into its snapshot (Tollgate only; default 30 days); 0 keeps every event (never compacts)."),
    TRAFFIC_SAMPLE_INTERVAL(
            "traffic_sample_interval",
            "10",
            "Seconds between two samples of a node's proxied traffic written for GET /clustering/traffic (requests, errors = status >= 500, latency percentiles, propagation lag); greater than 0. Tollgate only; shorter intervals are for tests."),
    DB_CACHE_TTL("db_cache_ttl", "0", "Seconds a cached entity lives; 0 means no expiry (invalidation only)."),
    DB_CACHE_NEG_TTL("db_cache_neg_ttl", null, "Seconds a cached miss lives; unset means db_cache_ttl."),
    MEM_CACHE_SIZE(
            "mem_cache_size",
            "128m",
            "Size of the entity cache: bytes, or a number with a k, m or g suffix. Cached misses may use 1/8 of it, found entities the rest."),
    DB_RESURRECT_TTL(
            "db_resurrect_ttl",
            "30",
            "Kong's db_resurrect_ttl: seconds a cached entity past db_cache_ttl is served again when the database cannot answer its reload (then the reload is retried); 0 never serves stale entities."),
    DB_CACHE_WARMUP_ENTITIES(
            "db_cache_warmup_entities",
            "services",
            "Kong's db_cache_warmup_entities: the entities loaded into the node cache at start, comma-separated: services, consumers, keyauth_credentials, basicauth_credentials, hmacauth_credentials, jwt_secrets."),
    PROXY_CACHE_MEMORY_SIZE(
            "proxy_cache_memory_size",
            "128m",
            "Memory budget of the proxy-cache plugin's memory strategy, node-wide (Tollgate's counterpart of Kong's lua_shared_dict for the dictionary): bytes, or a number with a k, m or g suffix."),
    LOG_LEVEL(
            "log_level", "notice", "Kong's (nginx's) log level: debug, info, notice, warn, error, crit, alert, emerg."),
    PROXY_ACCESS_LOG(
            "proxy_access_log",
            "logs/access.log",
            "The proxy's access log: a path (relative to the prefix) or off; nginx's combined format plus Kong's kong_request_id, rotated by size."),
    ADMIN_ACCESS_LOG(
            "admin_access_log",
            "logs/admin_access.log",
            "The Admin API's access log: a path (relative to the prefix) or off; as proxy_access_log."),
    ACCESS_LOG_FORMAT(
            "access_log_format",
            "combined",
            "Tollgate's: how both access logs write a request, combined (nginx's combined format plus Kong's kong_request_id) or json (one JSON object per line for log pipelines: time, client_ip, method, uri, protocol, status, body_bytes_sent, referer, user_agent, latencies in ms, request_id, and on the proxy route, service and consumer)."),
    VAULT_ENV_PREFIX(
            "vault_env_prefix",
            null,
            "Kong's vault_env_prefix: the env vault's default prefix, put before the variable name a {vault://env/...} reference reads (with prefix SECRETS_, {vault://env/db-password} reads SECRETS_DB_PASSWORD); a vaults entity's config.prefix or the reference's ?prefix= replaces it. A letter or _, then letters, digits and _. Unset: no prefix."),
    SYSLOG_SOCKET_PATH(
            "syslog_socket_path",
            "/dev/log",
            "Tollgate's: the local syslog's Unix datagram socket, where the syslog plugin sends its entries (Kong's is always /dev/log): a path, relative to the prefix unless absolute, of at most 107 bytes."),
    UPSTREAM_KEEPALIVE_POOL_SIZE(
            "upstream_keepalive_pool_size",
            "512",
            "Idle keep-alive connections kept per upstream address and I/O thread; 0 disables upstream keep-alive."),
    UPSTREAM_KEEPALIVE_MAX_REQUESTS(
            "upstream_keepalive_max_requests",
            "10000",
            "Requests sent over one upstream keep-alive connection before it is closed; 0 means no limit."),
    UPSTREAM_KEEPALIVE_IDLE_TIMEOUT(
            "upstream_keepalive_idle_timeout",
            "60",
            "Seconds an idle upstream keep-alive connection is kept; 0 means no expiry."),
    TRUSTED_IPS(
            "trusted_ips",
            null,
            "Peers whose forwarding headers are believed: IPs or CIDR blocks, comma-separated (0.0.0.0/0,::/0 for all, unix:); unset: none."),
    REAL_IP_HEADER(
            "real_ip_header",
            "X-Real-IP",
            "Header naming the client address when the peer is trusted (e.g. X-Forwarded-For), or proxy_protocol."),
    REAL_IP_RECURSIVE(
            "real_ip_recursive",
            "off",
            "Whether the real-IP walk of X-Forwarded-For skips trusted addresses (on/off)."),
    HEADERS(
            "headers",
            "server_tokens, latency_tokens, x-kong-request-id",
            "Kong headers added to responses: server_tokens, latency_tokens, header names, or off."),
    HEADERS_UPSTREAM(
            "headers_upstream",
            "x-kong-request-id",
            "Kong headers added to upstream requests: X-Kong-Request-Id or off."),
    ERROR_DEFAULT_TYPE(
            "error_default_type",
            "text/plain",
            "Type of the transport-level error bodies when the request has neither Accept nor Content-Type: text/plain, text/html, application/json or application/xml."),
    ERROR_TEMPLATE_HTML(
            "error_template_html",
            null,
            "Kong's: a file whose text replaces the default HTML error body; up to two %s (the message, then the request id), %% for a literal %."),
    ERROR_TEMPLATE_JSON(
            "error_template_json",
            null,
            "Kong's: a file whose text replaces the default JSON error body; up to two %s (the message, then the request id), %% for a literal %."),
    ERROR_TEMPLATE_XML(
            "error_template_xml",
            null,
            "Kong's: a file whose text replaces the default XML error body; up to two %s (the message, then the request id), %% for a literal %."),
    ERROR_TEMPLATE_PLAIN(
            "error_template_plain",
            null,
            "Kong's: a file whose text replaces the default plain-text error body; up to two %s (the message, then the request id), %% for a literal %."),
    NGINX_HTTP_CLIENT_MAX_BODY_SIZE(
            "nginx_http_client_max_body_size",
            "0",
            "Largest request body in bytes (k/m suffixes); 0 = unlimited. Larger: 413."),
    NGINX_HTTP_LARGE_CLIENT_HEADER_BUFFERS(
            "nginx_http_large_client_header_buffers",
            "4 8k",
            "<number> <size>: a request line longer than size gets 414, a header line longer than size or headers over number x size in total get 400 \"Request header or cookie too large\" (nginx's 494)."),
    NGINX_HTTP_CLIENT_HEADER_TIMEOUT(
            "nginx_http_client_header_timeout",
            "60s",
            "nginx time (60s, 500ms): a client that has not sent its whole request head by then is cut."),
    NGINX_HTTP_CLIENT_BODY_TIMEOUT(
            "nginx_http_client_body_timeout",
            "60s",
            "nginx time (60s, 500ms): a client that sends nothing of its request body for that long is cut (logged 408)."),
    NGINX_HTTP_LINGERING_CLOSE(
            "nginx_http_lingering_close",
            "on",
            "on, off or always (nginx's lingering_close): which connections that close after a response read and drop their client's further input before closing, on every listener. on: when the request body was not read to its end; always: every one; off: none."),
    NGINX_HTTP_LINGERING_TIME(
            "nginx_http_lingering_time",
            "30s",
            "nginx time: the longest a closing connection's further input is read and dropped after its answer (nginx's lingering_time)."),
    NGINX_HTTP_LINGERING_TIMEOUT(
            "nginx_http_lingering_timeout",
            "5s",
            "nginx time: a lingering connection closes once its client sent nothing for that long (nginx's lingering_timeout)."),
    PROXY_REFUSE_PATH_TRAVERSAL(
            "proxy_refuse_path_traversal",
            "off",
            "Tollgate's (on/off, default off as Kong): refuse with 400 a request whose fully decoded path (%2F included) climbs out of the prefix its route matched."),
    ALLOW_DEBUG_HEADER(
            "allow_debug_header",
            "off",
            "Kong's (on/off): a request with a Kong-Debug header gets the matched route's and service's Kong-Route-Id, Kong-Route-Name, Kong-Service-Id and Kong-Service-Name response headers."),
    PORT_MAPS(
            "port_maps",
            null,
            "Kong's port mappings, comma-separated <forwarded port>:<listening port> (e.g. 80:8000, 443:8443): the port clients reached when a container or NAT forwards it to the node; X-Forwarded-Port names it. Unset: none."),
    SSL_CERT(
            "ssl_cert",
            null,
            "The TLS listeners' default certificate (presented when no SNI matches): a PEM file path or inline PEM. Unset: a self-signed certificate generated once under <prefix>/ssl. Set with ssl_cert_key when a proxy listener has ssl; then a path must name an existing file and is stored as an absolute path."),
    SSL_CERT_KEY(
            "ssl_cert_key",
            null,
            true,
            "The private key of ssl_cert: a PEM file path (checked and made absolute as ssl_cert's) or inline PEM; sensitive."),
    PLUGINS(
            "plugins",
            "bundled",
            "Kong's plugins: the plugins this node loads, a comma-separated list of plugin names where bundled stands for every bundled plugin, or off for none. Custom plugins are found on the class path and in <prefix>/plugins/*.jar; only the listed ones are enabled."),
    NODE_ID(
            "node_id",
            null,
            "This node's id in the cluster, a UUID. Unset: the id kept in <prefix>/tollgate.id, created with a random UUID on first start (Kong keeps <prefix>/kong.id), so a node keeps its id across restarts."),
    CLUSTER_TTL_ON_FAILURE(
            "cluster_ttl_on_failure",
            "3600",
            "Kong's cluster_ttl_on_failure: seconds after which the nodes row of a failed or left node is deleted (counted from its last heartbeat); greater than 0."),
    LOG_FORMAT(
            "log_format",
            "text",
            "Tollgate's: how the node's own log lines are written, text (one line per event) or json (one JSON object per line, Logback's JSON encoder, for log shippers). The access logs follow access_log_format."),
    PROXY_ERROR_LOG(
            "proxy_error_log",
            "/dev/stderr",
            "Where the node's own log goes (Kong's proxy_error_log; one log for the proxy and the Admin API): /dev/stderr, /dev/stdout, or a file (relative to the prefix unless absolute) rotated at 100 MB, keeping 5. Kong's default is logs/error.log; Tollgate keeps the console by default."),
    STATUS_LISTEN(
            "status_listen",
            "off",
            "Kong's status_listen: listeners that answer only GET /status, GET /status/ready (200 once the node is ready, else 503) and GET /metrics, for load balancers and Prometheus; comma-separated host:port [flags], or off (Tollgate's default, where Kong 3.x listens on 127.0.0.1:8007)."),
    ROUTER_FLAVOR(
            "router_flavor",
            "traditional_compatible",
            "Kong's router_flavor. Tollgate's router matches as Kong's traditional_compatible flavor (its default), which GET / reports; traditional is accepted and matched the same way, with a warning; expressions is not supported.");

    /** How a sensitive value is shown in {@code GET /}, in messages and in {@code toString()}. */
    public static final String MASK = "******";

    private static final Map<String, Property> BY_KEY =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Property::key, Function.identity()));

    private final String key;
    private final @Nullable String defaultValue;
    private final boolean sensitive;
    private final String description;

    Property(String key, @Nullable String defaultValue, String description) {
        this(key, defaultValue, false, description);
    }

    Property(String key, @Nullable String defaultValue, boolean sensitive, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.sensitive = sensitive;
        this.description = description;
    }

    /** @return Kong's property name, e.g. {@code db_update_frequency} */
    public String key() {
        return key;
    }

    /** @return the built-in default as it would be written in the file, or empty when the default is "unset" */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /**
     * @return what the property means, its unit and accepted values, in plain text (one paragraph, no markup): the
     *     text of the configuration template ({@link ConfTemplate}) and of the README's table
     */
    public String description() {
        return description;
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
