package io.tollgate.application.proxy;

import io.tollgate.application.port.in.ProxyDecision;
import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.application.port.in.ProxyExchange;
import io.tollgate.application.port.in.ProxyRequests;
import io.tollgate.application.port.in.UpstreamPeers;
import io.tollgate.application.port.in.UpstreamPeers.Peer;
import io.tollgate.application.port.in.UpstreamTls;
import io.tollgate.application.proxy.plugin.AccessPhase;
import io.tollgate.application.proxy.router.RequestPaths;
import io.tollgate.application.proxy.router.RouteMatch;
import io.tollgate.application.proxy.router.RouteRequest;
import io.tollgate.application.proxy.router.RouterHolder;
import io.tollgate.application.proxy.tls.UpstreamTlsResolver;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Kong's proxy runloop up to the balancer (kong-internals §8.1–§8.4, §9.1): route the request, check the route's
 * protocols, run the access phase, then forward to the service with the upstream path built per Kong's rules.
 */
public final class RequestProxying implements ProxyRequests {

    private static final System.Logger LOG = System.getLogger(RequestProxying.class.getName());

    static final String NO_ROUTE = "no Route matched with those values";
    static final String NO_SERVICE = "no Service found with those values";
    static final String UNEXPECTED = "An unexpected error occurred";

    private final RouterHolder router;
    private final AccessPhase access;
    private final UpstreamTlsResolver upstreamTls;

    /**
     * A proxy without certificate lookups ({@link UpstreamTlsResolver#NONE}): {@code https} services get their
     * {@code tls_verify} / {@code tls_verify_depth}, and one referencing CA or client certificates answers 500.
     *
     * @param router the router snapshot holder (register it for {@code router:version} invalidations)
     * @param access the access phase, e.g. {@link AccessPhase#withBundledPlugins}
     */
    public RequestProxying(RouterHolder router, AccessPhase access) {
        this(router, access, UpstreamTlsResolver.NONE);
    }

    /**
     * @param router the router snapshot holder (register it for {@code router:version} invalidations)
     * @param access the access phase, e.g. {@link AccessPhase#withBundledPlugins}
     * @param upstreamTls resolves {@code https} services' TLS fields to PEM through the node cache
     */
    public RequestProxying(RouterHolder router, AccessPhase access, UpstreamTlsResolver upstreamTls) {
        this.router = Objects.requireNonNull(router, "router");
        this.access = Objects.requireNonNull(access, "access");
        this.upstreamTls = Objects.requireNonNull(upstreamTls, "upstreamTls");
    }

    @Override
    public CompletionStage<ProxyDecision> handle(ProxyExchange exchange) {
        try {
            String path = RequestPaths.normalize(exchange.path());
            RouteRequest request = new RouteRequest(exchange.method(), exchange.host(), exchange.port(), path,
                    exchange::headerValues);
            Optional<RouteMatch> found = router.current().match(request);
            if (found.isEmpty()) {
                return done(Respond.message(404, NO_ROUTE));
            }
            RouteMatch match = found.get();
            Respond refused = protocolRefusal(match.route(), exchange);
            if (refused != null) {
                return done(refused);
            }
            return access.run(exchange, match)
                    .thenCompose(response -> response.<CompletionStage<ProxyDecision>>map(RequestProxying::done)
                            .orElseGet(() -> forwardWithTls(exchange, match)))
                    .exceptionally(RequestProxying::unexpected);
        } catch (RuntimeException e) {
            return done(unexpected(e));
        }
    }

    /** Kong's answer when an https-only route is reached over http: 426, or a redirect to https. */
    private static @Nullable Respond protocolRefusal(Route route, ProxyExchange exchange) {
        if (!exchange.scheme().equals("http") || route.protocols().contains("http")
                || !route.protocols().contains("https")) {
            return null;
        }
        int status = route.httpsRedirectStatusCode();
        if (status == 426 || status == 0) {
            return Respond.message(426, "Please use HTTPS protocol",
                    Map.of("Connection", "Upgrade", "Upgrade", "TLS/1.2, HTTP/1.1"));
        }
        String query = exchange.rawQuery();
        String location = "https://" + exchange.host() + exchange.path() + (query == null ? "" : "?" + query);
        return new Respond(status, Map.of("Location", location), "");
    }

    /** The forward decision once the service's upstream TLS settings are resolved (at once when cached). */
    private CompletionStage<ProxyDecision> forwardWithTls(ProxyExchange exchange, RouteMatch match) {
        Service service = match.service();
        if (service == null) {
            return done(forward(exchange, match, UpstreamTls.DEFAULT));
        }
        return upstreamTls.resolve(service).thenApply(tls -> forward(exchange, match, tls));
    }

    private static ProxyDecision forward(ProxyExchange exchange, RouteMatch match, UpstreamTls tls) {
        Service service = match.service();
        if (service == null) {
            return Respond.message(503, NO_SERVICE);
        }
        String query = exchange.rawQuery();
        String target = match.upstreamPath() + (query == null ? "" : "?" + query);
        Peer peer = new Peer(service.host(), service.port(), hostHeader(service));
        return new Forward(service.protocol(), service.host(), service.port(), target, service.connectTimeoutMs(),
                service.writeTimeoutMs(), service.readTimeoutMs(), match.route().preserveHost(),
                match.strippedPrefix(), match.route().id(), service.id(), UpstreamPeers.single(peer),
                service.retries(), tls);
    }

    /** Kong's {@code Host} for a service: its host, plus {@code :port} unless the scheme's default. */
    private static String hostHeader(Service service) {
        boolean defaultPort = service.port() == ("https".equals(service.protocol()) ? 443 : 80);
        String host = service.host();
        String name = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return defaultPort ? name : name + ":" + service.port();
    }

    private static ProxyDecision unexpected(Throwable error) {
        LOG.log(Level.ERROR, "proxy request failed", error);
        return Respond.message(500, UNEXPECTED);
    }

    private static CompletionStage<ProxyDecision> done(ProxyDecision decision) {
        return CompletableFuture.completedFuture(decision);
    }
}
