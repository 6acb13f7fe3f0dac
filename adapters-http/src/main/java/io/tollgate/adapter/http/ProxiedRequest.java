package io.tollgate.adapter.http;

import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import io.undertow.util.AttachmentKey;
import org.jspecify.annotations.Nullable;

/**
 * What the proxy learnt about one request that the JSON access log shows beyond what Undertow knows: attached to
 * the exchange under {@link #KEY} by the proxy's handler, read when the exchange completes (on its I/O thread).
 */
public interface ProxiedRequest {

    /** Where the proxy attaches it. */
    AttachmentKey<ProxiedRequest> KEY = AttachmentKey.create(ProxiedRequest.class);

    /** The client's address after Kong's real-IP processing ({@code trusted_ips}, {@code real_ip_header}). */
    String clientAddress();

    /** The request's {@code X-Kong-Request-Id}. */
    String requestId();

    /** Ms from sending the request upstream to its response head (Kong's {@code latencies.proxy}), or -1. */
    long upstreamWaitMs();

    /** When the upstream's response head arrived ({@link System#nanoTime()}), or 0 when none did. */
    long upstreamHeadNanos();

    /** The route the router matched, or {@code null}. */
    @Nullable
    Route route();

    /** The matched route's service, or {@code null}. */
    @Nullable
    Service service();

    /** The consumer a plugin authenticated the request as, or {@code null}. */
    @Nullable
    Consumer consumer();
}
