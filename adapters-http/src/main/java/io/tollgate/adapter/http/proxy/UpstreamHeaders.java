package io.tollgate.adapter.http.proxy;

import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Protocols;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Kong's request headers towards the upstream (kong-internals §8.4), applied to the copy of the client's headers
 * Undertow's proxy made:
 * <ul>
 *   <li>hop-by-hop headers removed: the ones {@code Connection} names, {@code Proxy}, {@code Proxy-Connection},
 *       {@code Keep-Alive}, {@code TE} (unless the client asked for {@code trailers}: then {@code TE: trailers}),
 *       {@code Upgrade} unless it is {@code websocket}; {@code Connection: keep-alive}, or, as Kong decides by the
 *       client's {@code Upgrade} alone, {@code Connection: keep-alive, Upgrade} with {@code Upgrade: websocket}
 *       (Undertow's client takes an {@code Upgrade} header as an upgrade request, whatever {@code Connection} says);
 *       {@code Proxy-Authorization} as the client sent it (one a plugin set to another value is kept);</li>
 *   <li>{@code X-Forwarded-For}: the client's list plus the connecting peer, or the client address when none;</li>
 *   <li>{@code X-Forwarded-Proto/-Host/-Port/-Path/-Prefix}: the client's own values when the peer is in
 *       {@code trusted_ips}, else scheme, host, listening port, request path and the stripped prefix;</li>
 *   <li>{@code X-Real-IP}: the client address after real-IP processing;</li>
 *   <li>{@code Via} (when the {@code headers} property enables it) and {@code X-Kong-Request-Id} (per
 *       {@code headers_upstream}).</li>
 * </ul>
 */
final class UpstreamHeaders {

    private static final HttpString X_REAL_IP = HttpString.tryFromString("X-Real-IP");
    private static final HttpString X_FORWARDED_PATH = HttpString.tryFromString("X-Forwarded-Path");
    private static final HttpString X_FORWARDED_PREFIX = HttpString.tryFromString("X-Forwarded-Prefix");
    private static final HttpString PROXY = HttpString.tryFromString("Proxy");
    private static final HttpString PROXY_CONNECTION = HttpString.tryFromString("Proxy-Connection");

    private UpstreamHeaders() {}

    static void apply(HttpServerExchange exchange, ProxyState state, HeaderMap out) {
        UndertowProxyExchange view = state.view;
        ProxyEdge edge = view.edge();
        HeaderMap inbound = exchange.getRequestHeaders();
        Forward forward = state.forward;

        removeConnectionHeaders(inbound, out);
        String protocol = inbound.getFirst(Headers.UPGRADE);
        boolean upgrade = protocol != null && protocol.trim().equalsIgnoreCase("websocket");
        out.remove(PROXY_CONNECTION);
        out.remove(PROXY);
        out.remove(Headers.KEEP_ALIVE);
        out.remove(Headers.X_FORWARDED_SERVER);
        String proxyAuthorization = view.sentProxyAuthorization();
        if (proxyAuthorization != null && proxyAuthorization.equals(out.getFirst(Headers.PROXY_AUTHORIZATION))) {
            out.remove(Headers.PROXY_AUTHORIZATION);
        }
        HeaderValues te = inbound.get(Headers.TE);
        out.remove(Headers.TE);
        if (te != null && mentions(te, "trailers")) {
            out.put(Headers.TE, "trailers");
        }
        if (upgrade) {
            out.put(Headers.CONNECTION, "keep-alive, Upgrade");
            out.put(Headers.UPGRADE, "websocket");
        } else {
            out.remove(Headers.UPGRADE);
            out.put(Headers.CONNECTION, "keep-alive");
        }

        HeaderValues forwardedFor = inbound.get(Headers.X_FORWARDED_FOR);
        out.put(
                Headers.X_FORWARDED_FOR,
                forwardedFor == null || forwardedFor.getFirst().isBlank()
                        ? view.clientAddress()
                        : String.join(", ", forwardedFor) + ", " + view.peerAddress());
        out.put(Headers.X_FORWARDED_PROTO, view.forwardedScheme());
        out.put(Headers.X_FORWARDED_HOST, or(view.trustedHeader(Headers.X_FORWARDED_HOST), view.host()));
        out.put(
                Headers.X_FORWARDED_PORT,
                or(
                        view.trustedHeader(Headers.X_FORWARDED_PORT),
                        String.valueOf(edge.settings.portMaps().forwarded(view.port()))));
        out.put(X_FORWARDED_PATH, or(view.trustedHeader(X_FORWARDED_PATH), view.path()));
        String prefix = or(view.trustedHeader(X_FORWARDED_PREFIX), forward.strippedPrefix());
        if (prefix == null) {
            out.remove(X_FORWARDED_PREFIX);
        } else {
            out.put(X_FORWARDED_PREFIX, prefix);
        }
        out.put(X_REAL_IP, view.clientAddress());
        if (edge.headers.via()) {
            String via = via(exchange);
            HeaderValues incomingVia = inbound.get(Headers.VIA);
            out.put(Headers.VIA, incomingVia == null ? via : String.join(", ", incomingVia) + ", " + via);
        }
        if (edge.settings.upstreamRequestId()) {
            out.put(ProxyEdge.REQUEST_ID, view.requestId());
        }
    }

    /**
     * Removes the headers the client's {@code Connection} names ({@code Upgrade} is decided apart: as Kong, only
     * {@code websocket} is passed on, and an {@code h2c} upgrade goes upstream as plain HTTP/1.1).
     */
    private static void removeConnectionHeaders(HeaderMap inbound, HeaderMap out) {
        HeaderValues connection = inbound.get(Headers.CONNECTION);
        if (connection == null) {
            return;
        }
        for (String value : connection) {
            for (String token : value.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !name.equals("close") && !name.equals("keep-alive") && !name.equals("upgrade")) {
                    out.remove(name);
                }
            }
        }
    }

    /** @return whether the comma-separated {@code values} list {@code token} (parameters after {@code ;} ignored) */
    static boolean mentions(HeaderValues values, String token) {
        for (String value : values) {
            for (String part : value.split(",")) {
                String t = part.trim();
                int semicolon = t.indexOf(';');
                if ((semicolon < 0 ? t : t.substring(0, semicolon).trim()).equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static @Nullable String or(@Nullable String trusted, @Nullable String own) {
        return trusted == null || trusted.isBlank() ? own : trusted;
    }

    /** This node's {@code Via} entry for the client's protocol version: made once for HTTP/1.1, the usual case. */
    private static String via(HttpServerExchange exchange) {
        return exchange.getProtocol().equals(Protocols.HTTP_1_1)
                ? ProxyState.VIA_1_1
                : protocolVersion(exchange) + " " + ProxyState.VIA;
    }

    private static String protocolVersion(HttpServerExchange exchange) {
        String protocol = exchange.getProtocol().toString();
        String version = protocol.startsWith("HTTP/") ? protocol.substring(5) : "1.1";
        // as Kong writes nginx's HTTP/2 version: "2"
        return version.equals("2.0") ? "2" : version;
    }
}
