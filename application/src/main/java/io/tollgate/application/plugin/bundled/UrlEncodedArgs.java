package io.tollgate.application.plugin.bundled;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code application/x-www-form-urlencoded} arguments, a query string's or a form body's (nginx's
 * {@code ngx.decode_args} / {@code ngx.encode_args}): an insertion-ordered multimap of decoded names to decoded
 * values; a bare name ({@code ?flag}) has the value {@code ""}.
 */
final class UrlEncodedArgs {

    private UrlEncodedArgs() {}

    /** Decodes {@code raw} ({@code +} is a space); {@code null} or empty gives an empty map. Malformed escapes stay. */
    static Map<String, List<String>> decode(@Nullable String raw) {
        Map<String, List<String>> args = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return args;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = unescape(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : unescape(pair.substring(eq + 1));
            args.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return args;
    }

    /** Encodes {@code args} in order, one {@code name=value} per value; {@code null} when empty (no query). */
    static @Nullable String encode(Map<String, List<String>> args) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<String>> arg : args.entrySet()) {
            for (String value : arg.getValue()) {
                if (!out.isEmpty()) {
                    out.append('&');
                }
                out.append(escape(arg.getKey())).append('=').append(escape(value));
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    private static String unescape(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static String escape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
