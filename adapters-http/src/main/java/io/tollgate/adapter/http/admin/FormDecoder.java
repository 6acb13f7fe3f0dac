package io.tollgate.adapter.http.admin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Kong's form-argument decoding ({@code kong/api/arguments_decoder.lua}): turns flat {@code name=value} pairs into
 * the JSON-shaped structure the schema expects, before schema-driven typing.
 *
 * <ul>
 *   <li>{@code service.id=x} and {@code service[id]=x} nest: {@code {"service":{"id":"x"}}};</li>
 *   <li>{@code paths[]=/a&paths[]=/b} and repeated keys ({@code paths=/a&paths=/b}) make arrays;</li>
 *   <li>{@code paths[1]=/a&paths[2]=/b} makes an array ordered by index;</li>
 *   <li>an empty value ({@code name=}) becomes {@code null} (clears the field).</li>
 * </ul>
 * A single {@code paths=/a} stays a string here; the schema turns it into an array later.
 */
final class FormDecoder {

    /** Deeper keys ({@code a[b][c]…}) are refused: no entity nests this deep, and recursion must stay bounded. */
    static final int MAX_DEPTH = 64;

    private FormDecoder() {}

    /** One {@code name=value} pair, in the order it was sent. */
    record Pair(String name, String value) {}

    /** Splits and percent-decodes an {@code application/x-www-form-urlencoded} body ({@code +} is a space). */
    static List<Pair> parseUrlEncoded(String body) {
        List<Pair> pairs = new ArrayList<>();
        for (String part : body.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            try {
                pairs.add(new Pair(
                        URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                throw ClientError.badRequest("Cannot parse form body");
            }
        }
        return pairs;
    }

    /**
     * Nests the pairs as Kong does; the result holds Strings, nulls, Lists and Maps only.
     *
     * @throws ClientError 400 for a key nested more than {@link #MAX_DEPTH} levels
     */
    static Map<String, @Nullable Object> decode(List<Pair> pairs) {
        Map<String, @Nullable Object> root = new LinkedHashMap<>();
        for (Pair pair : pairs) {
            List<Token> path = tokens(pair.name());
            if (path.size() > MAX_DEPTH) {
                throw ClientError.badRequest("Cannot parse form body");
            }
            if (!path.isEmpty()) {
                assign(root, path, pair.value().isEmpty() ? null : pair.value());
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> done = (Map<String, @Nullable Object>) finish(root);
        return done;
    }

    /** One step of a key: a name ({@code a}, {@code .a}, {@code [a]}), an append ({@code []}) or an index. */
    private record Token(@Nullable String name, long index) {
        static final long APPEND = -1;

        boolean isName() {
            return name != null;
        }
    }

    /** A list written with explicit indexes, turned into a plain list ordered by index at the end. */
    private static final class Indexed extends TreeMap<Long, @Nullable Object> {}

    private static List<Token> tokens(String key) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        StringBuilder name = new StringBuilder();
        while (i < key.length() && key.charAt(i) != '.' && key.charAt(i) != '[') {
            name.append(key.charAt(i++));
        }
        if (name.isEmpty()) {
            return List.of();
        }
        out.add(new Token(name.toString(), 0));
        while (i < key.length()) {
            char c = key.charAt(i);
            if (c == '[') {
                int close = key.indexOf(']', i);
                if (close < 0) {
                    out.add(new Token(key.substring(i + 1), 0));
                    break;
                }
                String inside = key.substring(i + 1, close);
                out.add(
                        inside.isEmpty()
                                ? new Token(null, Token.APPEND)
                                : inside.chars().allMatch(Character::isDigit) && inside.length() < 18
                                        ? new Token(null, Long.parseLong(inside))
                                        : new Token(inside, 0));
                i = close + 1;
            } else {
                int next = i + 1;
                while (next < key.length() && key.charAt(next) != '.' && key.charAt(next) != '[') {
                    next++;
                }
                if (next > i + 1) {
                    out.add(new Token(key.substring(i + 1, next), 0));
                }
                i = next;
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void assign(Object container, List<Token> path, @Nullable String value) {
        Object current = container;
        for (int i = 0; i < path.size() - 1; i++) {
            current = child(current, path.get(i), path.get(i + 1));
        }
        Token last = path.get(path.size() - 1);
        if (current instanceof Map<?, ?> map && !(current instanceof Indexed) && last.isName()) {
            Map<String, @Nullable Object> m = (Map<String, @Nullable Object>) map;
            Object existing = m.get(last.name());
            if (existing instanceof List<?> list) {
                ((List<@Nullable Object>) list).add(value);
            } else if (m.containsKey(last.name()) && !(existing instanceof Map<?, ?>)) {
                List<@Nullable Object> repeated = new ArrayList<>();
                repeated.add(existing);
                repeated.add(value);
                m.put(last.name(), repeated);
            } else {
                m.put(last.name(), value);
            }
        } else if (current instanceof Indexed indexed) {
            indexed.put(last.isName() ? 0 : last.index(), value);
        } else if (current instanceof List<?> list) {
            ((List<@Nullable Object>) list).add(value);
        }
    }

    /** The container at {@code token} inside {@code parent}, created with the shape {@code next} needs. */
    @SuppressWarnings("unchecked")
    private static Object child(Object parent, Token token, Token next) {
        if (parent instanceof Indexed indexed) {
            long at = token.isName() ? 0 : token.index();
            Object existing = indexed.get(at);
            if (!fits(existing, next)) {
                existing = container(next);
                indexed.put(at, existing);
            }
            return existing;
        }
        if (parent instanceof List<?> list) {
            Object created = container(next);
            ((List<Object>) list).add(created);
            return created;
        }
        Map<String, @Nullable Object> map = (Map<String, @Nullable Object>) parent;
        String key = token.isName() ? token.name() : Long.toString(token.index());
        Object existing = map.get(key);
        if (!fits(existing, next)) {
            Object created = container(next);
            if (existing != null && created instanceof List<?> list) {
                ((List<Object>) list).add(existing);
            }
            map.put(key, created);
            return created;
        }
        return existing;
    }

    private static boolean fits(@Nullable Object existing, Token next) {
        if (next.isName()) {
            return existing instanceof Map<?, ?> && !(existing instanceof Indexed);
        }
        return next.index() == Token.APPEND ? existing instanceof List<?> : existing instanceof Indexed;
    }

    private static Object container(Token next) {
        if (next.isName()) {
            return new LinkedHashMap<String, @Nullable Object>();
        }
        return next.index() == Token.APPEND ? new ArrayList<@Nullable Object>() : new Indexed();
    }

    private static @Nullable Object finish(@Nullable Object value) {
        if (value instanceof Indexed indexed) {
            List<@Nullable Object> list = new ArrayList<>();
            indexed.values().forEach(v -> list.add(finish(v)));
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, @Nullable Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), finish(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<@Nullable Object> out = new ArrayList<>();
            list.forEach(v -> out.add(finish(v)));
            return out;
        }
        return value;
    }
}
