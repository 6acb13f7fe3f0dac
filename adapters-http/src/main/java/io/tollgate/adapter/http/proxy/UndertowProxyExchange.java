package io.tollgate.adapter.http.proxy;

import io.tollgate.adapter.http.ProxiedRequest;
import io.tollgate.application.port.in.ProxyDecision;
import io.tollgate.application.port.in.ProxyExchange;
import io.tollgate.application.port.in.ResponsePhases;
import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.net.UriPaths;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.SSLSessionInfo;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Protocols;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import org.jspecify.annotations.Nullable;

/**
 * The proxy use case's view of an Undertow exchange. Header changes go straight to the exchange's request headers
 * (which {@code ProxyHandler} copies upstream) and response headers; the query is kept here and sent upstream as
 * part of the decision's request target.
 *
 * <p>It also carries what the edge computed for the request: the connecting peer, whether it is in
 * {@code trusted_ips}, the client address after real-IP processing, the start time and the request id
 * ({@code X-Kong-Request-Id}). It is attached to the exchange ({@link #of}).
 */
final class UndertowProxyExchange implements ProxyExchange, ProxiedRequest {

    /** The connection's peer address as text ({@link #peerText}). */
    private static final AttachmentKey<String> PEER_TEXT = AttachmentKey.create(String.class);

    private final HttpServerExchange exchange;
    private final ProxyEdge edge;
    private final String host;
    private final String path;
    private final String peer;
    private final boolean peerTrusted;
    private final String client;
    private final long startedNanos;
    private @Nullable String requestId;
    private @Nullable String query;
    /** The query as the client sent it when it held raw bytes (then {@link #query} starts as its escaped form). */
    private final @Nullable String sentQuery;
    /** The client's {@code Proxy-Authorization}, as sent, before any plugin ran. */
    private final @Nullable String sentProxyAuthorization;

    private @Nullable ResponsePhases phases;
    private @Nullable PluginRequestBody body;
    private volatile RequestBodyBudget.@Nullable Limit bodyBudget;
    private boolean headerFiltered;
    /** The status the plugins' {@code header_filter} left, 0 until it ran. */
    private int filteredStatus;

    private @Nullable CountingConduit counting;
    private @Nullable Route route;
    private @Nullable Service service;
    private @Nullable Consumer consumer;

    UndertowProxyExchange(HttpServerExchange exchange, ProxyEdge edge, long startedNanos) {
        this.exchange = exchange;
        this.edge = edge;
        this.startedNanos = startedNanos;
        this.host = hostOf(exchange.getRequestHeaders().getFirst(Headers.HOST));
        this.path = pathOf(exchange);
        String qs = exchange.getQueryString();
        this.query = qs == null || qs.isEmpty() ? null : escapeRawBytes(qs);
        this.sentQuery = query == null || query.equals(qs) ? null : qs;
        this.sentProxyAuthorization = exchange.getRequestHeaders().getFirst(Headers.PROXY_AUTHORIZATION);
        InetSocketAddress source = exchange.getSourceAddress();
        this.peer = peerText(exchange, source);
        if (edge.anyTrusted && source != null && source.getAddress() != null) {
            this.peerTrusted = edge.realIp.trusts(source.getAddress().getAddress());
            if (edge.realIp.fromProxyProtocol()) {
                this.client = edge.realIp.resolve(peer, peerTrusted, source);
            } else {
                HeaderValues values = exchange.getRequestHeaders().get(edge.realIpHeader);
                this.client = values == null ? peer : edge.realIp.resolve(peer, peerTrusted, values);
            }
        } else {
            this.peerTrusted = false;
            this.client = peer;
        }
        exchange.putAttachment(ProxiedRequest.KEY, this);
    }

    /** @return the view attached to {@code exchange}, or {@code null} before the proxy saw it */
    static @Nullable UndertowProxyExchange of(HttpServerExchange exchange) {
        return exchange.getAttachment(ProxiedRequest.KEY) instanceof UndertowProxyExchange view ? view : null;
    }

    HttpServerExchange exchange() {
        return exchange;
    }

    /** @return the {@code Proxy-Authorization} the client sent (before plugins), or {@code null} */
    @Nullable
    String sentProxyAuthorization() {
        return sentProxyAuthorization;
    }

    /** The response phases when a collected plugin implements {@code response} (buffered proxying), else null. */
    @Nullable
    ResponsePhases bufferingPhases() {
        ResponsePhases current = phases;
        return current != null && current.buffersResponse() ? current : null;
    }

    ProxyEdge edge() {
        return edge;
    }

    long startedNanos() {
        return startedNanos;
    }

    /** Whether the connecting peer is in {@code trusted_ips}: its {@code X-Forwarded-*} headers are believed. */
    boolean peerTrusted() {
        return peerTrusted;
    }

    /** This request's {@code X-Kong-Request-Id}: 32 hex digits, made on first use. */
    @Override
    public String requestId() {
        String id = requestId;
        if (id == null) {
            id = ProxyEdge.newRequestId();
            requestId = id;
        }
        return id;
    }

    /** The first value of an incoming request header when the peer is trusted, else {@code null}. */
    @Nullable
    String trustedHeader(HttpString name) {
        return peerTrusted ? exchange.getRequestHeaders().getFirst(name) : null;
    }

    private static String hostOf(@Nullable String header) {
        if (header == null) {
            return "";
        }
        String value = header.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(0, end + 1);
        }
        int colon = value.lastIndexOf(':');
        return colon >= 0 && value.indexOf(':') == colon ? value.substring(0, colon) : value;
    }

    private static String pathOf(HttpServerExchange exchange) {
        String uri = exchange.getRequestURI();
        if (exchange.isHostIncludedInRequestURI()) {
            int authority = uri.indexOf("//");
            int slash = authority < 0 ? -1 : uri.indexOf('/', authority + 2);
            uri = slash < 0 ? "/" : uri.substring(slash);
        }
        return uri.isEmpty() ? "/" : escapeRawBytes(uri);
    }

    /**
     * {@code target} with each raw byte of 0x80 and above percent-escaped ({@code %E5}, upper-case hex), so that raw
     * UTF-8 in the request target ({@code GET /円}) reads as its escaped form ({@code /%E5%86%86}) everywhere after
     * this: route matching on the decoded path, plugins' query arguments, the upstream request. The proxy listeners
     * report such a byte as the char of the same value (Undertow's {@code ALLOW_UNESCAPED_CHARACTERS_IN_URL} without
     * {@code DECODE_URL}). Not {@link UriPaths#escape}: that also escapes ASCII outside Kong's safe set, and the query
     * string must keep those as sent.
     */
    static String escapeRawBytes(String target) {
        int i = 0;
        while (i < target.length() && target.charAt(i) < 0x80) {
            i++;
        }
        if (i == target.length()) {
            return target;
        }
        StringBuilder escaped = new StringBuilder(target.length() + 16).append(target, 0, i);
        for (; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c < 0x80) {
                escaped.append(c);
            } else {
                UriPaths.upperEscape(escaped, c & 0xFF);
            }
        }
        return escaped.toString();
    }

    /**
     * The request target to send upstream for the decision's {@code pathAndQuery}: as given, except that a query the
     * client sent with raw bytes (0x80 and above) goes upstream with those bytes as they came, as Kong forwards nginx's
     * {@code $args}, while the plugins and the route saw its escaped form ({@link #escapeRawBytes}). Once a plugin
     * has replaced the query ({@link #setRawQuery}, {@link #removeQueryArg}…), the new one is sent as it is.
     */
    String upstreamTarget(String pathAndQuery) {
        String sent = sentQuery;
        String current = query;
        if (sent == null || current == null || !current.equals(escapeRawBytes(sent))) {
            return pathAndQuery;
        }
        int start = pathAndQuery.length() - current.length();
        if (start < 1 || pathAndQuery.charAt(start - 1) != '?' || !pathAndQuery.endsWith(current)) {
            return pathAndQuery;
        }
        return pathAndQuery.substring(0, start) + sent;
    }

    @Override
    public String method() {
        return exchange.getRequestMethod().toString().toUpperCase(Locale.ROOT);
    }

    @Override
    public String scheme() {
        return exchange.getRequestScheme();
    }

    @Override
    public String httpVersion() {
        HttpString protocol = exchange.getProtocol();
        if (Protocols.HTTP_2_0.equals(protocol)) {
            return "2.0";
        }
        return Protocols.HTTP_1_0.equals(protocol) ? "1.0" : "1.1";
    }

    /** The first host name of the TLS session's requested server names, lower case; null for plain text or none. */
    @Override
    public @Nullable String sni() {
        SSLSessionInfo info = exchange.getConnection().getSslSessionInfo();
        if (info == null || !(info.getSSLSession() instanceof ExtendedSSLSession session)) {
            return null;
        }
        for (SNIServerName name : session.getRequestedServerNames()) {
            if (name instanceof SNIHostName hostName) {
                return hostName.getAsciiName().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        InetSocketAddress local = exchange.getDestinationAddress();
        return local == null ? exchange.getHostPort() : local.getPort();
    }

    /** The listener's port as Kong's {@code port_maps} forward it (Kong's {@code ctx.host_port}). */
    int mappedPort() {
        return edge.settings.portMaps().forwarded(port());
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public @Nullable String rawQuery() {
        return query;
    }

    /** The client address after Kong's real-IP processing ({@code trusted_ips}, {@code real_ip_header}). */
    @Override
    public String clientAddress() {
        return client;
    }

    @Override
    public String peerAddress() {
        return peer;
    }

    @Override
    public String forwardedScheme() {
        String proto = trustedHeader(Headers.X_FORWARDED_PROTO);
        return proto == null || proto.isBlank() ? scheme() : proto.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public String serverAddress() {
        return addressOf(exchange.getDestinationAddress());
    }

    /**
     * {@code source} as text, printed once per connection: the requests a keep-alive connection carries share it (an
     * HTTP/2 stream has its own connection object, so its own).
     */
    private static String peerText(HttpServerExchange exchange, @Nullable InetSocketAddress source) {
        ServerConnection connection = exchange.getConnection();
        String known = connection.getAttachment(PEER_TEXT);
        if (known == null) {
            known = addressOf(source);
            connection.putAttachment(PEER_TEXT, known);
        }
        return known;
    }

    static String addressOf(@Nullable InetSocketAddress address) {
        if (address == null) {
            return "";
        }
        return address.getAddress() == null
                ? address.getHostString()
                : address.getAddress().getHostAddress();
    }

    @Override
    public List<String> headerValues(String name) {
        HeaderValues values = exchange.getRequestHeaders().get(name);
        return values == null ? List.of() : List.copyOf(values);
    }

    @Override
    public Map<String, List<String>> headers() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            out.computeIfAbsent(values.getHeaderName().toString().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .addAll(values);
        }
        return out;
    }

    @Override
    public List<String> queryValues(String name) {
        List<String> values = new ArrayList<>(1);
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (decode(eq < 0 ? pair : pair.substring(0, eq)).equals(name)) {
                    values.add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
        }
        return values;
    }

    @Override
    public void setUpstreamHeader(String name, String value) {
        exchange.getRequestHeaders().put(HeaderNames.of(name), value);
    }

    @Override
    public void addUpstreamHeader(String name, String value) {
        exchange.getRequestHeaders().add(HeaderNames.of(name), value);
    }

    @Override
    public void removeUpstreamHeader(String name) {
        exchange.getRequestHeaders().remove(HeaderNames.of(name));
    }

    @Override
    public void removeQueryArg(String name) {
        if (query == null) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (!decode(eq < 0 ? pair : pair.substring(0, eq)).equals(name)) {
                kept.add(pair);
            }
        }
        query = kept.isEmpty() ? null : String.join("&", kept);
    }

    @Override
    public void addResponseHeader(String name, String value) {
        exchange.getResponseHeaders().add(HeaderNames.of(name), value);
    }

    @Override
    public void setUpstreamMethod(String method) {
        exchange.setRequestMethod(HttpString.tryFromString(method.toUpperCase(Locale.ROOT)));
    }

    @Override
    public void setRawQuery(@Nullable String rawQuery) {
        query = rawQuery == null || rawQuery.isEmpty() ? null : rawQuery;
    }

    @Override
    public CompletionStage<Optional<byte[]>> readBody() {
        PluginRequestBody b = body;
        if (b == null) {
            b = new PluginRequestBody(exchange);
            body = b;
        }
        return b.read();
    }

    @Override
    public void replaceBody(byte[] replacement) {
        PluginRequestBody b = body;
        if (b == null) {
            throw new IllegalStateException("the request body was not read");
        }
        b.replace(replacement);
    }

    @Override
    public void limitBody(long maxBytes, ProxyDecision.Respond refusal) {
        bodyBudget = new RequestBodyBudget.Limit(maxBytes, refusal);
    }

    /** The request-body budget the plugins set ({@link #limitBody}), or {@code null}. */
    RequestBodyBudget.@Nullable Limit bodyBudget() {
        return bodyBudget;
    }

    /** @return whether the plugins asked for the request body (its channel is then taken) */
    boolean bodyTaken() {
        return body != null;
    }

    /** Puts a body the plugins read (or their replacement) back for the upstream; call just before forwarding. */
    void replayBody() {
        if (body != null) {
            body.replay();
        }
    }

    @Override
    public void onResponse(ResponsePhases phases) {
        this.phases = phases;
    }

    @Override
    public void routed(Route route, @Nullable Service service) {
        this.route = route;
        this.service = service;
    }

    @Override
    public void authenticated(Consumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public @Nullable Route route() {
        return route;
    }

    @Override
    public @Nullable Service service() {
        return service;
    }

    @Override
    public @Nullable Consumer consumer() {
        return consumer;
    }

    @Override
    public long upstreamWaitMs() {
        ProxyState state = ProxyState.of(exchange);
        long head = state == null ? 0 : state.headNanos();
        return head == 0 || state.sentNanos == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(head - state.sentNanos);
    }

    @Override
    public long upstreamHeadNanos() {
        ProxyState state = ProxyState.of(exchange);
        return state == null ? 0 : state.headNanos();
    }

    /**
     * Runs the plugins' {@code header_filter} on the response head about to be sent (once; later calls do nothing).
     * A status they set is put on the exchange (with its standard reason phrase); Undertow's proxy, which copies the
     * upstream's status itself, learns it from {@link #filteredStatus}.
     *
     * @param status the status to send
     * @param headers the headers that will be sent (the upstream's, which Undertow copies, or the exchange's own)
     * @return whether the body goes through the plugins' {@code body_filter} (a response wrapper was added)
     */
    boolean headerFilter(int status, HeaderMap headers) {
        ResponsePhases current = phases;
        if (current == null || headerFiltered) {
            return false;
        }
        headerFiltered = true;
        HeaderMapHead head = new HeaderMapHead(status, headers);
        current.headerFilter(head);
        filteredStatus = head.status();
        if (filteredStatus != status) {
            exchange.setStatusCode(filteredStatus);
        }
        if (current.logs()) {
            exchange.addResponseWrapper((factory, ignored) -> {
                CountingConduit conduit = new CountingConduit(factory.create());
                counting = conduit;
                return conduit;
            });
        }
        if (current.filtersBody()) {
            exchange.addResponseWrapper((factory, ignored) -> new BodyFilterConduit(factory.create(), current));
            return true;
        }
        return false;
    }

    /** The status the plugins' {@code header_filter} left, or {@code status} when it did not run. */
    int filteredStatus(int status) {
        return filteredStatus == 0 ? status : filteredStatus;
    }

    /** Reports the completed exchange to the plugins' {@code log} phase (which runs elsewhere). */
    void completed() {
        ResponsePhases current = phases;
        if (current == null || !current.logs()) {
            return; // no collected plugin has a log phase: nothing to measure
        }
        CountingConduit counted = counting;
        current.completed(ExchangeLogs.of(exchange, this, counted == null ? -1 : counted.bytes()));
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}
