package io.tollgate.application.plugin.spi;

import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * One request as its plugins see it (Kong's PDK: {@code kong.request}, {@code kong.service.request},
 * {@code kong.response}, {@code kong.client}, {@code kong.router}, {@code kong.ctx.shared}, {@code kong.log}). One
 * object per request, shared by all its plugins and phases; not thread-safe, but the phases of one request never run
 * at the same time.
 *
 * <p>Request reads show the changes plugins made for the upstream so far (a removed header is gone).
 */
public interface PluginContext {

    // --- kong.request / kong.client

    /** The request method in upper case, e.g. {@code GET}, after any {@link #setMethod}. */
    String method();

    /** {@code http} or {@code https}: the scheme of the client connection. */
    String scheme();

    /**
     * The client's HTTP version (Kong's {@code kong.request.get_http_version()}): {@code 1.0}, {@code 1.1} or
     * {@code 2.0}.
     */
    default String httpVersion() {
        return "1.1";
    }

    /** The requested host from {@code Host}, lower case, without port; empty when absent. */
    String host();

    /** The port the request arrived on. */
    int port();

    /** The raw (percent-encoded) request path the client sent, without the query, starting with {@code /}. */
    String path();

    /** The raw query string without {@code ?} (after plugins' changes), or {@code null} when there is none. */
    @Nullable
    String rawQuery();

    /** Every (percent-decoded) value of a query argument, in order; empty when absent. */
    List<String> queryValues(String name);

    /** Every value of a request header (name case-insensitive), in order; empty when absent. */
    List<String> headerValues(String name);

    /**
     * Every request header (Kong's {@code kong.request.get_headers}): lower-case names in the order they first
     * appear, each with its values in order; a fresh map.
     */
    Map<String, List<String>> headers();

    /** The first value of a request header, or {@code null}. */
    @Nullable
    String header(String name);

    /**
     * The client's IP address (Kong's {@code kong.client.get_forwarded_ip}): the peer's, or, when the peer is in
     * {@code trusted_ips}, the address its {@code real_ip_header} names.
     */
    String clientIp();

    /** The local address the request arrived on, e.g. {@code 127.0.0.1}. */
    String serverAddress();

    /**
     * The request body as the client sent it (Kong's {@code kong.request.get_raw_body}), read without blocking the
     * first time a plugin asks (later calls return the same stage). Bodies are held in memory up to the node's
     * buffering bound (1 MiB); a larger body is streamed upstream as it is and not offered to plugins.
     *
     * @return a stage with the body (an empty array when the request has none), or an empty {@code Optional} when it
     *     is larger than the bound; the stage fails when the client breaks the connection mid-body
     */
    CompletionStage<Optional<byte[]>> requestBody();

    /**
     * Sets a byte budget on the request body, enforced by the node while the body streams (for a body larger than
     * the buffering bound of {@link #requestBody()}, which a plugin cannot measure itself; Kong's plugins count the
     * file nginx spilled it to): when the client's body (after chunked decoding) passes {@code maxBytes} before the
     * upstream's response has started, the upstream request is aborted (it never sees a complete request) and the
     * client gets {@code status} with {@code {"message": message}} (as {@link #exitWithMessage}) on a connection the
     * node then closes; once the upstream's response has started, the client's connection is closed. A later call
     * replaces the budget.
     *
     * @param maxBytes the budget in bytes, at least 0
     * @param status the refusal's status, e.g. 413
     * @param message the refusal's message
     */
    void limitRequestBody(long maxBytes, int status, String message);

    // --- kong.service.request: the request sent upstream

    /**
     * Sends these bytes upstream instead of the client's body (Kong's {@code kong.service.request.set_raw_body}), with
     * a matching {@code Content-Length} (and no {@code Transfer-Encoding}). Set the {@code Content-Type} with
     * {@link #setHeader} when it changes.
     *
     * @throws IllegalStateException when {@link #requestBody()} has not completed with a body yet (read the body
     *     first: the client's bytes must be consumed before others replace them)
     */
    void setRequestBody(byte[] body);

    /** Sends the request upstream with this method (e.g. {@code POST}). */
    void setMethod(String method);

    /**
     * Sends the request upstream with this path (raw, starting with {@code /}) instead of the one built from the
     * route and service (Kong's {@code kong.service.request.set_path}).
     */
    void setUpstreamPath(String path);

    /** The upstream path set with {@link #setUpstreamPath}, or {@code null} for the route's. */
    @Nullable
    String upstreamPath();

    /** Sends the request upstream with this raw query ({@code null}: none). */
    void setRawQuery(@Nullable String rawQuery);

    /** Removes every occurrence of a query argument from the upstream request. */
    void removeQueryArg(String name);

    /** Sets a header on the upstream request, replacing the client's values. */
    void setHeader(String name, String value);

    /** Adds a value to a header of the upstream request, after any it has (Kong's {@code add_header}). */
    void addHeader(String name, String value);

    /** Removes a header from the upstream request. */
    void removeHeader(String name);

    // --- kong.router

    /** The matched route, or {@code null} in {@code rewrite} (before routing). */
    @Nullable
    Route route();

    /** The matched route's service, or {@code null} in {@code rewrite} or for a route without one. */
    @Nullable
    Service service();

    /**
     * A group the matched route's regex path captured (Kong's {@code kong.request.get_uri_captures}), by name or by
     * number (from 1), or {@code null} (no such group, a prefix route, or before routing).
     */
    @Nullable
    String uriCapture(String nameOrNumber);

    // --- kong.client.authenticate

    /** The authenticated consumer, or {@code null}. */
    @Nullable
    Consumer consumer();

    /** The id of the credential that authenticated the consumer, or {@code null} (none, or anonymous). */
    @Nullable
    UUID credential();

    /**
     * Kong's {@code kong.client.authenticate} + the auth plugins' {@code set_consumer}: records the consumer and
     * credential (later plugins' consumer-scoped instances apply from now on) and sets the {@code X-Consumer-ID},
     * {@code X-Consumer-Custom-ID}, {@code X-Consumer-Username}, {@code X-Credential-Identifier} and
     * {@code X-Anonymous-Consumer} upstream headers (removing any the client sent).
     *
     * @param credentialId the credential used, or {@code null} for an anonymous consumer; also the
     *     {@code X-Credential-Identifier} (key-auth's choice)
     */
    default void authenticate(Consumer consumer, @Nullable UUID credentialId) {
        authenticate(consumer, credentialId, credentialId == null ? null : credentialId.toString());
    }

    /**
     * {@link #authenticate(Consumer, UUID)} with the {@code X-Credential-Identifier} the plugin chooses, as Kong's
     * auth plugins do: basic-auth and hmac-auth send the credential's {@code username}, jwt its {@code key}.
     *
     * @param credentialId the credential used, or {@code null} for an anonymous consumer
     * @param credentialIdentifier the upstream {@code X-Credential-Identifier}, or {@code null} to send none
     */
    void authenticate(Consumer consumer, @Nullable UUID credentialId, @Nullable String credentialIdentifier);

    // --- kong.response

    /**
     * Ends the request with this response (Kong's {@code kong.response.exit}); the remaining {@code access}
     * handlers are skipped. The last call wins.
     *
     * @param status the HTTP status code
     * @param body the body (UTF-8), sent as it is
     * @param headers response headers, e.g. {@code Content-Type}
     */
    void exit(int status, String body, Map<String, String> headers);

    /**
     * {@link #exit(int, String, Map)} with a body of any bytes (e.g. a cached response, as Kong's
     * {@code kong.response.exit(status, body, headers)} sends a raw string), sent as it is with a matching
     * {@code Content-Length}. The array is not copied: do not change it afterwards.
     *
     * @param status the HTTP status code
     * @param body the body bytes
     * @param headers response headers, each with its values in order (e.g. several {@code Set-Cookie})
     */
    void exit(int status, byte[] body, Map<String, List<String>> headers);

    /**
     * {@link #exit(int, byte[], Map)} for a response that stands in for the upstream's (Kong's proxy-cache sets
     * {@code ctx.KONG_PROXIED} before answering a hit): the client gets Kong's latencies of a proxied request,
     * {@code X-Kong-Proxy-Latency} (ms until this exit) and {@code X-Kong-Upstream-Latency} ({@code 0}), not
     * {@code X-Kong-Response-Latency}.
     *
     * @param status the HTTP status code
     * @param body the body bytes (not copied)
     * @param headers response headers, each with its values in order
     */
    void exitAsProxied(int status, byte[] body, Map<String, List<String>> headers);

    /**
     * Ends the request with Kong's {@code {"message": message}} body (rendered for the client's {@code Accept} with
     * the request id, as Kong's {@code kong.response.error}).
     */
    void exitWithMessage(int status, String message, Map<String, String> headers);

    /** Whether a plugin ended the request. */
    boolean exited();

    /** Adds a header to whatever response the client gets (the upstream's or a generated one). */
    void addResponseHeader(String name, String value);

    /** The response status: known in {@code response}, {@code headerFilter} and {@code log}; 0 before. */
    int responseStatus();

    /**
     * Every value of a response header (case-insensitive); in {@code response}, {@code headerFilter} and
     * {@code log}.
     */
    List<String> responseHeaderValues(String name);

    /**
     * Every response header (Kong's {@code ngx.resp.get_headers}): names as the response has them, each with its
     * values in order; in {@code response} and {@code headerFilter} (empty elsewhere). A fresh map.
     */
    Map<String, List<String>> responseHeaders();

    /**
     * Sets a response header (Kong's {@code kong.response.set_header}).
     *
     * @throws IllegalStateException outside {@code response} and {@code headerFilter}
     */
    void setResponseHeader(String name, String value);

    /**
     * Removes a response header (Kong's {@code kong.response.clear_header}).
     *
     * @throws IllegalStateException outside {@code response} and {@code headerFilter}
     */
    void removeResponseHeader(String name);

    /**
     * The upstream's whole response body (Kong's {@code kong.service.response.get_raw_body}), after any
     * {@link #setResponseBody}; in {@code response} only.
     *
     * @throws IllegalStateException in another phase
     */
    byte[] responseBody();

    /**
     * Replaces the response body (Kong's {@code kong.response.set_raw_body}); sent with a matching
     * {@code Content-Length}. In {@code response} only.
     *
     * @throws IllegalStateException in another phase
     */
    void setResponseBody(byte[] body);

    /**
     * Replaces the response status (Kong's {@code kong.response.set_status}); in {@code response} and
     * {@code headerFilter} (the headers stay; to answer with another response before the upstream, use
     * {@link #exit}).
     *
     * @throws IllegalArgumentException outside 100–599
     * @throws IllegalStateException outside {@code response} and {@code headerFilter}
     */
    void setResponseStatus(int status);

    // --- kong.ctx.shared, kong.log

    /** A map shared by all plugins of this request (Kong's {@code kong.ctx.shared}); mutable. */
    Map<String, Object> shared();

    /**
     * Kong's log serializer ({@code kong.log.serialize}): in {@code log}, the exchange as Kong's log plugins write
     * it, JSON-ready (maps, lists, strings, numbers, booleans): {@code request{id, uri, url, querystring (map of
     * arguments: a string, a list of strings, or {@code true} for a bare argument), method, headers (lower-case
     * names; {@code authorization} and {@code proxy-authorization} are {@code "REDACTED"}), size, tls{version,
     * cipher, client_verify} (HTTPS only)}}, {@code upstream_uri} (path and query sent upstream, empty when no
     * service was reached), {@code upstream_status} (string, nginx's: every try's status separated by
     * {@code ", "}, 502/504 for a try without a response, e.g. {@code "502, 200"}; empty when no try was made),
     * {@code response{status, headers, size}}, {@code latencies{kong, proxy, request, receive}} (ms; {@code proxy}
     * is -1 without an upstream response), {@code tries} ([{@code balancer_start}, {@code balancer_latency},
     * {@code ip}, {@code port}, and {@code state}/{@code code} for a failed try]; absent when no route matched),
     * {@code authenticated_entity{id, consumer_id}} (the credential), {@code route}, {@code service} and
     * {@code consumer} (whole entities, as the Admin API shows them), {@code client_ip}, {@code started_at} (epoch
     * ms), {@code source} ({@code upstream} for a proxied response, else {@code kong}), {@code workspace} and
     * {@code workspace_name}, plus what plugins {@linkplain #setSerializeValue set}. Mutable; before {@code log} it
     * holds only the plugins' values.
     */
    Map<String, Object> logSerializer();

    /** Kong's {@code kong.log.set_serialize_value}: adds a top-level field to {@link #logSerializer()}. */
    void setSerializeValue(String key, Object value);

    /**
     * The numbers of the exchange (status, sizes, latencies, source) as {@link #logSerializer()} has them, in
     * {@code log}; the node answers it without building the serializer object (which costs maps of headers and
     * entities), so a plugin that needs only these numbers should read them here.
     */
    default ExchangeSummary exchangeSummary() {
        return ExchangeSummary.of(logSerializer());
    }
}
