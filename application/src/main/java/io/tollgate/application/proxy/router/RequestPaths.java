package io.tollgate.application.proxy.router;

import io.tollgate.domain.net.UriPaths;

/**
 * Kong's request path normalization before routing (kong-internals §8.1, {@link UriPaths}): percent-encodings are
 * decoded except those of reserved characters and {@code %} (upper-cased), runs of slashes merged into one
 * ({@code //a} is {@code /a}, as Kong's router normalizes with {@code merge_slashes}) and dot segments removed
 * (RFC 3986 §5.2.4), those written {@code %2E} included. The router matches this decoded form; the upstream path is
 * built from it and escaped again ({@link RouteMatch#upstreamPath}), as in Kong (the client's raw path stays in
 * {@code X-Forwarded-Path}).
 */
public final class RequestPaths {

    private RequestPaths() {}

    /**
     * Normalizes a raw request path as Kong's router does before matching.
     *
     * @param rawPath the raw (percent-encoded) path without the query string; a missing leading {@code /} is added
     * @return the normalized path, starting with {@code /}; {@code rawPath} itself when already normal (no
     *         allocation)
     */
    public static String normalize(String rawPath) {
        return UriPaths.normalize(rawPath);
    }

    /**
     * Whether {@code path} (as {@link #normalize} made it), once every percent-encoding is decoded ({@code %2F} and
     * {@code %5C} included, a backslash read as a slash as some upstreams do) and its dot segments removed, no longer
     * starts with the prefix its route matched: the path an upstream that decodes {@code %2F} would serve lies
     * outside what the route exposes ({@code /public/..%2Fprivate} on a {@code /public} route).
     *
     * @param path the normalized request path
     * @param matchedLength how many of its leading characters the route's path matched (0 for a route without paths)
     */
    public static boolean climbsOutOfPrefix(String path, int matchedLength) {
        if (path.indexOf('%') < 0 && path.indexOf('\\') < 0) {
            return false; // normalize already removed every dot segment
        }
        String prefix = path.substring(0, Math.min(matchedLength, path.length()));
        String decoded = removeDotSegments(decodeAll(path));
        String decodedPrefix = decodeAll(prefix);
        if (decodedPrefix.contains("/.") || decodedPrefix.contains("//")) {
            decodedPrefix = removeDotSegments(decodedPrefix);
        }
        return !decoded.startsWith(decodedPrefix);
    }

    private static String decodeAll(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && hex(path.charAt(i + 1)) >= 0 && hex(path.charAt(i + 2)) >= 0) {
                c = (char) (hex(path.charAt(i + 1)) * 16 + hex(path.charAt(i + 2)));
                i += 2;
            }
            out.append(c == '\\' ? '/' : c);
        }
        return out.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static String removeDotSegments(String path) {
        return UriPaths.removeDotSegments(path);
    }
}
