package io.tollgate.application.port.in;

import io.tollgate.domain.service.ServiceId;
import org.jspecify.annotations.Nullable;

/**
 * Where the proxy reports each completed exchange for the cluster's traffic series ({@code GET /clustering/traffic}),
 * and the event-log follower each applied batch. Lock-free and allocation-free per request; never blocks, never
 * throws.
 */
public interface RecordTraffic {

    /** Records nothing (a node without traffic sampling, tests). */
    RecordTraffic NONE = new RecordTraffic() {
        @Override
        public void proxied(@Nullable ServiceId service, int status, long latencyMs) {}

        @Override
        public void propagated(long lagMs) {}
    };

    /**
     * One completed proxied exchange.
     *
     * @param service the service it was forwarded to, or {@code null} when none (no route matched, refused at the
     *     edge, answered by a plugin before forwarding)
     * @param status the status sent to the client ({@code >= 500} counts as an error)
     * @param latencyMs Kong's request latency ({@code latencies.request}): ms from the request's arrival to the end
     *     of the exchange
     */
    void proxied(@Nullable ServiceId service, int status, long latencyMs);

    /** This node applied other nodes' events {@code lagMs} ms after the oldest of them was appended to the log. */
    void propagated(long lagMs);
}
