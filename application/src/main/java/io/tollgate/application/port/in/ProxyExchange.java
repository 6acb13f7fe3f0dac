package io.tollgate.application.port.in;

import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * One client request as the proxy's HTTP adapter sees it, with the changes Kong's plugins may make to it
 * ({@code kong.service.request.*}, {@code kong.response.set_header}). Implemented by the adapter; not thread-safe,
 * used by one request at a time.
 *
 * <p>Reads reflect earlier mutations: after {@link #removeQueryArg} the arg is gone from {@link #rawQuery()} and
 * {@link #queryValues}; after {@link #setUpstreamHeader} / {@link #removeUpstreamHeader} {@link #headerValues}
 * returns the new values.
 */
public interface ProxyExchange {

    /** The request method in upper case, e.g. {@code GET}. */
    String method();

    /** {@code http} or {@code https}: the scheme of the client connection. */
    String scheme();

    /**
     * The client's HTTP version as Kong's {@code kong.request.get_http_version()} gives it: {@code 1.0}, {@code 1.1}
     * or {@code 2.0}.
     */
    default String httpVersion() {
        return "1.1";
    }

    /**
     * The TLS server name (SNI) the client sent, lower case, or {@code null} for a plain-text connection or a TLS
     * client that sent none. Routes' {@code snis} match against it (kong-internals §8.1).
     */
    default @Nullable String sni() {
        return null;
    }

    /** The requested host name from the {@code Host} header, lower case, without port; empty when absent. */
    String host();

    /** The port the request arrived on (the listening port, Kong's {@code server_port}). */
    int port();

    /** The raw (still percent-encoded) request path without the query string, starting with {@code /}. */
    String path();

    /** The raw query string without the {@code ?}, or {@code null} when the request has none. */
    @Nullable
    String rawQuery();

    /**
     * The client's address, e.g. {@code 127.0.0.1}: the connecting peer, or, when that peer is in Kong's
     * {@code trusted_ips}, the address its {@code real_ip_header} names (Kong's {@code kong.client.get_forwarded_ip},
     * nginx's {@code $remote_addr} after real-IP processing).
     */
    String clientAddress();

    /**
     * The address of the connecting peer (the client, or the last proxy before this one), whatever its headers say
     * (Kong's {@code kong.client.get_ip}). Defaults to {@link #clientAddress()} for views without real-IP support.
     */
    default String peerAddress() {
        return clientAddress();
    }

    /**
     * The scheme the client used (Kong's {@code kong.request.get_forwarded_scheme}): {@code X-Forwarded-Proto} when
     * the peer is in {@code trusted_ips} and sent it, else {@link #scheme()}. Lower case.
     */
    default String forwardedScheme() {
        return scheme();
    }

    /** The local address the request arrived on, e.g. {@code 127.0.0.1} (used by correlation-id's tracker). */
    String serverAddress();

    /** Every value of a request header (name case-insensitive), in order; empty when absent. */
    List<String> headerValues(String name);

    /**
     * Every request header (after earlier changes): lower-case names in the order they first appear, each with its
     * values in order. A fresh map.
     */
    Map<String, List<String>> headers();

    /** The first value of a request header, or {@code null}. */
    default @Nullable String header(String name) {
        List<String> values = headerValues(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Every (percent-decoded) value of a query argument, in order; empty when absent. */
    List<String> queryValues(String name);

    /** Sets a header on the request sent upstream, replacing any value the client sent. */
    void setUpstreamHeader(String name, String value);

    /** Adds a value to a header of the request sent upstream, after the values it has. */
    void addUpstreamHeader(String name, String value);

    /** Removes a header from the request sent upstream. */
    void removeUpstreamHeader(String name);

    /** Removes every occurrence of a query argument from the request sent upstream. */
    void removeQueryArg(String name);

    /** Adds a header to whatever response the client gets: the upstream's or one the gateway generates. */
    void addResponseHeader(String name, String value);

    /** Sends the request upstream with this method (upper case, e.g. {@code POST}); {@link #method()} returns it. */
    void setUpstreamMethod(String method);

    /** Replaces the query sent upstream (raw, without {@code ?}; {@code null}: none); {@link #rawQuery()} returns it. */
    void setRawQuery(@Nullable String rawQuery);

    /**
     * Reads the request body into memory without blocking (at most once: later calls return the first stage); the
     * bytes are then replayed upstream as if unread. See {@link io.tollgate.application.plugin.spi.PluginContext#requestBody()}.
     *
     * @return the body (empty array: none), or empty when it exceeds the adapter's buffering bound (then streamed)
     */
    CompletionStage<Optional<byte[]>> readBody();

    /**
     * Sends {@code body} upstream instead of the client's, with its {@code Content-Length}.
     *
     * @throws IllegalStateException unless {@link #readBody()} completed with a body
     */
    void replaceBody(byte[] body);

    /**
     * Sets this exchange's request-body budget: at most {@code maxBytes} bytes of body (as the client sent it, after
     * chunked decoding), counting the part a {@link #readBody()} buffered and the rest as it streams upstream. When
     * the count passes the budget before the upstream's response has started, the adapter aborts the upstream
     * request (closes its connection, so the upstream never sees a complete request) and answers {@code refusal} on
     * a connection it then closes (the body was not read to its end); after the upstream's response has started, it
     * closes the client's connection. A later call replaces the budget; it applies from the request's forwarding on.
     *
     * @param maxBytes the budget in bytes, at least 0
     * @param refusal the response when the budget is exceeded (a {@link ProxyDecision.Respond#message} is rendered
     *     as Kong's {@code kong.response.exit} with a message)
     */
    void limitBody(long maxBytes, ProxyDecision.Respond refusal);

    /**
     * Registers the plugins' response side of this request: the adapter calls its
     * {@link ResponsePhases#headerFilter} before the response head goes out and {@link ResponsePhases#completed} when
     * the exchange completed. At most one; a later call replaces it.
     */
    void onResponse(ResponsePhases phases);

    /**
     * The router matched this request to {@code route} (Kong's {@code kong.router.get_route}) and its
     * {@code service} ({@code null} when the route has none): for what the adapter reports beyond the plugins (the
     * node's JSON access log). Called at most once, before any {@link #authenticated}; ignored by default.
     */
    default void routed(Route route, @Nullable Service service) {}

    /**
     * A plugin authenticated this request as {@code consumer} (Kong's {@code kong.client.authenticate}); a later
     * call replaces it. For the node's JSON access log; ignored by default.
     */
    default void authenticated(Consumer consumer) {}
}
