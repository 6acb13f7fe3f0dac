package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.integer;
import static io.tollgate.domain.schema.Fields.map;
import static io.tollgate.domain.schema.Fields.number;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.application.plugin.spi.JsonCodec;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.net.HostAddress;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.Checks;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code http-log} (priority 12): in {@code log}, queues Kong's log serializer object and sends it to
 * {@code http_endpoint} with {@code method} (POST, PUT or PATCH) and {@code Content-Type: content_type}, plus the
 * configured {@code headers} ({@code Authorization: Basic …} from the endpoint's user info). One queue per distinct
 * config ({@link LogQueue}: batching, coalescing, retries with back-off, bounded): a batch of one entry is sent as
 * the JSON object, a larger batch as a JSON array. A delivery succeeds on a status below 300; anything else (or no
 * answer within {@code timeout} ms) is retried. Never delays a response: the log phase only queues.
 *
 * <p>As Kong, an {@code https} endpoint's certificate is not verified unless {@code ssl_verify} (Kong 3.13+, default
 * {@code false}) is set: then the certificate must chain to the JVM's trusted authorities and name the endpoint's
 * host, else the attempt fails (and is retried) like any other. The deprecated {@code queue_size} and
 * {@code flush_timeout} stand for {@code queue.max_batch_size} and {@code queue.max_coalescing_delay} while those have
 * their defaults (with a warning, as the deprecated {@code retry_count}, which does nothing).
 *
 * <p>{@code custom_fields_by_lua} is applied when its code returns a constant or a PDK getter ({@link CustomFields}).
 * Accepted but not acted on: {@code keepalive} (the JDK client keeps its own idle connections) and {@code retry_count}.
 */
public final class HttpLog implements TollgatePlugin {

    private static final System.Logger LOG = System.getLogger(HttpLog.class.getName());

    static final PluginDefinition DEFINITION = new PluginDefinition(
            "http-log",
            12,
            PluginCatalog.VERSION,
            RecordSchema.of(
                            string("http_endpoint")
                                    .required()
                                    .rule(Redirect.url())
                                    .referenceable(),
                            string("method").required().defaultValue("POST").rule(Rules.oneOf("POST", "PUT", "PATCH")),
                            string("content_type")
                                    .required()
                                    .defaultValue("application/json")
                                    .rule(Rules.oneOf("application/json", "application/json; charset=utf-8")),
                            number("timeout").required().defaultValue(10000.0),
                            number("keepalive").required().defaultValue(60000.0),
                            bool("ssl_verify").required().defaultValue(false),
                            integer("retry_count"),
                            integer("queue_size"),
                            number("flush_timeout"),
                            map("headers", string("value").referenceable()).rule(HttpLog::headerNames),
                            LogPluginSchemas.queue(),
                            LogPluginSchemas.customFieldsByLua())
                    .withCheck(Checks.recordValidator((values, errors) -> {
                        if (values.get("http_endpoint") instanceof String endpoint
                                && values.get("headers") instanceof Map<?, ?> headers
                                && URI.create(safe(endpoint)).getRawUserInfo() != null
                                && headers.keySet().stream()
                                        .anyMatch(k -> "authorization".equalsIgnoreCase(String.valueOf(k)))) {
                            errors.record("specifying both an 'Authorization' header and user info in 'http_endpoint'"
                                    + " is not allowed");
                        }
                    })),
            false);

    @Override
    public PluginDefinition definition() {
        return DEFINITION;
    }

    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        return new Handler(environment.json());
    }

    private static java.util.Optional<String> headerNames(Object value) {
        for (Object key : ((Map<?, ?>) value).keySet()) {
            String name = String.valueOf(key).toLowerCase(Locale.ROOT);
            switch (name) {
                case "host" -> {
                    return java.util.Optional.of("cannot contain 'Host' header");
                }
                case "content-length" -> {
                    return java.util.Optional.of("cannot contain 'Content-Length' header");
                }
                case "content-type" -> {
                    return java.util.Optional.of("cannot contain 'Content-Type' header");
                }
                default -> {
                    java.util.Optional<String> invalid = Rules.headerName().check(key);
                    if (invalid.isPresent()) {
                        return invalid;
                    }
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static String safe(String endpoint) {
        try {
            URI.create(endpoint);
            return endpoint;
        } catch (IllegalArgumentException e) {
            return "http://invalid";
        }
    }

    /**
     * Finds an instance's queue without hashing its config on every request: the instance's id and the identity of
     * its config map, which the plugin index builds once per stored version of the instance (a new version gets a new
     * queue; the old one drains and is forgotten).
     */
    private record QueueKey(@Nullable UUID instanceId, Map<String, @Nullable Object> values) {

        QueueKey(PluginConfig config) {
            this(config.instanceId(), config.values());
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof QueueKey key && Objects.equals(instanceId, key.instanceId) && values == key.values;
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(instanceId) + System.identityHashCode(values);
        }
    }

    /**
     * The HTTP/1.1 clients every http-log queue of the JVM sends with (connect timeout 10 s), created on first use (the
     * holder class is initialised then): {@link #UNVERIFIED} for Kong's default {@code ssl_verify = false}
     * ({@link UnverifiedTls}), {@link #VERIFIED} for {@code ssl_verify = true} (the JVM's trusted authorities and
     * host-name check).
     */
    private static final class Client {
        static final HttpClient UNVERIFIED = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .sslContext(UnverifiedTls.context())
                .build();
        static final HttpClient VERIFIED = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();

        private Client() {}
    }

    /**
     * The node's handler: one queue per plugin instance and config version (forgotten once idle and empty, so configs
     * that changed or went leave nothing behind), the shared HTTP client ({@link Client}), created at the first batch sent:
     * a node without http-log never starts the JDK client's selector thread nor loads its TLS set-up.
     */
    static final class Handler implements PluginHandler {

        private final JsonCodec json;
        private final ConcurrentMap<QueueKey, LogQueue> queues = new ConcurrentHashMap<>();

        Handler(JsonCodec json) {
            this.json = json;
        }

        @Override
        public void log(PluginContext context, PluginConfig config) {
            byte[] entry = json.write(CustomFields.logEntry(context, config));
            queues.computeIfAbsent(new QueueKey(config), key -> newQueue(key, config))
                    .offer(entry);
        }

        private LogQueue newQueue(QueueKey key, PluginConfig config) {
            String endpoint = config.string("http_endpoint", "");
            LogQueue.Settings settings = legacy(LogQueue.Settings.of(config), config);
            return new LogQueue(
                    "http-log " + withoutUserInfo(endpoint),
                    settings,
                    batch -> send(config, settings.maxBatchSize() == 1, batch),
                    LogQueue.IDLE_EXIT_MS,
                    idle -> queues.remove(key, idle));
        }

        /**
         * Kong's conversion of the deprecated queue fields: {@code queue_size} and {@code flush_timeout} replace
         * {@code queue.max_batch_size} and {@code queue.max_coalescing_delay} while those have their defaults; each
         * deprecated field given is warned about ({@code retry_count} does nothing).
         */
        private static LogQueue.Settings legacy(LogQueue.Settings settings, PluginConfig config) {
            Map<String, @Nullable Object> values = config.values();
            int batch = settings.maxBatchSize();
            double delay = settings.maxCoalescingDelay();
            if (values.get("retry_count") instanceof Number) {
                LOG.log(Level.WARNING, "deprecated `retry_count` parameter in plugin http-log ignored");
            }
            if (values.get("queue_size") instanceof Number size && batch == 1) {
                LOG.log(
                        Level.WARNING,
                        "deprecated `queue_size` parameter in plugin http-log converted to"
                                + " `queue.max_batch_size`");
                batch = Math.max(1, size.intValue());
            }
            if (values.get("flush_timeout") instanceof Number timeout && delay == 1.0) {
                LOG.log(
                        Level.WARNING,
                        "deprecated `flush_timeout` parameter in plugin http-log converted to"
                                + " `queue.max_coalescing_delay`");
                delay = timeout.doubleValue();
            }
            return new LogQueue.Settings(
                    batch,
                    delay,
                    settings.maxEntries(),
                    settings.maxRetryTime(),
                    settings.initialRetryDelay(),
                    settings.maxRetryDelay());
        }

        private void send(PluginConfig config, boolean single, List<byte[]> batch)
                throws IOException, InterruptedException {
            URI endpoint = URI.create(config.string("http_endpoint", ""));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(withoutUserInfo(endpoint.toString())))
                    .timeout(Duration.ofMillis(Math.max(1, (long) config.number("timeout", 10000))))
                    .header("Content-Type", config.string("content_type", "application/json"))
                    .method(
                            config.string("method", "POST"),
                            HttpRequest.BodyPublishers.ofByteArray(body(single, batch)));
            if (endpoint.getRawUserInfo() != null) {
                String userInfo = URLDecoder.decode(endpoint.getRawUserInfo(), StandardCharsets.UTF_8);
                request.header(
                        "Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
            }
            if (config.values().get("headers") instanceof Map<?, ?> headers) {
                headers.forEach((name, value) -> {
                    try {
                        request.header(String.valueOf(name), String.valueOf(value));
                    } catch (IllegalArgumentException restricted) {
                        // Connection, Expect, Upgrade: the client manages them itself
                    }
                });
            }
            int port = endpoint.getPort() >= 0 ? endpoint.getPort() : HostAddress.defaultPort(endpoint.getScheme());
            String target = endpoint.getHost() + ":" + port;
            HttpResponse<Void> response;
            try {
                HttpClient client = config.bool("ssl_verify", false) ? Client.VERIFIED : Client.UNVERIFIED;
                response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            } catch (HttpTimeoutException e) {
                throw new IOException("failed request to " + target + ": timeout", e);
            } catch (IOException e) {
                throw new IOException("failed request to " + target + ": " + e, e);
            }
            if (response.statusCode() >= 300) {
                throw new IOException("request to " + target + " returned status code " + response.statusCode());
            }
        }

        private static byte[] body(boolean single, List<byte[]> batch) {
            if (single && batch.size() == 1) {
                return batch.get(0);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write('[');
            for (int i = 0; i < batch.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.writeBytes(batch.get(i));
            }
            out.write(']');
            return out.toByteArray();
        }

        private static String withoutUserInfo(String endpoint) {
            int scheme = endpoint.indexOf("://");
            int at = endpoint.indexOf('@');
            int slash = scheme < 0 ? -1 : endpoint.indexOf('/', scheme + 3);
            if (scheme < 0 || at < 0 || (slash >= 0 && at > slash)) {
                return endpoint;
            }
            return endpoint.substring(0, scheme + 3) + endpoint.substring(at + 1);
        }
    }
}
