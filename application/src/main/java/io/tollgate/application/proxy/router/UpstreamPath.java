package io.tollgate.application.proxy.router;

import org.jspecify.annotations.Nullable;

/** Kong's upstream path joins (kong-internals §8.4): the service's base path and what is left of the request path. */
public final class UpstreamPath {

    private UpstreamPath() {}

    /**
     * {@code path_handling = v0}.
     *
     * @param servicePath the service's {@code path}; {@code null} means {@code /}
     * @param requestPath the normalized request path
     * @param postfix what follows the matched part when {@code strip_path} is on, or {@code null} when it is off
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
