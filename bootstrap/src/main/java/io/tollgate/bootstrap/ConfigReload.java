package io.tollgate.bootstrap;

import io.tollgate.adapter.http.edge.EdgeSettings;
import io.tollgate.bootstrap.config.ConfigException;
import io.tollgate.bootstrap.config.LogLevel;
import io.tollgate.bootstrap.config.Property;
import io.tollgate.bootstrap.config.TollgateConfig;
import io.tollgate.bootstrap.lifecycle.ReloadReply;
import io.tollgate.bootstrap.lifecycle.ReloadRequest;
import io.tollgate.bootstrap.logging.Logging;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tollgate reload} on the running node (Kong's {@code kong reload}): re-reads the configuration from the same
 * sources as at start (the file the node started with, or the one the command names, and the node's environment),
 * applies the properties that can change at run time ({@link #RELOADABLE}: the log level, format and destination, the
 * proxy's edge rules, the event-log follower's and the node cache's timings, and the TLS listeners' default
 * certificate) to the requests and handshakes that start afterwards,
 * and reports the changed properties that only a restart applies. The default certificate's files are read again even
 * when their paths did not change, as Kong's reload does, so a certificate renewed in place is applied. An invalid
 * configuration or certificate changes nothing. Not thread-safe: called on the control thread only.
 */
public final class ConfigReload {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReload.class);

    /** The proxy's edge rules a reload replaces ({@link io.tollgate.adapter.http.proxy.GatewayProxy#reconfigure}). */
    private static final Set<Property> EDGE = EnumSet.of(
            Property.TRUSTED_IPS,
            Property.REAL_IP_HEADER,
            Property.REAL_IP_RECURSIVE,
            Property.HEADERS,
            Property.HEADERS_UPSTREAM,
            Property.ERROR_DEFAULT_TYPE,
            Property.ERROR_TEMPLATE_HTML,
            Property.ERROR_TEMPLATE_JSON,
            Property.ERROR_TEMPLATE_XML,
            Property.ERROR_TEMPLATE_PLAIN,
            Property.NGINX_HTTP_CLIENT_MAX_BODY_SIZE,
            Property.NGINX_HTTP_CLIENT_BODY_TIMEOUT,
            Property.PROXY_REFUSE_PATH_TRAVERSAL);

    /** The follower's and the node cache's timings, applied together ({@link Targets#timings}). */
    private static final Set<Property> TIMINGS = EnumSet.of(
            Property.DB_UPDATE_FREQUENCY,
            Property.DB_UPDATE_PROPAGATION,
            Property.DB_CACHE_TTL,
            Property.DB_CACHE_NEG_TTL,
            Property.DB_RESURRECT_TTL);

    /**
     * The properties a reload applies (the log's, {@link #EDGE}, {@link #TIMINGS} and the default certificate's); any
     * other changed property needs a restart.
     */
    public static final Set<Property> RELOADABLE = Collections.unmodifiableSet(EnumSet.copyOf(Stream.concat(
                    Stream.of(
                            Property.LOG_LEVEL,
                            Property.LOG_FORMAT,
                            Property.PROXY_ERROR_LOG,
                            Property.SSL_CERT,
                            Property.SSL_CERT_KEY),
                    Stream.concat(EDGE.stream(), TIMINGS.stream()))
            .toList()));

    /** Prepares the TLS listeners' default certificate of a reloaded configuration ({@code ssl_cert}). */
    @FunctionalInterface
    public interface DefaultCertificateSwap {
        /** For a node without TLS listeners: nothing to swap. */
        DefaultCertificateSwap NONE = next -> Optional.empty();

        /**
         * @param next the reloaded configuration
         * @return empty when its default certificate is the one in use (or no listener has one), else the action
         *     that swaps it in
         * @throws RuntimeException with a message for the operator when its files cannot be read, do not parse, or
         *     the key does not match the certificate
         */
        Optional<Runnable> prepare(TollgateConfig next);
    }

    /**
     * Where a reload's changes go.
     *
     * @param edge applies new edge rules to the proxy (and their {@code headers} to the Admin API)
     * @param logLevel applies a new {@code log_level} (the node's {@code DynamicLogLevel#reconfigured})
     * @param certificate prepares the TLS listeners' new default certificate
     * @param timings applies {@code db_update_frequency}, {@code db_update_propagation} (the event-log follower's)
     *     and {@code db_cache_ttl}, {@code db_cache_neg_ttl}, {@code db_resurrect_ttl} (the node cache's) of the
     *     reloaded configuration, called when any of them changed
     * @param configuration takes the reloaded configuration and the configuration in effect from now on as
     *     {@code GET /} shows it (see {@link #shown}; the source of the {@code nodes} row's configuration hash, beside
     *     the heartbeat interval {@code db_update_frequency}); called on every reload, after the other targets
     */
    public record Targets(
            Consumer<EdgeSettings> edge,
            Consumer<LogLevel> logLevel,
            DefaultCertificateSwap certificate,
            Consumer<TollgateConfig> timings,
            BiConsumer<TollgateConfig, Map<String, @Nullable Object>> configuration) {
        public Targets {
            Objects.requireNonNull(edge, "edge");
            Objects.requireNonNull(logLevel, "logLevel");
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(timings, "timings");
            Objects.requireNonNull(configuration, "configuration");
        }

        /** Edge rules to {@code edge}, the log level to the node's logging; no certificate, timings or display. */
        public static Targets edgeOnly(Consumer<EdgeSettings> edge) {
            return new Targets(edge, Logging::apply, DefaultCertificateSwap.NONE, next -> {}, (next, shown) -> {});
        }
    }

    private final TollgateConfig started;
    private final Function<Optional<Path>, TollgateConfig> loader;
    private final Targets targets;
    private TollgateConfig applied;

    /**
     * @param started the configuration the node started with
     * @param loader loads the configuration from the given file, or from the node's own when empty
     *     ({@link ConfigException} for an invalid one)
     * @param targets where the changes go
     */
    public ConfigReload(TollgateConfig started, Function<Optional<Path>, TollgateConfig> loader, Targets targets) {
        this.started = Objects.requireNonNull(started, "started");
        this.applied = started;
        this.loader = Objects.requireNonNull(loader, "loader");
        this.targets = Objects.requireNonNull(targets, "reload targets");
    }

    /** Reloads, applies and answers; never throws. */
    public ReloadReply reload(ReloadRequest request) {
        TollgateConfig next;
        try {
            next = loader.apply(request.file());
        } catch (ConfigException e) {
            return new ReloadReply(request.id(), false, "Error: " + e.getMessage() + " (nothing was applied)");
        } catch (RuntimeException e) {
            LOG.warn("reload: cannot read the configuration", e);
            return new ReloadReply(request.id(), false, "Error: " + e + " (nothing was applied)");
        }
        Optional<Runnable> swap;
        try {
            swap = targets.certificate().prepare(next);
        } catch (RuntimeException e) {
            String reason = Objects.requireNonNullElse(e.getMessage(), e.toString());
            return new ReloadReply(
                    request.id(), false, "Error: invalid ssl_cert: " + reason + " (nothing was applied)");
        }
        List<Property> applying = new ArrayList<>(
                changed(applied, next).stream().filter(RELOADABLE::contains).toList());
        if (swap.isPresent() && !applying.contains(Property.SSL_CERT)) {
            applying.add(Property.SSL_CERT); // renewed in place: same paths, new content
            applying.sort(null);
        }
        List<Property> restart = changed(started, next).stream()
                .filter(p -> !RELOADABLE.contains(p))
                .toList();
        if (applying.contains(Property.LOG_FORMAT) || applying.contains(Property.PROXY_ERROR_LOG)) {
            Logging.output(next.logFormat(), next.errorLog());
        }
        if (applying.contains(Property.LOG_LEVEL)) {
            targets.logLevel().accept(next.logLevel());
        }
        if (applying.stream().anyMatch(EDGE::contains)) {
            targets.edge().accept(edgeRules(started.edge(), next.edge()));
        }
        if (applying.stream().anyMatch(TIMINGS::contains)) {
            targets.timings().accept(next);
        }
        swap.ifPresent(Runnable::run);
        targets.configuration().accept(next, shown(started, next));
        applied = next;
        String text = applying.isEmpty()
                ? "Tollgate reloaded: nothing to apply"
                : "Tollgate reloaded: applied " + keys(applying);
        if (!restart.isEmpty()) {
            text += "\nchanged since start, applied only by a restart: " + keys(restart);
        }
        LOG.info(text.replace('\n', ';'));
        return new ReloadReply(request.id(), true, text);
    }

    /**
     * The rules a reload gives the proxy: the new configuration's, except the listener's own limits (header buffers,
     * header timeout, lingering times) and {@code port_maps}, which stay as the node started.
     */
    static EdgeSettings edgeRules(EdgeSettings started, EdgeSettings next) {
        return new EdgeSettings(
                next.trustedIps(),
                next.realIpHeader(),
                next.realIpRecursive(),
                next.headers(),
                next.upstreamRequestId(),
                next.errorDefaultType(),
                next.clientMaxBodySize(),
                started.headerBufferCount(),
                started.headerBufferSize(),
                started.clientHeaderTimeoutMs(),
                next.clientBodyTimeoutMs(),
                next.refusePathTraversal(),
                started.allowDebugHeader(),
                next.errorTemplates(),
                started.portMaps(),
                started.lingering());
    }

    /**
     * The configuration a node shows after a reload ({@link TollgateConfig#sanitised()}, secrets masked): the started
     * values, with the {@link #RELOADABLE} properties' values from {@code next}. Kong's {@code GET /} shows its new
     * workers' configuration after {@code kong reload}; a property only a restart applies keeps showing the value in
     * effect.
     */
    static Map<String, @Nullable Object> shown(TollgateConfig started, TollgateConfig next) {
        Map<String, @Nullable Object> shown = new LinkedHashMap<>(started.sanitised());
        Map<String, @Nullable Object> reloaded = next.sanitised();
        for (Property property : RELOADABLE) {
            shown.put(property.key(), reloaded.get(property.key()));
        }
        return shown;
    }

    /** The properties whose values differ, in {@link Property} order; secrets compared without being shown. */
    static List<Property> changed(TollgateConfig a, TollgateConfig b) {
        Map<String, @Nullable Object> shownA = a.sanitised();
        Map<String, @Nullable Object> shownB = b.sanitised();
        List<Property> changed = new ArrayList<>();
        for (Property property : Property.values()) {
            boolean differs = property.sensitive()
                    ? !Objects.equals(secret(a, property), secret(b, property))
                    : !Objects.equals(shownA.get(property.key()), shownB.get(property.key()));
            if (differs) {
                changed.add(property);
            }
        }
        return changed;
    }

    private static Object secret(TollgateConfig config, Property property) {
        return switch (property) {
            case PG_PASSWORD -> config.pgPassword();
            case SSL_CERT_KEY -> config.sslCertKey();
            case PG_RO_PASSWORD -> config.postgres().replica().flatMap(r -> r.password());
            default -> throw new IllegalStateException("no comparison for the secret property " + property.key());
        };
    }

    private static String keys(List<Property> properties) {
        return properties.stream().map(Property::key).collect(Collectors.joining(", "));
    }
}
