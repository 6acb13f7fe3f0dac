package io.tollgate.adapter.http.proxy;

import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.tollgate.domain.plugin.PluginCatalog;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import org.jspecify.annotations.Nullable;

/** What the proxy remembers about one exchange between Undertow's callbacks. */
final class ProxyState {

    /** Why proxying failed, in Kong's terms (kong-internals §8.5). */
    enum Failure {
        /** Could not connect (refused, unreachable): 502. */
        CONNECT,
        /** The upstream closed or broke the connection before a response: 502. */
        BAD_RESPONSE,
        /** {@code connect_timeout} or {@code read_timeout} elapsed: 504. */
        TIMEOUT
    }

    static final AttachmentKey<ProxyState> KEY = AttachmentKey.create(ProxyState.class);

    /** The {@code <product>/<version>} token of {@code Via} and {@code Server}. */
    static final String PRODUCT = "tollgate/" + version();

    final Forward forward;
    final UndertowProxyExchange view;
    final long startedNanos;
    volatile long sentNanos;
    volatile boolean responded;
    private volatile @Nullable Failure failure;

    ProxyState(Forward forward, UndertowProxyExchange view, long startedNanos) {
        this.forward = forward;
        this.view = view;
        this.startedNanos = startedNanos;
    }

    static @Nullable ProxyState of(HttpServerExchange exchange) {
        return exchange.getAttachment(KEY);
    }

    /** Records the first failure only: a timeout that closes the connection is not then reported as a bad response. */
    synchronized void fail(Failure cause) {
        if (failure == null) {
            failure = cause;
        }
    }

    @Nullable Failure failure() {
        return failure;
    }

    private static String version() {
        String version = ProxyState.class.getPackage().getImplementationVersion();
        return version == null ? PluginCatalog.VERSION : version;
    }
}
