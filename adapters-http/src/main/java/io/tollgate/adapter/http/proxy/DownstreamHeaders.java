package io.tollgate.adapter.http.proxy;

import io.tollgate.adapter.http.edge.KongHeaders;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Kong's changes to an upstream's response head before it goes to the client (kong-internals §8.4): hop-by-hop
 * headers removed ({@code Connection} and the headers it names, {@code Keep-Alive}, {@code Proxy-Connection},
 * {@code Proxy-Authenticate}, {@code Upgrade}, {@code TE}, and {@code Trailer} unless the client's {@code TE} asked
 * for {@code trailers}; {@code Upgrade} and the {@code Connection} ones kept on a {@code 101 Switching Protocols},
 * which needs them, its {@code Connection} written {@code upgrade} as nginx writes it), then the headers the
 * {@code headers} property enables: {@code Via}, {@code Server} (only when the upstream sent none),
 * {@code X-Kong-Upstream-Latency}, {@code X-Kong-Proxy-Latency}, {@code X-Kong-Upstream-Status},
 * {@code X-Kong-Request-Id}.
 */
final class DownstreamHeaders {

    private static final HttpString PROXY_CONNECTION = HttpString.tryFromString("Proxy-Connection");

    private DownstreamHeaders() {}

    /**
     * @param state the exchange's proxy state ({@code sentNanos} set)
     * @param status the upstream's status code
     * @param headers the upstream response's headers, which Undertow's proxy copies to the client afterwards
     */
    static void proxied(ProxyState state, int status, HeaderMap headers) {
        long now = System.nanoTime();
        if (status != 101) {
            HeaderValues connection = headers.get(Headers.CONNECTION);
            if (connection != null) {
                for (String value : connection) {
                    if (value.indexOf(',') < 0) {
                        removeNamed(headers, value); // the usual single token, without splitting
                    } else {
                        for (String token : value.split(",")) {
                            removeNamed(headers, token);
                        }
                    }
                }
                headers.remove(Headers.CONNECTION);
            }
            headers.remove(Headers.UPGRADE);
        } else {
            // Undertow's upgradeChannel writes "Upgrade" after the upstream's headers are copied; nginx, "upgrade"
            state.view
                    .exchange()
                    .addResponseCommitListener(
                            exchange -> exchange.getResponseHeaders().put(Headers.CONNECTION, "upgrade"));
        }
        headers.remove(Headers.KEEP_ALIVE);
        headers.remove(Headers.PROXY_AUTHENTICATE);
        headers.remove(PROXY_CONNECTION);
        headers.remove(Headers.TE);
        HeaderValues te = state.view.exchange().getRequestHeaders().get(Headers.TE);
        if (te == null || !UpstreamHeaders.mentions(te, "trailers")) {
            headers.remove(Headers.TRAILER);
        }

        UndertowProxyExchange view = state.view;
        KongHeaders flags = view.edge().headers;
        if (flags.via()) {
            String upstreamVia = headers.getFirst(Headers.VIA);
            headers.put(
                    Headers.VIA, upstreamVia == null ? ProxyState.VIA_1_1 : upstreamVia + ", " + ProxyState.VIA_1_1);
        }
        if (flags.server() && !headers.contains(Headers.SERVER)) {
            headers.put(Headers.SERVER, ProxyState.PRODUCT);
        }
        if (flags.upstreamLatency()) {
            headers.put(ProxyEdge.UPSTREAM_LATENCY, TimeUnit.NANOSECONDS.toMillis(now - state.sentNanos));
        }
        if (flags.proxyLatency()) {
            headers.put(ProxyEdge.PROXY_LATENCY, TimeUnit.NANOSECONDS.toMillis(state.sentNanos - state.startedNanos));
        }
        if (flags.upstreamStatus()) {
            headers.put(ProxyEdge.UPSTREAM_STATUS, status);
        }
        if (flags.requestId()) {
            headers.put(ProxyEdge.REQUEST_ID, view.requestId());
        }
    }

    /** Removes the header a {@code Connection} token names, unless it is {@code close} or {@code keep-alive}. */
    private static void removeNamed(HeaderMap headers, String token) {
        String name = token.trim().toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && !name.equals("close") && !name.equals("keep-alive")) {
            headers.remove(name);
        }
    }
}
