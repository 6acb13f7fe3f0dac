package io.tollgate.adapter.http.proxy;

import io.tollgate.adapter.http.edge.EdgeSettings;
import io.tollgate.adapter.http.edge.RequestTargets;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.Protocols;
import org.jspecify.annotations.Nullable;

/**
 * What nginx refuses before Kong sees a request, checked before routing: request smuggling shapes, {@code TRACE}
 * (405, as nginx refuses it; Kong's error page says "Method not allowed"), a control character in the request target
 * (400, connection closed: the proxy's listeners take raw bytes in the target, so that raw UTF-8 reads as nginx reads
 * it, and a raw CR, TAB or NUL in the query would otherwise reach the upstream's request line as it came), an over-long request line (414),
 * over-large headers (nginx's 494, answered as Kong 3.x does: 400 "Bad request"), and a declared body over
 * {@code nginx_http_client_max_body_size} (413).
 *
 * <p>Undertow itself already answers a bare {@code 400} and closes the connection for a request with both
 * {@code Content-Length} and {@code Transfer-Encoding}, repeated or malformed {@code Content-Length}, a space before
 * a header's colon, or headers beyond its own {@code MAX_HEADER_SIZE}. This guard closes the gaps Undertow leaves:
 * any {@code Transfer-Encoding} other than exactly one {@code chunked} ({@code xchunked}, {@code chunked, identity}
 * are otherwise read as chunked), and {@code Transfer-Encoding} on HTTP/1.0. Those get 400 and the connection is
 * closed, so no bytes of the ambiguous body are ever read as a next request.
 *
 * <p>Cost: one pass over the request headers' lengths, no allocation.
 */
final class RequestGuard {

    /** A refusal: status, Kong's message, and whether to close the connection after it. */
    record Refusal(int status, String message, boolean close) {}

    private final int maxLine;
    private final int maxHeaders;
    private final long maxBody;

    RequestGuard(EdgeSettings settings) {
        this.maxLine = settings.headerBufferSize();
        this.maxHeaders = settings.maxHeaderBytes();
        this.maxBody = settings.clientMaxBodySize();
    }

    /** @return why the request is refused, or {@code null} when it may go on */
    @Nullable
    Refusal check(HttpServerExchange exchange) {
        HeaderMap headers = exchange.getRequestHeaders();
        HeaderValues encoding = headers.get(Headers.TRANSFER_ENCODING);
        if (encoding != null
                && (encoding.size() != 1
                        || !encoding.getFirst().trim().equalsIgnoreCase("chunked")
                        || exchange.getProtocol().equals(Protocols.HTTP_1_0))) {
            return new Refusal(400, KongErrors.BAD_REQUEST, true);
        }
        if (exchange.getRequestMethod().equals(Methods.TRACE)) {
            return new Refusal(405, KongErrors.METHOD_NOT_ALLOWED, false);
        }
        String query = exchange.getQueryString();
        if (RequestTargets.hasControlCharacter(exchange.getRequestURI()) || RequestTargets.hasControlCharacter(query)) {
            return new Refusal(400, KongErrors.BAD_REQUEST, true);
        }
        if (exchange.getRequestURI().length() + (query == null ? 0 : query.length() + 1) > maxLine) {
            return new Refusal(414, KongErrors.URI_TOO_LONG, false);
        }
        long total = 0;
        for (long i = headers.fastIterateNonEmpty(); i != -1L; i = headers.fiNextNonEmpty(i)) {
            HeaderValues values = headers.fiCurrent(i);
            int name = values.getHeaderName().length() + 2;
            for (int v = 0; v < values.size(); v++) {
                int line = name + values.get(v).length();
                if (line > maxLine) {
                    return new Refusal(400, KongErrors.BAD_REQUEST, false);
                }
                total += line + 2;
            }
        }
        if (total > maxHeaders) {
            return new Refusal(400, KongErrors.BAD_REQUEST, false);
        }
        if (maxBody > 0) {
            String length = headers.getFirst(Headers.CONTENT_LENGTH);
            if (length != null && Long.parseLong(length.trim()) > maxBody) {
                return new Refusal(413, KongErrors.TOO_LARGE, true);
            }
            if (!exchange.getProtocol().equals(Protocols.HTTP_2_0)) {
                // on an HTTP/2 stream Undertow enforces this limit by resetting the stream, with no response: there the
                // body's readers count it instead (RequestBuffer, RequestBodyBudget) and answer Kong's 413, as nginx
                exchange.setMaxEntitySize(maxBody);
            }
        }
        return null;
    }
}
