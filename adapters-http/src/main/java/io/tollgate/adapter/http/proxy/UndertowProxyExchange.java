package io.tollgate.adapter.http.proxy;

import io.tollgate.application.port.in.ProxyExchange;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.SSLSessionInfo;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import org.jspecify.annotations.Nullable;

/**
 * The proxy use case's view of an Undertow exchange. Header changes go straight to the exchange's request headers
 * (which {@code ProxyHandler} copies upstream) and response headers; the query is kept here and sent upstream as
 * part of the decision's request target.
 */
final class UndertowProxyExchange implements ProxyExchange {

    private final HttpServerExchange exchange;
    private final String host;
    private final String path;
    private @Nullable String query;

    UndertowProxyExchange(HttpServerExchange exchange) {
        this.exchange = exchange;
        this.host = hostOf(exchange.getRequestHeaders().getFirst(Headers.HOST));
        this.path = pathOf(exchange);
        String qs = exchange.getQueryString();
        this.query = qs == null || qs.isEmpty() ? null : qs;
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
        return uri.isEmpty() ? "/" : uri;
    }

    @Override
    public String method() {
        return exchange.getRequestMethod().toString().toUpperCase(Locale.ROOT);
    }

    @Override
    public String scheme() {
        return exchange.getRequestScheme();
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

    @Override
    public String path() {
        return path;
    }

    @Override
    public @Nullable String rawQuery() {
        return query;
    }

    @Override
    public String clientAddress() {
        return addressOf(exchange.getSourceAddress());
    }

    @Override
    public String serverAddress() {
        return addressOf(exchange.getDestinationAddress());
    }

    static String addressOf(@Nullable InetSocketAddress address) {
        if (address == null) {
            return "";
        }
        return address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
    }

    @Override
    public List<String> headerValues(String name) {
        HeaderValues values = exchange.getRequestHeaders().get(name);
        return values == null ? List.of() : List.copyOf(values);
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
        exchange.getRequestHeaders().put(HttpString.tryFromString(name), value);
    }

    @Override
    public void removeUpstreamHeader(String name) {
        exchange.getRequestHeaders().remove(name);
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
        exchange.getResponseHeaders().add(HttpString.tryFromString(name), value);
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }
}
