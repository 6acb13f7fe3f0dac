package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.Json;
import io.tollgate.application.plugin.spi.JsonCodec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A strict, small JSON reader (RFC 8259) for the application's tests, whose node has no Jackson: objects as
 * {@link LinkedHashMap}s, arrays as {@link List}s, integers as {@link Long}s, other numbers as {@link Double}s,
 * strings, booleans and {@code null}, as {@link JsonCodec} promises. Nesting is limited to 64 levels. {@link #CODEC}
 * reads with it and writes the same model.
 */
final class JsonText {

    /** A {@link JsonCodec} on this reader (and a plain writer). */
    static final JsonCodec CODEC = new JsonCodec() {
        @Override
        public @Nullable Object read(byte[] json) {
            return parse(new String(json, StandardCharsets.UTF_8));
        }

        @Override
        public byte[] write(@Nullable Object value) {
            return write(new StringBuilder(), value).toString().getBytes(StandardCharsets.UTF_8);
        }

        private StringBuilder write(StringBuilder out, @Nullable Object value) {
            switch (value) {
                case null -> out.append("null");
                case String s -> out.append(Json.quote(s));
                case Number n -> out.append(n);
                case Boolean b -> out.append(b);
                case Map<?, ?> map -> {
                    out.append('{');
                    String separator = "";
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        out.append(separator)
                                .append(Json.quote(String.valueOf(e.getKey())))
                                .append(':');
                        write(out, e.getValue());
                        separator = ",";
                    }
                    out.append('}');
                }
                case List<?> list -> {
                    out.append('[');
                    String separator = "";
                    for (Object item : list) {
                        out.append(separator);
                        write(out, item);
                        separator = ",";
                    }
                    out.append(']');
                }
                default -> throw new IllegalArgumentException("not JSON: " + value.getClass());
            }
            return out;
        }
    };

    private static final int MAX_DEPTH = 64;

    private final String text;
    private int at;

    private JsonText(String text) {
        this.text = text;
    }

    /**
     * The value {@code text} holds.
     *
     * @throws IllegalArgumentException when {@code text} is not one JSON value
     */
    static @Nullable Object parse(String text) {
        JsonText reader = new JsonText(text);
        Object value = reader.value(0);
        reader.space();
        if (reader.at != text.length()) {
            throw reader.error("trailing characters");
        }
        return value;
    }

    private @Nullable Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested too deeply");
        }
        space();
        if (at >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Map<String, @Nullable Object> object(int depth) {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        at++;
        space();
        if (peek('}')) {
            at++;
            return map;
        }
        while (true) {
            space();
            if (!peek('"')) {
                throw error("expected a name");
            }
            String name = string();
            space();
            expect(':');
            map.put(name, value(depth + 1));
            space();
            if (peek(',')) {
                at++;
            } else {
                expect('}');
                return map;
            }
        }
    }

    private List<@Nullable Object> array(int depth) {
        List<@Nullable Object> list = new ArrayList<>();
        at++;
        space();
        if (peek(']')) {
            at++;
            return list;
        }
        while (true) {
            list.add(value(depth + 1));
            space();
            if (peek(',')) {
                at++;
            } else {
                expect(']');
                return list;
            }
        }
    }

    private String string() {
        at++;
        StringBuilder out = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character in string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (at >= text.length()) {
                break;
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw error("bad escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    } catch (NumberFormatException bad) {
                        throw error("bad escape");
                    }
                    at += 4;
                }
                default -> throw error("bad escape");
            }
        }
        throw error("unterminated string");
    }

    private Number number() {
        int start = at;
        if (peek('-')) {
            at++;
        }
        int digits = at;
        while (at < text.length() && Character.isDigit(text.charAt(at))) {
            at++;
        }
        if (at == digits || (text.charAt(digits) == '0' && at - digits > 1)) {
            throw error("bad number");
        }
        boolean integral = true;
        if (peek('.')) {
            integral = false;
            at++;
            int fraction = at;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            if (at == fraction) {
                throw error("bad number");
            }
        }
        if (peek('e') || peek('E')) {
            integral = false;
            at++;
            if (peek('+') || peek('-')) {
                at++;
            }
            int exponent = at;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            if (at == exponent) {
                throw error("bad number");
            }
        }
        String number = text.substring(start, at);
        if (integral) {
            try {
                return Long.valueOf(number);
            } catch (NumberFormatException beyondLong) {
                return new BigInteger(number);
            }
        }
        return Double.valueOf(number);
    }

    private @Nullable Object literal(String word, @Nullable Object value) {
        if (!text.startsWith(word, at)) {
            throw error("unexpected character");
        }
        at += word.length();
        return value;
    }

    private void space() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(problem + " at " + at);
    }
}
