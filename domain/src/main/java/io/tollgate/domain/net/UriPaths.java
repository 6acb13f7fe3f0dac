package io.tollgate.domain.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Kong's path normalization ({@code kong.tools.uri.normalize} with {@code merge_slashes}, kong-internals §8.1) as
 * Tollgate applies it: percent-encoded unreserved characters are decoded, other percent-encodings upper-cased, runs
 * of slashes merged into one and dot segments removed (RFC 3986 §5.2.4), those written {@code %2E} included. (Kong
 * also decodes percent-encodings of characters that are neither reserved nor unreserved; Tollgate keeps them
 * encoded, a documented difference.) The router normalizes request paths with it before matching, and a route's
 * fixed path must already be in this form.
 */
public final class UriPaths {

    private UriPaths() {}

    /**
     * Normalizes a raw path.
     *
     * @param rawPath the raw (percent-encoded) path without the query string; a missing leading {@code /} is added
     * @return the normalized path, starting with {@code /}; {@code rawPath} itself when already normal (no
     *         allocation)
     */
    public static String normalize(String rawPath) {
        String path = rawPath.isEmpty() || rawPath.charAt(0) != '/' ? "/" + rawPath : rawPath;
        if (path.indexOf('%') >= 0) {
            path = decodeUnreserved(path);
        }
        return path.contains("/.") || path.contains("//") ? removeDotSegments(path) : path;
    }

    private static String decodeUnreserved(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && hex(path.charAt(i + 1)) >= 0 && hex(path.charAt(i + 2)) >= 0) {
                char decoded = (char) (hex(path.charAt(i + 1)) * 16 + hex(path.charAt(i + 2)));
                if (Character.isLetterOrDigit(decoded) && decoded < 128 || "-._~".indexOf(decoded) >= 0) {
                    out.append(decoded);
                } else {
                    out.append('%')
                            .append(Character.toUpperCase(path.charAt(i + 1)))
                            .append(Character.toUpperCase(path.charAt(i + 2)));
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /**
     * Removes dot segments and merges runs of slashes (an empty segment that is not the last one).
     *
     * @param path a path starting with {@code /}
     */
    public static String removeDotSegments(String path) {
        String[] segments = path.split("/", -1);
        List<String> out = new ArrayList<>(segments.length);
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.isEmpty() && !last) {
                continue;
            }
            if (segment.equals(".") || segment.equals("..")) {
                if (segment.equals("..") && !out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                if (last) {
                    out.add("");
                }
            } else {
                out.add(segment);
            }
        }
        return "/" + String.join("/", out);
    }
}
