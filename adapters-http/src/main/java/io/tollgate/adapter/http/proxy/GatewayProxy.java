package io.tollgate.adapter.http.proxy;

import io.tollgate.application.port.in.ProxyDecision;
import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.application.port.in.ProxyRequests;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.proxy.ProxyHandler;
import io.undertow.util.SameThreadExecutor;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy listener's root handler (Kong's proxy on port 8000): asks {@link ProxyRequests} what to do with each
 * request, then answers directly or forwards through Undertow's non-blocking reverse proxy
 * ({@link ProxyHandler}) over pooled keep-alive upstream connections.
 *
 * <p>Never blocks an I/O thread: when the decision is already complete (everything was in memory) it goes on on the
 * I/O thread; otherwise the exchange is dispatched and resumes on its I/O thread when the decision completes.
 * Upstream failures get Kong's statuses and bodies: 502 for refused or broken connections, 504 when the service's
 * {@code connect_timeout} or {@code read_timeout} (ms) elapses.
 */
public final class GatewayProxy {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayProxy.class);

    private final ProxyRequests requests;
    private final ProxyHandler proxy;

    /** @param requests the proxy use case */
    @Inject
    public GatewayProxy(ProxyRequests requests) {
        this.requests = requests;
        this.proxy = ProxyHandler.builder()
                .setProxyClient(new UpstreamClient())
                .setMaxConnectionRetries(0)
                .setRewriteHostHeader(false)
                .setReuseXForwarded(false)
                .setNext(exchange -> KongErrors.send(exchange, Respond.message(500, KongErrors.UNEXPECTED)))
                .build();
    }

    /** The handler to mount as the proxy listener's root handler. Thread-safe; one instance serves all requests. */
    public HttpHandler handler() {
        return this::handle;
    }

    private void handle(HttpServerExchange exchange) throws Exception {
        long started = System.nanoTime();
        UndertowProxyExchange view = new UndertowProxyExchange(exchange);
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
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> pending.whenComplete((result, error) ->
                exchange.dispatch(exchange.getIoThread(), resumed -> apply(resumed, view, started, outcome(pending)))));
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
                exchange.putAttachment(ProxyState.KEY, new ProxyState(forward, view, started));
                exchange.addDefaultResponseListener(KongErrors::rewriteFailure);
                proxy.handleRequest(exchange);
            }
        }
    }
}
