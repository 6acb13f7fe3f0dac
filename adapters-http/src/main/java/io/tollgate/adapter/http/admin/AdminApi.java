package io.tollgate.adapter.http.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.tollgate.adapter.http.edge.KongHeaders;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.DatabaseUnavailable;
import io.tollgate.application.port.WritePositions;
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
import io.tollgate.domain.shared.Rejection;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kong's Admin API (kong-internals §2.6, §7) as one Undertow {@link HttpHandler}, for the {@code admin_listen}
 * listeners.
 *
 * <p>Endpoints: the generic CRUD endpoints of every entity resource ({@code /services}, {@code /routes},
 * {@code /consumers}, {@code /plugins}, {@code /key-auths}, {@code /upstreams}, {@code /certificates}, {@code /snis},
 * {@code /ca_certificates} and their nested forms such as {@code /services/{id|name}/routes},
 * {@code /consumers/{c}/key-auth/{id|key}}, {@code /certificates/{id}/snis} or
 * {@code /upstreams/{id|name}/targets/{id|target}} (targets exist only there)); {@code GET /},
 * {@code GET /status}, {@code GET /plugins/enabled}, {@code GET /metrics} (Prometheus' text format,
 * {@link MetricsEndpoints}), {@code GET /timers} ({@link TimerEndpoints}); {@code GET|DELETE /cache},
 * {@code GET|DELETE /cache/{key}};
 * the single-reference endpoints ({@code /routes/{r}/service}); the health endpoints below upstreams
 * ({@link HealthEndpoints}: {@code GET /upstreams/{u}/health}, {@code PUT|POST .../targets/{t}/healthy|unhealthy});
 * the dynamic log level ({@link DebugEndpoints}: {@code GET /debug/node/log-level},
 * {@code PUT /debug/node/log-level/{level}}, {@code PUT /debug/cluster/log-level/{level}});
 * {@code GET /tags[/{tag}]}; the configuration history ({@link HistoryEndpoints}: {@code GET /history},
 * {@code GET /{entities}/{id|key}/history}, {@code GET /upstreams/{u}/targets/{t}/history}); cluster membership
 * ({@link ClusterEndpoints}: {@code GET /clustering/nodes[/{id}]}, {@code GET /clustering/await}; Kong Manager's
 * {@code GET /clustering/data-planes} and {@code GET /clustering/status}, {@link DataPlaneEndpoints}); introspection
 * ({@code /schemas/…}, {@code GET /endpoints}) and {@code GET /openapi.json}, all derived from the same routes table.
 * Lists accept Kong's {@code ?tags=} filter. CORS headers follow {@code admin_gui_url} ({@link Cors}). With
 * {@code admin_auth} on, every request but a CORS preflight needs an admin account's credentials ({@link AdminAccess}).
 * Bodies may be JSON, urlencoded or multipart forms (Kong's form syntax); responses are JSON
 * ({@code application/json; charset=utf-8}) with an {@code X-Kong-Admin-Latency} header in milliseconds and
 * {@code Server: tollgate/<version>} (Kong's {@code kong/<version>}, same version as {@code GET /}). {@code HEAD}
 * answers like {@code GET} without a body wherever {@code GET} is answered; {@code OPTIONS} answers 204 with
 * {@code Allow} listing the methods, {@code HEAD} and {@code OPTIONS} included, sorted (Kong's api_helpers).
 *
 * <p>Errors follow Kong: a {@link Rejection} answers its code's status (409 for code 5, 404 for 6, 405 for 12,
 * else 400) with {@code {code, name, message, fields}}; {@link DatabaseUnavailable} answers 503
 * {@code {"message": …}}; unknown paths 404 {@code {"message":"Not found"}}; other methods 405
 * {@code {"message":"Method not allowed"}}; anything unexpected 500 {@code {"message":"An unexpected error
 * occurred"}}, logged with its stack trace.
 *
 * <p>Every request is handled on an Undertow worker thread, never on an IO thread, since the ports block (the long
 * poll {@code /clustering/await} holds its worker thread for at most 60 s).
 */
@Singleton
public final class AdminApi {

    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    private static final Set<String> GET = Set.of("GET");

    private final AdminRouter router;
    /** Tollgate's header on Admin API writes: the log position to await ({@code GET /clustering/await}). */
    static final HttpString LOG_POSITION = new HttpString("X-Tollgate-Log-Position");

    private final @Nullable WritePositions positions;
    /**
     * Kong's status API ({@code status_listen}): {@code /status}, {@code /status/ready} and {@code /status/unready}
     * ({@link ReadinessEndpoints}), {@code /metrics}.
     */
    private final Map<String, Endpoint> status;

    private final HealthEndpoints health;
    private final Cors cors;
    private final AdminAccess access;
    private final BrowserGuard guard;
    private final DescribeNode node;
    private final DatabaseOutages outages;
    private volatile @Nullable ObjectNode openApi;
    private volatile @Nullable String server;
    /** Kong's {@code headers}: which of {@code Server} and {@code X-Kong-Admin-Latency} responses carry. */
    private volatile Tokens tokens;

    /**
     * @param statistics the HTTP server's counters for {@code GET /status} ({@link ServerStatistics#NONE} if none)
     * @param settings {@code admin_gui_url}, for the CORS headers; which of Kong's headers responses carry
     * @param metrics what the plugins recorded, for {@code GET /metrics} (node-level families only when empty)
     * @param proxyCache the proxy-cache plugin's store, for the {@code /proxy-cache} endpoints (absent: none)
     * @param accessSettings {@code admin_auth} ({@link AdminAccess})
     * @param authenticate verifies admin credentials when {@code admin_auth} is on
     * @param traffic the cluster's traffic series, for {@code GET /clustering/traffic} (absent: no such endpoint)
     * @param export the configuration at a moment, for {@code GET /history/export} (absent: no such endpoint)
     * @param positions where a write landed in the event log, answered as {@code X-Tollgate-Log-Position} (absent: no
     *     header)
     * @param outages the node's record of database outages: each call answered 503 during one counts there
     * @param logLevel the node's dynamic log level, for {@code /debug/node/log-level} (absent: no such endpoints)
     * @param clusterLogLevel the cluster's, for {@code /debug/cluster/log-level/{level}} (absent: no such endpoint)
     * @param timers the node's timers, for {@code GET /timers} (absent: no such endpoint)
     * @throws IllegalArgumentException when an {@code admin_gui_url} is not an absolute URL
     */
    @Inject
    public AdminApi(
            AdministerEntities entities,
            BrowseEntities browse,
            AdministerReferences references,
            InspectCache cache,
            DescribeNode node,
            ServerStatistics statistics,
            AdminSettings settings,
            ManageTargetHealth targetHealth,
            BrowseHistory history,
            BrowseCluster cluster,
            Optional<MetricsSource> metrics,
            Optional<ManageProxyCache> proxyCache,
            AdminAccessSettings accessSettings,
            AuthenticateAdmin authenticate,
            Optional<BrowseTraffic> traffic,
            Optional<ExportConfiguration> export,
            Optional<WritePositions> positions,
            DatabaseOutages outages,
            Optional<NodeLogLevel> logLevel,
            Optional<ClusterLogLevel> clusterLogLevel,
            Optional<InspectTimers> timers) {
        this.positions = positions.orElse(null);
        this.outages = Objects.requireNonNull(outages, "outages");
        Objects.requireNonNull(entities, "entities");
        this.access = new AdminAccess(accessSettings.mode(), authenticate);
        this.health = new HealthEndpoints(targetHealth, node);
        this.node = Objects.requireNonNull(node, "node");
        this.tokens = new Tokens(settings.serverHeader(), settings.latencyHeader());
        this.cors = new Cors(settings.adminGuiUrl(), accessSettings.mode() != AdminAuthMode.OFF);
        this.guard = new BrowserGuard(
                settings.adminGuiUrl().stream().map(Cors::origin).toList(),
                settings.adminAllowedHosts(),
                machineName());
        CacheEndpoints cacheEndpoints = new CacheEndpoints(cache);
        MetricsEndpoints metricsEndpoints = new MetricsEndpoints(
                node,
                statistics,
                metrics.orElse(() -> MetricSnapshots.builder().build()),
                new UpstreamHealthFamily(entities, targetHealth),
                cache,
                new ClusterFamilies(cluster),
                timers.orElse(null));
        NodeEndpoints nodeEndpoints = new NodeEndpoints(node, statistics, cache, metricsEndpoints);
        TagEndpoints tagEndpoints = new TagEndpoints(browse);
        HistoryEndpoints historyEndpoints = new HistoryEndpoints(history);
        SchemaEndpoints schemaEndpoints = new SchemaEndpoints(AdminResource.CORE);
        ClusterEndpoints clusterEndpoints = new ClusterEndpoints(cluster);
        Map<String, Endpoint> fixed = new HashMap<>();
        fixed.put("/", nodeEndpoints.root());
        fixed.put("/status", nodeEndpoints.status());
        fixed.put("/plugins/enabled", nodeEndpoints.enabledPlugins());
        fixed.put("/config", NodeEndpoints.declarativeConfig());
        fixed.put("/metrics", metricsEndpoints.metrics());
        Map<String, Endpoint> statusApi = new HashMap<>(new ReadinessEndpoints(nodeEndpoints::reachable).endpoints());
        statusApi.put("/status", fixed.get("/status"));
        statusApi.put("/metrics", fixed.get("/metrics"));
        this.status = Map.copyOf(statusApi);
        fixed.put("/cache", cacheEndpoints.all());
        fixed.put("/tags", tagEndpoints.all());
        fixed.put(HistoryEndpoints.PATH, historyEndpoints.all());
        fixed.put(ClusterEndpoints.NODES, clusterEndpoints.nodes());
        fixed.put(ClusterEndpoints.AWAIT, clusterEndpoints.await());
        traffic.ifPresent(t -> fixed.put(TrafficEndpoints.PATH, new TrafficEndpoints(t).traffic()));
        export.ifPresent(e -> fixed.put(ExportEndpoints.PATH, new ExportEndpoints(e).export()));
        timers.ifPresent(t -> fixed.put(TimerEndpoints.PATH, new TimerEndpoints(t).timers()));
        DataPlaneEndpoints dataPlanes = new DataPlaneEndpoints(cluster);
        fixed.put(DataPlaneEndpoints.DATA_PLANES, dataPlanes.dataPlanes());
        fixed.put(DataPlaneEndpoints.STATUS, dataPlanes.status());
        fixed.put("/endpoints", SchemaEndpoints.endpoints(this::routes));
        fixed.put("/openapi.json", new Endpoint(GET, (method, exchange) -> Responses.json(exchange, 200, openApi())));
        Map<String, Function<String, @Nullable Endpoint>> prefixed = new HashMap<>(Map.of(
                ClusterEndpoints.NODE_PREFIX,
                clusterEndpoints::node,
                "/cache/",
                cacheEndpoints::key,
                "/tags/",
                tagEndpoints::tagged,
                SchemaEndpoints.PREFIX,
                schemaEndpoints::route));
        List<AdminRoute> prefixedRoutes = new ArrayList<>(SchemaEndpoints.ROUTES);
        if (proxyCache.isPresent()) {
            ProxyCacheEndpoints proxyCacheEndpoints = new ProxyCacheEndpoints(proxyCache.get());
            fixed.put("/proxy-cache", proxyCacheEndpoints.all());
            prefixed.put("/proxy-cache/", proxyCacheEndpoints::path);
            prefixedRoutes.addAll(ProxyCacheEndpoints.ROUTES);
        }
        if (logLevel.isPresent()) {
            DebugEndpoints debug = new DebugEndpoints(logLevel.get(), clusterLogLevel.orElse(null));
            fixed.put(DebugEndpoints.PATH, debug.current());
            prefixed.put(DebugEndpoints.PREFIX, debug::change);
            prefixedRoutes.addAll(DebugEndpoints.ROUTES);
            if (clusterLogLevel.isPresent()) {
                prefixed.put(DebugEndpoints.CLUSTER_PREFIX, debug::changeEverywhere);
                prefixedRoutes.add(DebugEndpoints.CLUSTER_ROUTE);
            }
        }
        prefixedRoutes.add(AdminRoute.other("/cache/{key}", Set.of("GET", "DELETE")));
        prefixedRoutes.add(AdminRoute.other("/tags/{tags}", GET));
        prefixedRoutes.addAll(HealthEndpoints.ROUTES);
        prefixedRoutes.add(ClusterEndpoints.NODE_ROUTE);
        this.router = new AdminRouter(
                AdminResource.CORE,
                new EntityEndpoints(entities, browse),
                new ReferenceEndpoints(entities, references),
                historyEndpoints,
                fixed,
                prefixed,
                prefixedRoutes);
    }

    /** Every path template the Admin API answers, with its methods, in Kong's {@code /endpoints} order. */
    List<AdminRoute> routes() {
        return router.routes();
    }

    /** The OpenAPI document, generated once from the routes and the schemas. */
    ObjectNode openApi() {
        ObjectNode doc = openApi;
        if (doc == null) {
            doc = OpenApiDocument.of(routes(), node.info().version());
            openApi = doc;
        }
        return doc;
    }

    /**
     * Applies a new value of Kong's {@code headers} ({@code tollgate reload}, as Kong's {@code kong reload} gives its
     * new workers the new configuration): whether the Admin API's and the status API's responses carry {@code Server}
     * ({@link KongHeaders#server()}) and {@code X-Kong-Admin-Latency} ({@link KongHeaders#adminLatency()}), from the
     * next request that starts. Thread-safe.
     *
     * @param headers the reloaded {@code headers} property
     */
    public void reconfigure(KongHeaders headers) {
        tokens = new Tokens(headers.server(), headers.adminLatency());
    }

    /** The root handler for the admin listeners; it dispatches each request to a worker thread. */
    public HttpHandler handler() {
        HttpHandler blocking = new BlockingHandler(this::dispatch);
        return exchange -> {
            if (tokens.latency()) {
                Responses.markStart(exchange);
            }
            blocking.handleRequest(exchange);
        };
    }

    /**
     * Kong's {@code Allow} list: the endpoint's methods, {@code HEAD} wherever {@code GET} is answered, and
     * {@code OPTIONS}, sorted ({@code "GET, HEAD, OPTIONS"} for {@code /}).
     */
    static Set<String> allowed(Endpoint endpoint) {
        Set<String> allowed = new TreeSet<>(endpoint.methods());
        if (allowed.contains("GET")) {
            allowed.add("HEAD");
        }
        allowed.add("OPTIONS");
        return allowed;
    }

    /** This machine's host name (from the environment or the kernel, no DNS lookup), or {@code null}. */
    private static @Nullable String machineName() {
        String name = System.getenv("HOSTNAME");
        if (name != null && !name.isBlank()) {
            return name.trim();
        }
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname"))
                    .trim();
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /** Kong's {@code Server: kong/<version>} with Tollgate's name: {@code tollgate/<the version GET / reports>}. */
    private String server() {
        String token = server;
        if (token == null) {
            token = "tollgate/" + node.info().version();
            server = token;
        }
        return token;
    }

    private void dispatch(HttpServerExchange exchange) {
        String method = exchange.getRequestMethod().toString();
        guarded(exchange, method, (m, x) -> serve(x, m));
    }

    private void serve(HttpServerExchange exchange, String method) throws Exception {
        if (tokens.server()) {
            exchange.getResponseHeaders().put(Headers.SERVER, server());
        }
        RequestTarget.decode(exchange);
        WritePositions written = positions;
        if (written != null) {
            // the request's writes run on this worker thread; the header goes out with the response head
            written.clear();
            exchange.addResponseCommitListener(x ->
                    written.last().ifPresent(p -> x.getResponseHeaders().put(LOG_POSITION, Long.toString(p))));
        }
        cors.apply(exchange);
        if (Cors.isPreflight(exchange)) {
            Cors.preflight(exchange);
            return;
        }
        access.check(exchange);
        guard.check(exchange);
        ArgumentLimits.checkQuery(exchange);
        String path = exchange.getRequestPath();
        Endpoint endpoint = health.match(path).or(() -> router.match(path)).orElseThrow(ClientError::notFound);
        if (method.equals("OPTIONS")) {
            String allowed = String.join(", ", allowed(endpoint));
            exchange.getResponseHeaders().put(Headers.ALLOW, allowed).put(ALLOW_METHODS, allowed);
            Cors.allowHeaders(exchange);
            Responses.empty(exchange, 204);
            return;
        }
        invoke(endpoint, method, exchange);
    }

    /** Runs {@code endpoint} for {@code method}: HEAD as GET, 405 for a method it does not answer. */
    private static void invoke(Endpoint endpoint, String method, HttpServerExchange exchange) throws Exception {
        // Kong's api_helpers answer HEAD with the GET handler; Undertow sends no body for HEAD
        String served = method.equals("HEAD") && endpoint.methods().contains("GET") ? "GET" : method;
        if (!endpoint.methods().contains(served)) {
            throw ClientError.methodNotAllowed();
        }
        endpoint.action().handle(served, exchange);
    }

    /**
     * The root handler for Kong's {@code status_listen} listeners (Kong's status API): {@code GET /status},
     * {@code GET /metrics} as the Admin API answers them, readiness ({@link ReadinessEndpoints}), and Kong's 404
     * for anything else. No CORS, no {@code admin_auth}: like Kong's, it is meant for load balancers and Prometheus on
     * a trusted network.
     */
    public HttpHandler statusHandler() {
        HttpHandler blocking = new BlockingHandler(exchange -> {
            String method = exchange.getRequestMethod().toString();
            guarded(exchange, method, (m, x) -> {
                if (tokens.server()) {
                    x.getResponseHeaders().put(Headers.SERVER, server());
                }
                Endpoint endpoint = status.get(x.getRequestPath());
                if (endpoint == null) {
                    throw ClientError.notFound();
                }
                invoke(endpoint, m, x);
            });
        });
        return exchange -> {
            if (tokens.latency()) {
                Responses.markStart(exchange);
            }
            blocking.handleRequest(exchange);
        };
    }

    /** Runs {@code work}, answering what it throws in Kong's error shapes (see the class comment). */
    private void guarded(HttpServerExchange exchange, String method, Endpoint.Action work) {
        try {
            work.handle(method, exchange);
        } catch (ClientError e) {
            respond(exchange, () -> Responses.clientError(exchange, e));
        } catch (Rejection e) {
            respond(exchange, () -> Responses.rejection(exchange, e));
        } catch (DatabaseUnavailable e) {
            // logged once per outage (start, end, counts) instead of a stack trace per call
            outages.record(DatabaseOutages.Effect.ADMIN_REFUSED, e);
            LOG.debug("database unavailable for {} {}", method, exchange.getRequestPath(), e);
            String message = e.getMessage() == null ? "database unavailable" : e.getMessage();
            respond(exchange, () -> Responses.message(exchange, 503, message));
        } catch (Exception e) {
            LOG.error("unexpected error in {} {}", method, exchange.getRequestPath(), e);
            respond(exchange, () -> Responses.message(exchange, 500, "An unexpected error occurred"));
        }
    }

    /** Writes an error response unless one was already started (then the connection just ends). */
    private static void respond(HttpServerExchange exchange, Runnable writer) {
        if (!exchange.isResponseStarted()) {
            exchange.getResponseHeaders().remove(Headers.CONTENT_TYPE);
            writer.run();
        }
    }

    /** Which of Kong's headers the Admin API sends: {@code Server}, {@code X-Kong-Admin-Latency}. */
    private record Tokens(boolean server, boolean latency) {}
}
