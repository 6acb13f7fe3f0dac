package io.tollgate.domain.net;

import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A raw query string read as Kong's {@code kong.request.get_query} returns it: decoded names ({@code %XX} and
 * {@code +}) in the order they first appear, each mapped to its decoded value (a {@link String}), {@link Boolean#TRUE}
 * for an argument without {@code =}, or a {@link List} of those when the name repeats. Empty names are skipped;
 * a malformed escape is kept as written.
 */
public final class QueryArgs {

    private QueryArgs() {}

    /** @param raw the query without {@code ?}, or {@code null} for none */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(@Nullable String raw) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (name.isEmpty()) {
                continue;
            }
            Object value = eq < 0 ? Boolean.TRUE : decode(pair.substring(eq + 1));
            Object previous = out.get(name);
            if (previous == null) {
                out.put(name, value);
            } else if (previous instanceof List<?> list) {
                ((List<Object>) list).add(value);
            } else {
                List<Object> values = new ArrayList<>();
                values.add(previous);
                values.add(value);
                out.put(name, values);
            }
        }
        return out;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, "UTF-8");
        } catch (IllegalArgumentException | UnsupportedEncodingException e) {
            return text;
        }
    }
}
