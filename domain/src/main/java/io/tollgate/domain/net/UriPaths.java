package io.tollgate.domain.net;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Kong's path normalization ({@code kong.tools.uri.normalize} with {@code merge_slashes}, kong-internals §8.1):
 * every percent-encoding is decoded except those of RFC 3986's reserved characters and {@code %}
 * ({@code !*'();:@&=+$,/?%#[]}), which are upper-cased; runs of slashes are merged into one and dot segments removed
 * (RFC 3986 §5.2.4), those written {@code %2E} included. Decoded bytes are read as UTF-8; a run of encoded bytes that
 * is not valid UTF-8 stays encoded (upper-cased). The router matches the normalized path, a route's fixed path must
 * already be in this form ({@code /ä}, not {@code /%C3%A4}), and the path forwarded upstream is built from it and
 * {@link #escape escaped} again, as Kong's {@code kong.tools.uri.escape}.
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

    /** The characters whose percent-encodings stay encoded: RFC 3986's reserved ones and {@code %}. */
    private static final String RESERVED = "!*'();:@&=+$,/?%#[]";

    /** The characters {@link #escape} leaves as they are (with ASCII letters and digits). */
    private static final String SAFE = "!#$&'()*+,/:;=?@[]-_.~%";

    private static String decodeUnreserved(String path) {
        StringBuilder out = new StringBuilder(path.length());
        byte[] run = new byte[path.length() / 3];
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (!isEscape(path, i)) {
                out.append(c);
                i++;
                continue;
            }
            int value = hex(path.charAt(i + 1)) * 16 + hex(path.charAt(i + 2));
            if (value < 0x80) {
                if (RESERVED.indexOf(value) >= 0) {
                    upperEscape(out, value);
                } else {
                    out.append((char) value);
                }
                i += 3;
                continue;
            }
            int n = 0; // a run of encoded non-ASCII bytes: one UTF-8 sequence or more
            int start = i;
            while (i < path.length() && isEscape(path, i)) {
                int b = hex(path.charAt(i + 1)) * 16 + hex(path.charAt(i + 2));
                if (b < 0x80) {
                    break;
                }
                run[n++] = (byte) b;
                i += 3;
            }
            String text = utf8(run, n);
            if (text != null) {
                out.append(text);
            } else {
                for (int k = start; k < i; k += 3) {
                    upperEscape(out, hex(path.charAt(k + 1)) * 16 + hex(path.charAt(k + 2)));
                }
            }
        }
        return out.toString();
    }

    private static boolean isEscape(String s, int i) {
        return s.charAt(i) == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0;
    }

    /**
     * Appends the percent-escape of one octet with upper-case hex ({@code 0x2f} gives {@code %2F}), as Kong and the
     * WHATWG URL serialisation write them.
     *
     * @param value the octet, 0 to 255
     */
    public static void upperEscape(StringBuilder out, int value) {
        out.append('%').append(HEX[value >> 4]).append(HEX[value & 0xF]);
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** @return the bytes decoded as UTF-8, or {@code null} when they are not valid UTF-8 */
    private static @Nullable String utf8(byte[] bytes, int length) {
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        // malformed input decodes to replacement characters, which do not encode back to the same bytes
        return Arrays.equals(text.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(bytes, length)) ? text : null;
    }

    /**
     * Kong's {@code kong.tools.uri.escape}: percent-encodes (upper-case hex, UTF-8 bytes) every character of
     * {@code path} other than ASCII letters, digits and {@code !#$&'()*+,/:;=?@[]-_.~%}, so that a
     * {@link #normalize normalized} path can be sent on a request line again; existing escapes are kept.
     *
     * @return {@code path} itself when nothing needs escaping (no allocation)
     */
    public static String escape(String path) {
        int i = 0;
        while (i < path.length() && isSafe(path.charAt(i))) {
            i++;
        }
        if (i == path.length()) {
            return path;
        }
        StringBuilder out = new StringBuilder(path.length() + 16).append(path, 0, i);
        for (; i < path.length(); i++) {
            char c = path.charAt(i);
            if (isSafe(c)) {
                out.append(c);
            } else if (c < 0x80) {
                upperEscape(out, c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < path.length() ? i + 2 : i + 1;
                for (byte b : path.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    upperEscape(out, b & 0xFF);
                }
                i = end - 1;
            }
        }
        return out.toString();
    }

    private static boolean isSafe(char c) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || SAFE.indexOf(c) >= 0);
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
