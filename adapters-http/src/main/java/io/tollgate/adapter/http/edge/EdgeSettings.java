package io.tollgate.adapter.http.edge;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The proxy listener's edge configuration (kong-internals §5.3), parsed once at start-up.
 *
 * @param trustedIps {@code trusted_ips}
 * @param realIpHeader {@code real_ip_header} (default {@code X-Real-IP}), or Kong's {@code proxy_protocol}: the source
 *        address of the PROXY protocol header that listeners with the {@code proxy_protocol} flag require
 * @param realIpRecursive {@code real_ip_recursive} (default off)
 * @param headers {@code headers}
 * @param upstreamRequestId {@code headers_upstream} contains {@code X-Kong-Request-Id} (default on)
 * @param errorDefaultType {@code error_default_type}: the media type of error bodies when the request has neither
 *        {@code Accept} nor {@code Content-Type} (default {@code text/plain})
 * @param clientMaxBodySize {@code nginx_http_client_max_body_size} in bytes; 0 = unlimited (Kong's default)
 * @param headerBufferCount {@code nginx_http_large_client_header_buffers}' number (default 4): the request line
 *        and headers together may take {@code headerBufferCount * headerBufferSize} bytes
 * @param headerBufferSize {@code nginx_http_large_client_header_buffers}' size in bytes (default 8k): the longest
 *        request line (longer: 414) and the longest header line (longer: 400 "Request header or cookie too large")
 * @param clientHeaderTimeoutMs {@code nginx_http_client_header_timeout} in ms (default 60 s): a client that has not
 *        sent its whole request head by then is disconnected (nginx's {@code client_header_timeout})
 * @param clientBodyTimeoutMs {@code nginx_http_client_body_timeout} in ms (default 60 s): the longest wait between
 *        two successive reads of a request body the proxy buffers; a client that stalls its body longer is
 *        disconnected without a response and the request logged with 408 (nginx's {@code client_body_timeout})
 * @param refusePathTraversal {@code proxy_refuse_path_traversal} (Tollgate's, default off as Kong): a request whose
 *        path, once every percent-encoding is decoded ({@code %2F} included), climbs out of the prefix its route
 *        matched is refused with 400 instead of proxied (e.g. {@code /public/%2E%2E%2Fprivate} on a {@code /public}
 *        route, which an upstream that decodes {@code %2F} would serve as {@code /private})
 * @param allowDebugHeader Kong's {@code allow_debug_header} (default off): a request carrying a {@code Kong-Debug}
 *        header gets, once a route matched, {@code Kong-Route-Id}, {@code Kong-Route-Name}, {@code Kong-Service-Id}
 *        and {@code Kong-Service-Name} response headers (the names only when set)
 * @param errorTemplates Kong's {@code error_template_html}, {@code _json}, {@code _xml} and {@code _plain}: the
 *        custom error templates read from their files ({@link ErrorTemplates#NONE} when none is configured)
 * @param portMaps Kong's {@code port_maps} ({@link PortMaps#NONE} when unset): the port a request's
 *        {@code X-Forwarded-Port} names, per port the node listens on
 * @param lingering {@code nginx_http_lingering_time} and {@code nginx_http_lingering_timeout} (nginx's 30 s and 5 s
 *        by default): how long the proxy's HTTP/1 listeners linger on a closing connection with an unread body
 */
public record EdgeSettings(
        TrustedIps trustedIps,
        String realIpHeader,
        boolean realIpRecursive,
        KongHeaders headers,
        boolean upstreamRequestId,
        String errorDefaultType,
        long clientMaxBodySize,
        int headerBufferCount,
        int headerBufferSize,
        long clientHeaderTimeoutMs,
        long clientBodyTimeoutMs,
        boolean refusePathTraversal,
        boolean allowDebugHeader,
        ErrorTemplates errorTemplates,
        PortMaps portMaps,
        Lingering lingering) {

    /** The media types {@code error_default_type} accepts. */
    public static final Set<String> ERROR_TYPES =
            Set.of("text/plain", "text/html", "application/json", "application/xml");

    /** Kong's defaults. */
    public static final EdgeSettings DEFAULTS = new EdgeSettings(
            TrustedIps.NONE,
            "X-Real-IP",
            false,
            KongHeaders.DEFAULTS,
            true,
            "text/plain",
            0,
            4,
            8 * 1024,
            60_000,
            60_000,
            false,
            false,
            ErrorTemplates.NONE,
            PortMaps.NONE,
            Lingering.DEFAULTS);

    /**
     * As the canonical constructor, with nginx's 60 s {@code client_header_timeout} and {@code client_body_timeout},
     * nginx's lingering times, and Kong's defaults for the rest.
     */
    public EdgeSettings(
            TrustedIps trustedIps,
            String realIpHeader,
            boolean realIpRecursive,
            KongHeaders headers,
            boolean upstreamRequestId,
            String errorDefaultType,
            long clientMaxBodySize,
            int headerBufferCount,
            int headerBufferSize) {
        this(
                trustedIps,
                realIpHeader,
                realIpRecursive,
                headers,
                upstreamRequestId,
                errorDefaultType,
                clientMaxBodySize,
                headerBufferCount,
                headerBufferSize,
                60_000,
                60_000,
                false,
                false,
                ErrorTemplates.NONE,
                PortMaps.NONE,
                Lingering.DEFAULTS);
    }

    public EdgeSettings {
        Objects.requireNonNull(trustedIps, "trustedIps");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(errorTemplates, "errorTemplates");
        Objects.requireNonNull(portMaps, "portMaps");
        Objects.requireNonNull(lingering, "lingering");
        errorDefaultType = errorType(errorDefaultType);
        realIpHeader = realIpHeader(realIpHeader);
        if (clientMaxBodySize < 0) {
            throw new IllegalArgumentException("the body size limit must be 0 (unlimited) or more");
        }
        if (headerBufferCount < 1 || headerBufferSize < 1) {
            throw new IllegalArgumentException("header buffers must be at least 1 of 1 byte");
        }
        if (clientHeaderTimeoutMs < 1 || clientHeaderTimeoutMs > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the client header timeout must be positive");
        }
        if (clientBodyTimeoutMs < 1 || clientBodyTimeoutMs > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the client body timeout must be positive");
        }
    }

    /** @return the real-IP policy of these settings */
    public RealIp realIp() {
        return new RealIp(trustedIps, realIpHeader, realIpRecursive);
    }

    /** @return the most bytes the request line and headers may take together */
    public int maxHeaderBytes() {
        return headerBufferCount * headerBufferSize;
    }

    /**
     * Checks {@code error_default_type}.
     *
     * @throws IllegalArgumentException unless one of {@link #ERROR_TYPES}
     */
    public static String errorType(String value) {
        String type = value.trim().toLowerCase(Locale.ROOT);
        if (!ERROR_TYPES.contains(type)) {
            throw new IllegalArgumentException(
                    "must be one of: text/plain, text/html, application/json, " + "application/xml");
        }
        return type;
    }

    /**
     * Checks {@code real_ip_header}: a header name, or {@code proxy_protocol}.
     *
     * @throws IllegalArgumentException for a value that is no header name
     */
    public static String realIpHeader(String value) {
        String name = value.trim();
        if (name.equalsIgnoreCase(RealIp.PROXY_PROTOCOL)) {
            return RealIp.PROXY_PROTOCOL;
        }
        if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
            throw new IllegalArgumentException("'" + value + "' is not a header name");
        }
        return name;
    }

    /**
     * Parses {@code nginx_http_large_client_header_buffers}: {@code <number> <size>}, size in bytes or with a
     * {@code k}/{@code m} suffix, e.g. {@code 4 8k}.
     *
     * @return {number, size in bytes}
     * @throws IllegalArgumentException when malformed or not positive
     */
    public static int[] headerBuffers(String value) {
        String[] parts = value.trim().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("must be '<number> <size>', e.g. '4 8k'");
        }
        try {
            int number = Integer.parseInt(parts[0]);
            long size = size(parts[1]);
            if (number < 1 || size < 1 || (long) number * size > 64L * 1024 * 1024) {
                throw new IllegalArgumentException("must be positive and at most 64m in total");
            }
            return new int[] {number, (int) size};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be '<number> <size>', e.g. '4 8k'");
        }
    }

    /**
     * Parses an nginx time: milliseconds with {@code ms}, else seconds (no unit or {@code s}), minutes ({@code m}) or
     * hours ({@code h}), e.g. {@code 60s}, {@code 500ms}, {@code 1m}.
     *
     * @return the time in ms
     * @throws IllegalArgumentException when malformed or not positive
     */
    public static long timeMs(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long factor = 1000;
        String digits = v;
        if (v.endsWith("ms")) {
            factor = 1;
            digits = v.substring(0, v.length() - 2);
        } else if (v.endsWith("s")) {
            digits = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            factor = 60_000;
            digits = v.substring(0, v.length() - 1);
        } else if (v.endsWith("h")) {
            factor = 3_600_000;
            digits = v.substring(0, v.length() - 1);
        }
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("must be a time such as 60s, 500ms or 1m");
        }
        long ms = Long.parseLong(digits) * factor;
        if (ms < 1 || ms > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("must be between 1ms and 24d");
        }
        return ms;
    }

    /**
     * Parses an nginx size: bytes, or a number with {@code k} or {@code m} (powers of 1024); 0 allowed.
     *
     * @throws NumberFormatException when malformed
     */
    public static long size(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        long factor = 1;
        if (v.endsWith("k")) {
            factor = 1024;
        } else if (v.endsWith("m")) {
            factor = 1024 * 1024;
        } else if (v.endsWith("g")) {
            factor = 1024L * 1024 * 1024;
        }
        String digits = factor == 1 ? v : v.substring(0, v.length() - 1);
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
            throw new NumberFormatException(value);
        }
        return Math.multiplyExact(Long.parseLong(digits), factor);
    }

    /** @return the tokens of a comma-separated property value, trimmed, blanks dropped */
    public static List<String> list(String value) {
        return java.util.Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}
