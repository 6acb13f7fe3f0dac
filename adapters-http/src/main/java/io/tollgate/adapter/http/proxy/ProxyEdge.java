package io.tollgate.adapter.http.proxy;

import io.tollgate.adapter.http.edge.EdgeSettings;
import io.tollgate.adapter.http.edge.KongHeaders;
import io.tollgate.adapter.http.edge.RealIp;
import io.undertow.util.HttpString;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * The edge settings of one proxy, pre-parsed for the hot path: the real-IP policy, the header flags, the header
 * names as {@link HttpString}s, and the request-id generator. Immutable and thread-safe.
 */
final class ProxyEdge {

    static final HttpString REQUEST_ID = HttpString.tryFromString("X-Kong-Request-Id");
    static final HttpString UPSTREAM_LATENCY = HttpString.tryFromString("X-Kong-Upstream-Latency");
    static final HttpString PROXY_LATENCY = HttpString.tryFromString("X-Kong-Proxy-Latency");
    static final HttpString RESPONSE_LATENCY = HttpString.tryFromString("X-Kong-Response-Latency");
    static final HttpString UPSTREAM_STATUS = HttpString.tryFromString("X-Kong-Upstream-Status");

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    final EdgeSettings settings;
    final RealIp realIp;
    final HttpString realIpHeader;
    final KongHeaders headers;
    /** Whether any peer is trusted: when not, no request pays for real-IP processing. */
    final boolean anyTrusted;
    /** {@code nginx_http_client_max_body_size} as a request-body budget (Kong's 413), {@code null} for no limit. */
    final RequestBodyBudget.@Nullable Limit maxBodySize;

    ProxyEdge(EdgeSettings settings) {
        this.settings = settings;
        this.realIp = settings.realIp();
        this.realIpHeader = HttpString.tryFromString(settings.realIpHeader());
        this.headers = settings.headers();
        this.anyTrusted = !settings.trustedIps().isEmpty();
        this.maxBodySize = settings.clientMaxBodySize() > 0
                ? new RequestBodyBudget.Limit(settings.clientMaxBodySize(), null)
                : null;
    }

    /** A new request id like Kong's {@code $kong_request_id}: 32 random lower-case hex digits, no lock, no I/O. */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[32];
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (high & 0xf)];
            out[16 + i] = HEX[(int) (low & 0xf)];
            high >>>= 4;
            low >>>= 4;
        }
        return new String(out);
    }
}
