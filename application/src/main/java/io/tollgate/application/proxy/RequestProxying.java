package io.tollgate.application.proxy;

import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.DatabaseUnavailable;
import io.tollgate.application.port.in.ProxyDecision;
import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.application.port.in.ProxyExchange;
import io.tollgate.application.port.in.ProxyRequests;
import io.tollgate.application.port.in.UpstreamPeers;
import io.tollgate.application.port.in.UpstreamPeers.Peer;
import io.tollgate.application.port.in.UpstreamTls;
import io.tollgate.application.proxy.balancer.BalancerHolder;
import io.tollgate.application.proxy.balancer.HashKeys;
import io.tollgate.application.proxy.balancer.UpstreamBalancer;
import io.tollgate.application.proxy.plugin.PluginPhases;
import io.tollgate.application.proxy.plugin.RequestContext;
import io.tollgate.application.proxy.router.RequestPaths;
import io.tollgate.application.proxy.router.RouteMatch;
import io.tollgate.application.proxy.router.RouteRequest;
import io.tollgate.application.proxy.router.RouterHolder;
import io.tollgate.application.proxy.tls.UpstreamTlsResolver;
import io.tollgate.domain.net.HostAddress;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Kong's proxy runloop up to the balancer (kong-internals §8.1–§8.4, §9.1): route the request, check the route's
 * protocols, run the plugins' rewrite and access phases, then forward to the service with the upstream path built
 * per Kong's rules (or the one a plugin set). The plugins' header_filter and log phases run when the adapter reports
 * the response ({@link io.tollgate.application.port.in.ResponsePhases}).
 */
public final class RequestProxying implements ProxyRequests {

    private static final System.Logger LOG = System.getLogger(RequestProxying.class.getName());

    static final String NO_ROUTE = "no Route matched with those values";
    static final String NO_SERVICE = "no Service found with those values";
    static final String DEBUG_HEADER = "Kong-Debug";
    static final String UNEXPECTED = "An unexpected error occurred";
    /** Kong's 503 when an upstream has no target to send to (kong-internals §8.5). */
    public static final String NO_PEER = "failure to get a peer from the ring-balancer";

    private final RouterHolder router;
    private final PluginPhases plugins;
    private final @Nullable BalancerHolder balancers;
    private final UpstreamTlsResolver upstreamTls;
    private final DatabaseOutages outages;
    private final boolean refusePathTraversal;
    private final boolean debugHeader;

    /**
     * A proxy for one node. With {@code null} balancers every service host is contacted directly; with
     * {@link UpstreamTlsResolver#NONE} {@code https} services get their {@code tls_verify} /
     * {@code tls_verify_depth}, and one referencing CA or client certificates answers 500.
     *
     * @param router the router snapshot holder (register it for {@code router:version} invalidations)
     * @param plugins the plugin runloop, e.g. {@link PluginPhases#withBundledPlugins}
     * @param balancers the upstreams' balancers (register it for {@code balancer:version} invalidations); a service
     *        whose host names an upstream is balanced over its targets; {@code null}: no upstreams
     * @param upstreamTls resolves {@code https} services' TLS fields to PEM through the node cache
     * @param outages the node's record of database outages: a request refused with 503 because an entity it needed
     *     could not be loaded counts there
     */
    public RequestProxying(
            RouterHolder router,
            PluginPhases plugins,
            @Nullable BalancerHolder balancers,
            UpstreamTlsResolver upstreamTls,
            DatabaseOutages outages) {
        this.router = Objects.requireNonNull(router, "router");
        this.plugins = Objects.requireNonNull(plugins, "plugin phases");
        this.balancers = balancers;
        this.upstreamTls = Objects.requireNonNull(upstreamTls, "upstreamTls");
        this.outages = Objects.requireNonNull(outages, "outages");
        this.refusePathTraversal = false;
        this.debugHeader = false;
    }

    private RequestProxying(RequestProxying proxying, boolean refusePathTraversal, boolean debugHeader) {
        this.router = proxying.router;
        this.plugins = proxying.plugins;
        this.balancers = proxying.balancers;
        this.upstreamTls = proxying.upstreamTls;
        this.outages = proxying.outages;
        this.refusePathTraversal = refusePathTraversal;
        this.debugHeader = debugHeader;
    }

    /**
     * This proxy, refusing or not (Kong's behaviour, the default) with Kong's 400 {@code Bad request} a request
     * whose fully decoded path climbs out of the prefix its route matched ({@link RequestPaths#climbsOutOfPrefix}).
     */
    public RequestProxying refusingPathTraversal(boolean refuse) {
        return new RequestProxying(this, refuse, debugHeader);
    }

    /**
     * This proxy, answering or not (the default) Kong's {@code allow_debug_header}: once a route matched, a request
     * with a {@code Kong-Debug} header gets {@code Kong-Route-Id}, {@code Kong-Route-Name}, {@code Kong-Service-Id} and
     * {@code Kong-Service-Name} response headers (a name only when set), on the proxied response and on any response
     * the gateway or a plugin makes after the match.
     */
    public RequestProxying withDebugHeader(boolean allow) {
        return new RequestProxying(this, refusePathTraversal, allow);
    }

    @Override
    public CompletionStage<ProxyDecision> handle(ProxyExchange exchange) {
        try {
            RequestContext context = plugins.begin(exchange);
            CompletableFuture<Optional<Respond>> rewritten =
                    plugins.rewrite(context).toCompletableFuture();
            if (rewritten.isDone()) {
                Optional<Respond> ended = rewritten.join();
                return ended.isPresent() ? done(ended.get()) : route(exchange, context);
            }
            return rewritten
                    .thenCompose(ended -> ended.<CompletionStage<ProxyDecision>>map(RequestProxying::done)
                            .orElseGet(() -> route(exchange, context)))
                    .exceptionally(this::unexpected);
        } catch (RuntimeException e) {
            return done(unexpected(e));
        }
    }

    @Override
    public void refused(ProxyExchange exchange, boolean headersRead) {
        try {
            plugins.refused(plugins.begin(exchange), headersRead);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not collect the plugins of a refused request", e);
        }
    }

    private CompletionStage<ProxyDecision> route(ProxyExchange exchange, RequestContext context) {
        String path = RequestPaths.normalize(exchange.path());
        RouteRequest request = new RouteRequest(
                exchange.method(),
                exchange.host(),
                exchange.port(),
                path,
                exchange::headerValues,
                exchange.scheme(),
                exchange.sni());
        Optional<RouteMatch> found = router.current().match(request);
        if (found.isEmpty()) {
            return done(Respond.message(404, NO_ROUTE));
        }
        RouteMatch match = found.get();
        if (debugHeader && exchange.header(DEBUG_HEADER) != null) {
            addDebugHeaders(exchange, match);
        }
        if (refusePathTraversal && RequestPaths.climbsOutOfPrefix(path, match.matchedLength())) {
            return done(Respond.message(400, "Bad request"));
        }
        Respond refused = protocolRefusal(match.route(), exchange);
        if (refused != null) {
            return done(refused);
        }
        return plugins.access(context, match)
                .thenCompose(response -> response.<CompletionStage<ProxyDecision>>map(RequestProxying::done)
                        .orElseGet(() -> forwardWithTls(exchange, match, context.upstreamPath())))
                .exceptionally(this::unexpected);
    }

    private static void addDebugHeaders(ProxyExchange exchange, RouteMatch match) {
        Route route = match.route();
        exchange.addResponseHeader("Kong-Route-Id", route.id().value().toString());
        if (route.name() != null) {
            exchange.addResponseHeader("Kong-Route-Name", route.name());
        }
        Service service = match.service();
        if (service != null) {
            exchange.addResponseHeader("Kong-Service-Id", service.id().value().toString());
            if (service.name() != null) {
                exchange.addResponseHeader("Kong-Service-Name", service.name());
            }
        }
    }

    /**
     * Kong's answer when an https-only route is reached over http: 426, or a redirect to https. Behind a trusted
     * proxy ({@code trusted_ips}) the client's scheme is its {@code X-Forwarded-Proto}; any scheme but {@code https}
     * (an unknown one such as {@code httpsa} too) is refused, as in Kong.
     */
    private static @Nullable Respond protocolRefusal(Route route, ProxyExchange exchange) {
        if (exchange.forwardedScheme().equals("https")
                || route.protocols().contains("http")
                || !route.protocols().contains("https")) {
            return null;
        }
        int status = route.httpsRedirectStatusCode();
        if (status == 426 || status == 0) {
            return Respond.message(
                    426, "Please use HTTPS protocol", Map.of("Connection", "Upgrade", "Upgrade", "TLS/1.2, HTTP/1.1"));
        }
        String query = exchange.rawQuery();
        String location = "https://" + exchange.host() + exchange.path() + (query == null ? "" : "?" + query);
        return new Respond(status, Map.of("Location", location), "");
    }

    /** The forward decision once the service's upstream TLS settings are resolved (at once when cached). */
    private CompletionStage<ProxyDecision> forwardWithTls(
            ProxyExchange exchange, RouteMatch match, @Nullable String upstreamPath) {
        Service service = match.service();
        if (service == null) {
            return done(Respond.message(503, NO_SERVICE));
        }
        @Nullable
        UpstreamBalancer balancer = balancers == null
                ? null
                : balancers.current().find(service.host()).orElse(null);
        @Nullable
        UUID upstreamCertificate = balancer == null ? null : balancer.upstream().clientCertificate();
        return upstreamTls
                .resolve(service, upstreamCertificate)
                .thenApply(tls -> forward(exchange, match, service, balancer, tls, upstreamPath));
    }

    /**
     * The forward decision for a matched service, with the upstream balancer found for it once per request (the
     * same snapshot chooses the client certificate and the peers).
     */
    private ProxyDecision forward(
            ProxyExchange exchange,
            RouteMatch match,
            Service service,
            @Nullable UpstreamBalancer balancer,
            UpstreamTls tls,
            @Nullable String upstreamPath) {
        String query = exchange.rawQuery();
        String path = upstreamPath == null ? match.upstreamPath() : upstreamPath;
        String target = path + (query == null ? "" : "?" + query);
        UpstreamPeers peers;
        if (balancer == null) {
            peers = UpstreamPeers.single(new Peer(service.host(), service.port(), hostHeader(service)));
        } else if (balancer.size() == 0) {
            return Respond.message(503, NO_PEER);
        } else {
            String key = HashKeys.of(balancer.upstream(), exchange, match.path(), name -> capture(match, name));
            peers = balancer.peers(service.protocol(), key);
        }
        return new Forward(
                service.protocol(),
                service.host(),
                service.port(),
                target,
                service.connectTimeoutMs(),
                service.writeTimeoutMs(),
                service.readTimeoutMs(),
                match.route().preserveHost(),
                match.strippedPrefix(),
                match.route().id(),
                service.id(),
                peers,
                service.retries(),
                tls,
                match.route().requestBuffering(),
                match.route().responseBuffering());
    }

    /** A regex capture of the matched route's path by name or number (Kong's {@code uri_capture} hash key). */
    private static @Nullable String capture(RouteMatch match, @Nullable String name) {
        if (name == null) {
            return null;
        }
        if (!name.isEmpty() && name.length() < 10 && name.chars().allMatch(Character::isDigit)) {
            return match.uriCaptures().get(Integer.parseInt(name));
        }
        return match.uriCaptures().get(name);
    }

    /** Kong's {@code Host} for a service: its host, plus {@code :port} unless the scheme's default. */
    private static String hostHeader(Service service) {
        return HostAddress.authority(service.host(), service.port(), HostAddress.defaultPort(service.protocol()));
    }

    private ProxyDecision unexpected(Throwable error) {
        DatabaseUnavailable outage = DatabaseOutages.cause(error);
        if (outage != null) { // e.g. a service's TLS certificates not cached: 503, logged once per outage
            outages.record(DatabaseOutages.Effect.MISS_REFUSED, outage);
            return Respond.message(503, DatabaseOutages.MESSAGE);
        }
        LOG.log(Level.ERROR, "proxy request failed", error);
        return Respond.message(500, UNEXPECTED);
    }

    private static CompletionStage<ProxyDecision> done(ProxyDecision decision) {
        return CompletableFuture.completedFuture(decision);
    }
}
