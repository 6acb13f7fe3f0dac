package io.tollgate.adapter.http.proxy;

import io.tollgate.adapter.http.UpstreamKeepalive;
import io.tollgate.adapter.http.edge.EdgeSettings;
import io.tollgate.application.port.PeerOutcome;
import io.tollgate.application.port.in.ProxyDecision;
import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.application.port.in.ProxyRequests;
import io.tollgate.application.port.in.RecordTraffic;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.proxy.ProxyHandler;
import io.undertow.util.SameThreadExecutor;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy listener's root handler (Kong's proxy on port 8000): refuses what nginx would refuse before Kong runs
 * ({@link RequestGuard}: smuggling shapes, size limits), asks {@link ProxyRequests} what to do with each request,
 * then answers directly or forwards through Undertow's non-blocking reverse proxy ({@link ProxyHandler}) over pooled
 * keep-alive upstream connections — after reading the body first when the route has {@code request_buffering}.
 *
 * <p>Never blocks an I/O thread: when the decision is already complete (everything was in memory) it goes on on the
 * I/O thread; otherwise the exchange is dispatched and resumes on its I/O thread when the decision completes.
 * Each try goes to the peer the request's balancer hands out; connection errors and timeouts are retried on the next
 * peer up to the service's {@code retries}. Upstream failures get Kong's statuses and bodies: 502 for refused or
 * broken connections, 504 when the service's {@code connect_timeout}, {@code write_timeout} or {@code read_timeout}
 * (ms) elapses, 503 when the balancer has no peer or the peer's name does not resolve.
 *
 * <p>Plugins: the decision registers the plugins' response side on the exchange
 * ({@link io.tollgate.application.port.in.ResponsePhases}); their {@code header_filter} runs on the I/O thread just
 * before the response head goes out (the upstream's, or a generated one), their {@code body_filter} over the body as
 * it streams ({@link BodyFilterConduit}, only when a collected plugin filters bodies), their {@code log} when the
 * exchange completed (handed off, never delaying the client). The same completion listener reports each exchange to
 * the node's traffic series ({@link RecordTraffic}: a few atomic increments, no allocation, no lock).
 *
 * <p>{@code response_buffering}: Tollgate streams every upstream response to the client as it arrives, with
 * backpressure (the upstream is read only as fast as the client takes the bytes), whatever the route says. The
 * client sees the same status, headers and bytes as with nginx's buffering; the difference is that a slow client
 * keeps the upstream connection busy until it has read the response, where nginx would have buffered it (in memory
 * or a temporary file) and released the connection early.
 */
public final class GatewayProxy {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayProxy.class);

    private final ProxyRequests requests;
    /** The edge rules in force; replaced whole by {@link #reconfigure} (one volatile read per request). */
    private volatile EdgeRules rules;

    private final ProxyHandler proxy;
    /** The proxy behind the request-body budget's check ({@link RequestBodyBudget}). */
    private final HttpHandler budgeted;

    private final RecordTraffic traffic;

    /**
     * @param requests the proxy use case
     * @param keepalive the upstream connection pools' settings ({@code upstream_keepalive_*};
     *        {@link UpstreamKeepalive#DEFAULT} is Kong's)
     * @param edge the edge rules: trusted IPs, Kong headers, error bodies, size limits ({@link EdgeSettings#DEFAULTS}
     *        is Kong's)
     */
    public GatewayProxy(ProxyRequests requests, UpstreamKeepalive keepalive, EdgeSettings edge) {
        this(requests, keepalive, edge, RecordTraffic.NONE);
    }

    /**
     * As the other constructor, also reporting every completed exchange (status, Kong's request latency, the service
     * it was forwarded to) to {@code traffic}, from the exchange's completion listener that starts the plugins' log
     * phase.
     */
    public GatewayProxy(ProxyRequests requests, UpstreamKeepalive keepalive, EdgeSettings edge, RecordTraffic traffic) {
        this.traffic = Objects.requireNonNull(traffic, "traffic");
        this.requests = Objects.requireNonNull(requests, "requests");
        this.rules = new EdgeRules(edge);
        // retries per request come from the target (Forward.retries()), not from this handler-wide setting
        this.proxy = ProxyHandler.builder()
                .setProxyClient(new UpstreamClient(keepalive, new DnsCache()))
                .setMaxConnectionRetries(0)
                .setRewriteHostHeader(false)
                .setReuseXForwarded(false)
                .setNext(KongErrors::noPeer)
                .build();
        this.budgeted = exchange -> {
            if (RequestBodyBudget.apply(exchange)) {
                proxy.handleRequest(exchange);
            }
        };
    }

    /**
     * Applies new edge rules to the requests that start from now on ({@code tollgate reload}): trusted IPs, real-IP
     * header and recursion, Kong's headers, error body type, body size limit, path traversal refusal. The listener's
     * own limits ({@code nginx_http_large_client_header_buffers}, {@code nginx_http_client_header_timeout}) are set on
     * the listener at start, so the caller passes the values the node started with for those. Requests in flight keep
     * the rules they started with.
     */
    public void reconfigure(EdgeSettings edge) {
        this.rules = new EdgeRules(Objects.requireNonNull(edge, "edge"));
    }

    /** The handler to mount as the proxy listener's root handler. Thread-safe; one instance serves all requests. */
    public HttpHandler handler() {
        return this::handle;
    }

    private void handle(HttpServerExchange exchange) throws Exception {
        long started = System.nanoTime();
        EdgeRules current = rules;
        UndertowProxyExchange view = new UndertowProxyExchange(exchange, current.edge(), started);
        exchange.addExchangeCompleteListener((done, next) -> {
            try {
                ProxyState state = ProxyState.of(done);
                traffic.proxied(
                        state == null ? null : state.forward.service(),
                        done.getStatusCode(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                view.completed(); // the plugins' log phase: handed to its executor, returns at once
            } catch (RuntimeException e) {
                LOG.error("the plugins' log phase could not start", e);
            } finally {
                next.proceed();
            }
        });
        RequestGuard.Refusal refusal = current.guard().check(exchange);
        if (refusal != null) {
            if (refusal.close()) {
                exchange.setPersistent(false);
            }
            requests.refused(view, refusal.status() != 414); // the global plugins' response phases see it
            KongErrors.sendError(exchange, refusal.status(), refusal.message());
            return;
        }
        ChunkedRequestConduit.install(exchange); // nginx's chunk parsing: malformed framing gets 400, not a close
        CompletableFuture<ProxyDecision> decision;
        try {
            decision = requests.handle(view).toCompletableFuture();
        } catch (RuntimeException e) {
            LOG.error("proxy decision failed", e);
            decision = CompletableFuture.completedFuture(Respond.message(500, KongErrors.UNEXPECTED));
        }
        if (decision.isDone()) {
            apply(exchange, view, started, outcome(decision));
            return;
        }
        CompletableFuture<ProxyDecision> pending = decision;
        exchange.dispatch(
                SameThreadExecutor.INSTANCE,
                () -> pending.whenComplete((result, error) -> exchange.dispatch(
                        exchange.getIoThread(), resumed -> apply(resumed, view, started, outcome(pending)))));
    }

    private static ProxyDecision outcome(CompletableFuture<ProxyDecision> decision) {
        try {
            return decision.join();
        } catch (RuntimeException e) {
            LOG.error("proxy decision failed", e);
            return Respond.message(500, KongErrors.UNEXPECTED);
        }
    }

    private void apply(HttpServerExchange exchange, UndertowProxyExchange view, long started, ProxyDecision decision)
            throws Exception {
        switch (decision) {
            case Respond response -> KongErrors.send(exchange, response);
            case Forward forward -> {
                view.replayBody();
                ProxyState state = new ProxyState(forward, view, started);
                exchange.putAttachment(ProxyState.KEY, state);
                exchange.addDefaultResponseListener(KongErrors::rewriteFailure);
                exchange.addExchangeCompleteListener((done, next) -> {
                    // a try still open here was cut short (client gone): settle it for the balancer's counters
                    state.endTry(PeerOutcome.tcpError(state.tryMillis()));
                    next.proceed();
                });
                if (forward.requestBuffering()) {
                    RequestBuffer.thenRun(exchange, budgeted);
                } else {
                    StreamedBodyTimeout.apply(exchange);
                    budgeted.handleRequest(exchange);
                }
            }
        }
    }

    /** One consistent set of edge rules: the pre-parsed settings and the guard built from the same settings. */
    private record EdgeRules(ProxyEdge edge, RequestGuard guard) {
        EdgeRules(EdgeSettings settings) {
            this(new ProxyEdge(settings), new RequestGuard(settings));
        }
    }
}
