package io.tollgate.application.proxy.router;

import org.jspecify.annotations.Nullable;

/** Kong's upstream path joins (kong-internals §8.4): the service's base path and what is left of the request path. */
public final class UpstreamPath {

    private UpstreamPath() {}

    /**
     * Kong's {@code request_postfix}: what follows the first {@code prefixLength} characters of the request path, a
     * leading dot segment ({@code .}, {@code ..}, {@code ./}, {@code ../}) dropped so that joining it to the service
     * path cannot climb above it. Allocates only when there is a postfix.
     *
     * @param requestPath the normalized request path
     * @param prefixLength the length of the matched prefix (1, the leading {@code /}, for a route without paths);
     *        clamped to the path's length
     */
    public static String postfix(String requestPath, int prefixLength) {
        int start = Math.min(prefixLength, requestPath.length());
        int length = requestPath.length() - start;
        if (length > 0 && requestPath.charAt(start) == '.') {
            if (length == 1 || requestPath.startsWith("/", start + 1)) {
                start += Math.min(2, length); // "." or "./"
            } else if (requestPath.charAt(start + 1) == '.'
                    && (length == 2 || requestPath.startsWith("/", start + 2))) {
                start += Math.min(3, length); // ".." or "../"
            }
        }
        return requestPath.substring(start);
    }

    /**
     * {@code path_handling = v0}.
     *
     * @param servicePath the service's {@code path}; {@code null} means {@code /}
     * @param requestPath the normalized request path
     * @param postfix Kong's postfix ({@link #postfix}) when {@code strip_path} is on, or {@code null} when it is off
     * @return the upstream path (still percent-encoded as the request path was)
     */
    public static String v0(@Nullable String servicePath, String requestPath, @Nullable String postfix) {
        String base = servicePath == null || servicePath.isEmpty() ? "/" : servicePath;
        if (base.endsWith("/")) {
            if (postfix == null) {
                return base + requestPath.substring(1);
            }
            if (postfix.isEmpty()) {
                return base.equals("/") || requestPath.endsWith("/") ? base : withoutTrailingSlash(base);
            }
            return postfix.startsWith("/") ? withoutTrailingSlash(base) + postfix : base + postfix;
        }
        if (postfix == null) {
            return requestPath.equals("/") ? base : base + requestPath;
        }
        if (postfix.isEmpty()) {
            return requestPath.length() > 1 && requestPath.endsWith("/") ? base + "/" : base;
        }
        return postfix.startsWith("/") ? base + postfix : base + "/" + postfix;
    }

    /**
     * {@code path_handling = v1} (Kong's legacy traditional router): strip → base + postfix, collapsing a double
     * slash at the junction; no strip → base + the request path without its leading slash.
     */
    public static String v1(@Nullable String servicePath, String requestPath, @Nullable String postfix) {
        String base = servicePath == null || servicePath.isEmpty() ? "/" : servicePath;
        if (postfix == null) {
            return base + requestPath.substring(1);
        }
        if (postfix.isEmpty()) {
            return base;
        }
        return base.endsWith("/") && postfix.startsWith("/") ? base + postfix.substring(1) : base + postfix;
    }

    private static String withoutTrailingSlash(String base) {
        return base.substring(0, base.length() - 1);
    }
}
