package io.tollgate.bootstrap.config;

import io.tollgate.application.invalidation.CacheWarmup;
import io.tollgate.domain.catalog.EntityKind;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Turns resolved raw values (defaults already applied by absence) into a validated {@link TollgateConfig}. */
final class ConfigParser {
    private ConfigParser() {}

    /**
     * Validates every property, as Kong's {@code conf_loader} does: when a value is invalid, parsing goes on with that
     * property at its default to find the other invalid ones (a rule over several properties, or a value whose
     * property is not known, ends the search).
     *
     * @param raw trimmed, non-empty values by property; a missing property takes its built-in default
     * @param warnings receives one-line warnings (e.g. an ignored listener flag), each once
     * @throws ConfigException naming the first invalid property, its {@link ConfigException#problems()} naming all
     */
    static TollgateConfig parse(Map<Property, String> raw, Consumer<String> warnings) {
        Map<Property, String> values = new HashMap<>(raw);
        Set<String> warned = new HashSet<>();
        Consumer<String> once = w -> {
            if (warned.add(w)) {
                warnings.accept(w);
            }
        };
        List<String> problems = new ArrayList<>();
        while (true) {
            try {
                TollgateConfig config = parseOnce(values, once);
                if (problems.isEmpty()) {
                    return config;
                }
                break;
            } catch (ConfigException e) {
                problems.add(e.getMessage());
                if (e.property().map(values::remove).isEmpty()) {
                    break;
                }
            }
        }
        throw ConfigException.all(problems);
    }

    private static TollgateConfig parseOnce(Map<Property, String> raw, Consumer<String> warnings) {
        var values = new Raw(raw);
        Duration dbCacheTtl = Values.seconds(Property.DB_CACHE_TTL, values.get(Property.DB_CACHE_TTL), false);
        Path prefix = Values.path(Property.PREFIX, values.get(Property.PREFIX));
        RouterFlavor.check(values.get(Property.ROUTER_FLAVOR), warnings);
        List<ListenEntry> proxyListen =
                Listeners.parse(Property.PROXY_LISTEN, values.get(Property.PROXY_LISTEN), warnings);
        return new TollgateConfig(
                prefix,
                Values.oneOf(
                        Property.DATABASE, values.get(Property.DATABASE), DatabaseMode.class, "embedded, postgres"),
                values.get(Property.PG_HOST),
                Values.port(Property.PG_PORT, values.get(Property.PG_PORT)),
                values.get(Property.PG_USER),
                values.optional(Property.PG_PASSWORD),
                values.get(Property.PG_DATABASE),
                values.optional(Property.PG_SCHEMA),
                Values.positiveMillis(Property.PG_TIMEOUT, values.get(Property.PG_TIMEOUT)),
                proxyListen,
                Listeners.parse(Property.ADMIN_LISTEN, values.get(Property.ADMIN_LISTEN), warnings),
                Values.seconds(Property.DB_UPDATE_FREQUENCY, values.get(Property.DB_UPDATE_FREQUENCY), true),
                Values.seconds(Property.DB_UPDATE_PROPAGATION, values.get(Property.DB_UPDATE_PROPAGATION), false),
                Values.onOff(Property.DB_UPDATE_PUSH, values.get(Property.DB_UPDATE_PUSH)),
                Values.seconds(Property.EVENT_LOG_RETENTION, values.get(Property.EVENT_LOG_RETENTION), false),
                Values.seconds(Property.TRAFFIC_SAMPLE_INTERVAL, values.get(Property.TRAFFIC_SAMPLE_INTERVAL), true),
                dbCacheTtl,
                values.optional(Property.DB_CACHE_NEG_TTL)
                        .map(v -> Values.seconds(Property.DB_CACHE_NEG_TTL, v, false))
                        .orElse(dbCacheTtl),
                Values.size(Property.MEM_CACHE_SIZE, values.get(Property.MEM_CACHE_SIZE)),
                Values.size(Property.PROXY_CACHE_MEMORY_SIZE, values.get(Property.PROXY_CACHE_MEMORY_SIZE)),
                Values.oneOf(
                        Property.LOG_LEVEL,
                        values.get(Property.LOG_LEVEL),
                        LogLevel.class,
                        "debug, info, notice, warn, error, crit, alert, emerg"),
                values.optional(Property.ADMIN_GUI_URL)
                        .map(v -> Values.urls(Property.ADMIN_GUI_URL, v))
                        .orElse(List.of()),
                values.optional(Property.ADMIN_ALLOWED_HOSTS)
                        .map(v -> java.util.Arrays.stream(v.split(","))
                                .map(h -> h.trim().toLowerCase(java.util.Locale.ROOT))
                                .filter(h -> !h.isEmpty())
                                .toList())
                        .orElse(List.of()),
                Values.oneOf(
                        Property.ADMIN_AUTH,
                        values.get(Property.ADMIN_AUTH),
                        io.tollgate.adapter.http.admin.AdminAuthMode.class,
                        "off, basic, token"),
                Values.nonNegativeInt(
                        Property.UPSTREAM_KEEPALIVE_POOL_SIZE, values.get(Property.UPSTREAM_KEEPALIVE_POOL_SIZE)),
                Values.nonNegativeInt(
                        Property.UPSTREAM_KEEPALIVE_MAX_REQUESTS, values.get(Property.UPSTREAM_KEEPALIVE_MAX_REQUESTS)),
                Values.seconds(
                        Property.UPSTREAM_KEEPALIVE_IDLE_TIMEOUT,
                        values.get(Property.UPSTREAM_KEEPALIVE_IDLE_TIMEOUT),
                        false),
                EdgeProperties.parse(p -> values.optional(p).orElse(null)),
                sslFile(values, proxyListen, Property.SSL_CERT, "certificate"),
                sslFile(values, proxyListen, Property.SSL_CERT_KEY, "key"),
                plugins(values.get(Property.PLUGINS)),
                logFile(prefix, Property.PROXY_ACCESS_LOG, values.get(Property.PROXY_ACCESS_LOG)),
                logFile(prefix, Property.ADMIN_ACCESS_LOG, values.get(Property.ADMIN_ACCESS_LOG)),
                values.optional(Property.NODE_ID).map(v -> Values.uuid(Property.NODE_ID, v)),
                Values.seconds(Property.CLUSTER_TTL_ON_FAILURE, values.get(Property.CLUSTER_TTL_ON_FAILURE), true),
                Values.oneOf(Property.LOG_FORMAT, values.get(Property.LOG_FORMAT), LogFormat.class, "text, json"),
                ErrorLog.parse(prefix, values.get(Property.PROXY_ERROR_LOG)),
                GuiProperties.parse(p -> values.optional(p).orElse(null), prefix, warnings),
                Listeners.parse(Property.STATUS_LISTEN, values.get(Property.STATUS_LISTEN), warnings),
                Values.seconds(Property.DB_RESURRECT_TTL, values.get(Property.DB_RESURRECT_TTL), false),
                warmupEntities(values.get(Property.DB_CACHE_WARMUP_ENTITIES)),
                PostgresProperties.parse(p -> values.optional(p).orElse(null)),
                Values.oneOf(
                        Property.ACCESS_LOG_FORMAT,
                        values.get(Property.ACCESS_LOG_FORMAT),
                        io.tollgate.adapter.http.AccessLogFormat.class,
                        "combined, json"),
                socketPath(prefix, Property.SYSLOG_SOCKET_PATH, values.get(Property.SYSLOG_SOCKET_PATH)),
                values.optional(Property.VAULT_ENV_PREFIX)
                        .map(String::trim)
                        .filter(v -> !v.isEmpty())
                        .map(ConfigParser::vaultEnvPrefix));
    }

    /** Kong's {@code vault_env_prefix}: the env vault's {@code prefix} pattern. */
    static String vaultEnvPrefix(String value) {
        if (!io.tollgate.domain.vault.Vaults.isEnvPrefix(value)) {
            throw ConfigException.invalid(
                    Property.VAULT_ENV_PREFIX,
                    value,
                    "must start with a letter, _ or - and hold only letters, digits, _ and -");
        }
        return value;
    }

    /**
     * Kong's {@code db_cache_warmup_entities}: comma-separated entity names (Kong's, e.g. {@code keyauth_credentials}),
     * each once, each one {@link CacheWarmup#WARMABLE}.
     */
    static List<EntityKind> warmupEntities(String value) {
        List<EntityKind> kinds = new java.util.ArrayList<>();
        for (String token : value.split(",", -1)) {
            String name = token.trim();
            EntityKind kind = EntityKind.byKongName(name)
                    .filter(CacheWarmup.WARMABLE::contains)
                    .orElseThrow(
                            () -> ConfigException.invalid(
                                    Property.DB_CACHE_WARMUP_ENTITIES,
                                    value,
                                    "'" + name + "' cannot be warmed up (expected services, consumers,"
                                            + " keyauth_credentials, basicauth_credentials, hmacauth_credentials, jwt_secrets)"));
            if (kinds.contains(kind)) {
                throw ConfigException.invalid(Property.DB_CACHE_WARMUP_ENTITIES, value, "lists '" + name + "' twice");
            }
            kinds.add(kind);
        }
        return kinds;
    }

    /**
     * Kong's {@code plugins}: comma-separated plugin names ({@code bundled} included), each once; lower-case letters,
     * digits, {@code -} and {@code _}. As Kong's, a list whose first entry is {@code off} loads no plugin, and an
     * {@code off} further in the list is ignored ({@code key-auth, off, basic-auth} loads the two).
     */
    static List<String> plugins(String value) {
        List<String> names = new java.util.ArrayList<>();
        for (String token : value.split(",", -1)) {
            String name = token.trim();
            if (name.equals("off")) {
                if (names.isEmpty()) {
                    return List.of();
                }
                continue;
            }
            if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
                throw ConfigException.invalid(Property.PLUGINS, value, "has an invalid plugin name '" + name + "'");
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /** Kong's log file properties: {@code off}, or a path, relative to the prefix unless absolute. */
    static Optional<Path> logFile(Path prefix, Property property, String value) {
        String v = value.trim();
        if (v.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        if (v.isEmpty()) {
            throw ConfigException.invalid(property, value, "is neither a path nor off");
        }
        try {
            return Optional.of(prefix.resolve(Path.of(v)).normalize());
        } catch (java.nio.file.InvalidPathException e) {
            throw ConfigException.invalid(property, value, "is not a valid path");
        }
    }

    /**
     * A Unix socket's path: resolved against the prefix unless absolute, at most 107 bytes in UTF-8 (the kernel's
     * {@code sun_path} holds 108 with its terminating zero).
     */
    static Path socketPath(Path prefix, Property property, String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            throw ConfigException.invalid(property, value, "is not a path");
        }
        Path path;
        try {
            path = prefix.resolve(Path.of(v)).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw ConfigException.invalid(property, value, "is not a valid path");
        }
        if (path.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 107) {
            throw ConfigException.invalid(property, value, "is longer than a Unix socket path may be (107 bytes)");
        }
        return path;
    }

    /**
     * Kong's rules for {@code ssl_cert} and {@code ssl_cert_key} when a proxy listener has the {@code ssl} flag: set
     * together or not at all ({@code ssl_cert_key must be specified}, Kong's message); a value that is not inline PEM
     * names an existing file ({@code ssl_cert: failed loading certificate from <path>}, {@code ssl_cert_key: failed
     * loading key from <path>}, Kong's messages; the certificate's checked first), kept as an absolute path. Without a
     * TLS proxy listener Kong does not check them; an unpaired value is then unused (the node's generated certificate
     * serves the other TLS listeners, as Kong's {@code admin_ssl_cert} etc. default to theirs).
     *
     * @param what {@code certificate} or {@code key}, for the message
     */
    private static Optional<String> sslFile(Raw values, List<ListenEntry> proxyListen, Property property, String what) {
        Optional<String> cert = values.optional(Property.SSL_CERT);
        Optional<String> key = values.optional(Property.SSL_CERT_KEY);
        if (proxyListen.stream().noneMatch(ListenEntry::ssl)) {
            return values.optional(property);
        }
        if (cert.isPresent() != key.isPresent()) {
            Property missing = cert.isPresent() ? Property.SSL_CERT_KEY : Property.SSL_CERT;
            throw new ConfigException(missing.key() + " must be specified");
        }
        return values.optional(property).map(v -> existingFile(property, v, what));
    }

    /** {@code value} when it is inline PEM, else its absolute path, which must name a file. */
    private static String existingFile(Property property, String value, String what) {
        if (value.contains("-----BEGIN")) {
            return value;
        }
        Path path;
        try {
            path = Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            path = null;
        }
        if (path == null || !Files.isRegularFile(path)) {
            throw new ConfigException(property.key() + ": failed loading " + what + " from " + value);
        }
        return path.toString();
    }

    private record Raw(Map<Property, String> values) {
        Optional<String> optional(Property p) {
            return Optional.ofNullable(values.get(p)).or(p::defaultValue);
        }

        String get(Property p) {
            return optional(p).orElseThrow(() -> new IllegalStateException(p.key() + " has no default"));
        }
    }
}
