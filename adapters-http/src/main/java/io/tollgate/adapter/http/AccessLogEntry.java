package io.tollgate.adapter.http;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One completed request as the JSON access log shows it ({@link AccessLogJson}): captured on the I/O thread when the
 * exchange completes (a few field copies, no formatting), encoded later by the log's writer.
 *
 * @param timeMillis when the exchange completed, epoch milliseconds (nginx's {@code $time_iso8601}: the log time)
 * @param clientIp the client's address (after Kong's real-IP processing on the proxy, nginx's {@code $remote_addr})
 * @param method the request method, e.g. {@code GET}
 * @param path the request target's path as received
 * @param query its query without the {@code ?}, or {@code null} when none (with the path, nginx's
 *     {@code $request_uri})
 * @param protocol e.g. {@code HTTP/1.1}
 * @param status the status sent
 * @param bodyBytesSent response body bytes sent ({@code $body_bytes_sent})
 * @param referer the {@code Referer} request header, or {@code null}
 * @param userAgent the {@code User-Agent} request header, or {@code null}
 * @param requestMs ms from the request's arrival to the end of the exchange (Kong's {@code latencies.request})
 * @param upstreamMs ms from sending the request upstream to its response head (Kong's {@code latencies.proxy}), -1
 *     when no upstream answered or on the Admin API
 * @param kongMs ms the gateway itself spent (Kong's {@code latencies.kong}: request minus upstream wait and receive),
 *     -1 on the Admin API
 * @param requestId the {@code X-Kong-Request-Id}, or {@code null}
 * @param routeId the matched route's id, or {@code null}
 * @param routeName its name, or {@code null}
 * @param serviceId the route's service's id, or {@code null}
 * @param serviceName its name, or {@code null}
 * @param consumerId the authenticated consumer's id (proxy only), or {@code null}
 */
public record AccessLogEntry(
        long timeMillis,
        String clientIp,
        String method,
        String path,
        @Nullable String query,
        String protocol,
        int status,
        long bodyBytesSent,
        @Nullable String referer,
        @Nullable String userAgent,
        long requestMs,
        long upstreamMs,
        long kongMs,
        @Nullable String requestId,
        @Nullable UUID routeId,
        @Nullable String routeName,
        @Nullable UUID serviceId,
        @Nullable String serviceName,
        @Nullable UUID consumerId) {}
