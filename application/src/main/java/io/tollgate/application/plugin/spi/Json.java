package io.tollgate.application.plugin.spi;

import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** JSON text helpers for plugins that write JSON bodies by hand. */
public final class Json {

    private Json() {}

    /**
     * {@code value} as JSON text: {@code null}; a {@link Boolean}; a {@link Number} (integral values without a
     * fraction, as Kong's cjson writes them: {@code 1.0} is {@code 1}); a {@link Map} as an object (keys as strings,
     * in the map's order); a {@link Collection} as an array; anything else as the string of its {@code toString()}
     * (a {@link java.util.UUID}, a string).
     */
    public static String write(@Nullable Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(@Nullable Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case Boolean b -> out.append(b);
            case Double d when d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15 -> out.append(d.longValue());
            case Float f when f == Math.rint(f) && !f.isInfinite() -> out.append(f.longValue());
            case Number n -> out.append(n);
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    out.append(quote(String.valueOf(entry.getKey()))).append(':');
                    write(entry.getValue(), out);
                }
                out.append('}');
            }
            case Collection<?> list -> {
                out.append('[');
                boolean first = true;
                for (Object item : list) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(item, out);
                }
                out.append(']');
            }
            default -> out.append(quote(value.toString()));
        }
    }

    /** {@code value} as a JSON string literal, quoted and escaped (control characters as {@code \\uXXXX}). */
    public static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
