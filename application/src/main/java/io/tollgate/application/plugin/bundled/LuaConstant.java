package io.tollgate.application.plugin.bundled;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Lua code that is {@code return} of one constant, the part of Kong's {@code custom_fields_by_lua} Tollgate evaluates
 * without a Lua runtime: {@code return nil}, {@code return true}/{@code false}, a number ({@code 123}, {@code -1.5},
 * {@code 1e3}, {@code 0x1F}) or a string ({@code 'bar'}, {@code "bar"} with Lua's escapes, {@code [[bar]]}), with an
 * optional {@code ;}. Numbers are LuaJIT's (doubles): a whole value within ±2^53 is a {@link Long}, as cjson writes
 * it without a fraction; any other a {@link Double}.
 */
final class LuaConstant {

    private static final Pattern NUMBER =
            Pattern.compile("-?(?:0[xX][0-9a-fA-F]{1,13}|(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?)");
    private static final Pattern LONG_STRING = Pattern.compile("\\[(=*)\\[(?:\\r\\n?|\\n)?(.*?)]\\1]", Pattern.DOTALL);
    private static final double EXACT = 9007199254740992d; // 2^53

    /** The value {@code return} gives: {@code null} for {@code nil}. */
    record Value(@Nullable Object value) {}

    private LuaConstant() {}

    /** The constant {@code code} returns, or empty when {@code code} is any other Lua. */
    static Optional<Value> of(String code) {
        String text = code.strip();
        if (!text.startsWith("return") || text.length() == 6 || isNamePart(text.charAt(6))) {
            return Optional.empty();
        }
        String expression = text.substring(6).strip();
        if (expression.endsWith(";")) {
            expression = expression.substring(0, expression.length() - 1).strip();
        }
        return switch (expression) {
            case "nil" -> Optional.of(new Value(null));
            case "true" -> Optional.of(new Value(true));
            case "false" -> Optional.of(new Value(false));
            default -> literal(expression);
        };
    }

    private static Optional<Value> literal(String expression) {
        if (expression.isEmpty()) {
            return Optional.empty();
        }
        if (NUMBER.matcher(expression).matches()) {
            return Optional.of(new Value(number(expression)));
        }
        Matcher bracketed = LONG_STRING.matcher(expression);
        if (bracketed.matches() && !bracketed.group(2).contains("]" + bracketed.group(1) + "]")) {
            return Optional.of(new Value(bracketed.group(2)));
        }
        char quote = expression.charAt(0);
        if ((quote == '\'' || quote == '"') && expression.length() >= 2) {
            return quoted(expression, quote).map(Value::new);
        }
        return Optional.empty();
    }

    private static Object number(String text) {
        boolean negative = text.startsWith("-");
        String digits = negative ? text.substring(1) : text;
        double value = digits.startsWith("0x") || digits.startsWith("0X")
                ? (double) Long.parseUnsignedLong(digits.substring(2), 16)
                : Double.parseDouble(digits);
        value = negative ? -value : value;
        return value == Math.rint(value) && Math.abs(value) <= EXACT ? (Object) (long) value : (Object) value;
    }

    /** A short string's text, with Lua's escapes; empty when it is not one string literal. */
    private static Optional<String> quoted(String text, char quote) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == quote) {
                return i == text.length() - 1 ? Optional.of(out.toString(StandardCharsets.UTF_8)) : Optional.empty();
            }
            if (c == '\n' || c == '\r') {
                return Optional.empty();
            }
            if (c != '\\') {
                int end = Character.charCount(text.codePointAt(i));
                out.writeBytes(text.substring(i, i + end).getBytes(StandardCharsets.UTF_8));
                i += end;
                continue;
            }
            i = escape(text, i + 1, out);
            if (i < 0) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Writes the escape starting at {@code i} (after the backslash); the index after it, or -1 when invalid. */
    private static int escape(String text, int i, ByteArrayOutputStream out) {
        if (i >= text.length()) {
            return -1;
        }
        char c = text.charAt(i);
        int simple = "abfnrtv\\\"'\n".indexOf(c);
        if (simple >= 0) {
            out.write("\u0007\b\f\n\r\t\u000b\\\"'\n".charAt(simple));
            return i + 1;
        }
        if (c >= '0' && c <= '9') {
            int end = i;
            while (end < text.length() && end < i + 3 && Character.isDigit(text.charAt(end))) {
                end++;
            }
            int value = Integer.parseInt(text.substring(i, end));
            if (value > 255) {
                return -1;
            }
            out.write(value);
            return end;
        }
        if (c == 'x' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
            out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
            return i + 3;
        }
        if (c == 'z') {
            int next = i + 1;
            while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
                next++;
            }
            return next;
        }
        return -1;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static boolean isNamePart(char c) {
        return c == '_' || (c < 128 && Character.isLetterOrDigit(c));
    }
}
