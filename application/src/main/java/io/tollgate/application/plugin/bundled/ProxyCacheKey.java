package io.tollgate.application.plugin.bundled;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Kong's proxy-cache key ({@code cache_key.build_cache_key}): the lower-case hex SHA-256 of
 * {@code <prefix>|<method>|<path>|<params>|<headers>}, where
 *
 * <ul>
 *   <li>{@code prefix} is {@code <consumer_id>:<route_id>} for an authenticated request, {@code <route_id>} otherwise
 *       ({@code default} without a route);
 *   <li>{@code params} are the query arguments named by {@code vary_query_params}, in that order, or all of them sorted
 *       by name when it is empty: {@code name=value} (several values sorted and joined by {@code ,}; a bare
 *       {@code ?name} gives {@code name}), joined by {@code :};
 *   <li>{@code headers} are the request headers named by {@code vary_headers} (in that order, names as configured),
 *       formatted the same way; empty when {@code vary_headers} is.
 * </ul>
 *
 * <p>The same request through Kong and Tollgate therefore gets the same {@code X-Cache-Key}.
 */
final class ProxyCacheKey {

    private static final HexFormat HEX = HexFormat.of();

    private ProxyCacheKey() {}

    /** The key's {@code prefix} part. */
    static String prefix(@Nullable UUID consumerId, @Nullable UUID routeId) {
        if (routeId == null) {
            return "default";
        }
        return consumerId == null ? routeId.toString() : consumerId + ":" + routeId;
    }

    /** The hex SHA-256 of the joined parts. */
    static String build(String prefix, String method, String path, String params, String headers) {
        String source = prefix + "|" + method + "|" + path + "|" + params + "|" + headers;
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The {@code params} part of a raw query ({@code null}: none). Arguments are decoded as nginx's
     * {@code get_uri_args} does ({@code +} is a space); a bare name has a {@code null} value.
     */
    static String params(@Nullable String rawQuery, List<String> vary) {
        Map<String, List<@Nullable String>> args = decode(rawQuery);
        List<String> names = vary;
        if (vary.isEmpty()) {
            names = new ArrayList<>(args.keySet());
            names.sort(null);
        }
        return join(names, name -> args.getOrDefault(name, List.of()));
    }

    /** The {@code headers} part: the named headers' values ({@code headerValues} is case-insensitive). */
    static String headers(Function<String, List<String>> headerValues, List<String> vary) {
        if (vary.isEmpty()) {
            return "";
        }
        return join(vary, name -> new ArrayList<@Nullable String>(headerValues.apply(name)));
    }

    /** Kong's {@code generate_key_from}. */
    private static String join(List<String> names, Function<String, List<@Nullable String>> values) {
        StringBuilder key = new StringBuilder();
        for (String name : names) {
            List<@Nullable String> found = values.apply(name);
            if (found.isEmpty()) {
                continue;
            }
            if (!key.isEmpty()) {
                key.append(':');
            }
            if (found.size() == 1) {
                String value = found.getFirst();
                key.append(name);
                if (value != null) {
                    key.append('=').append(value);
                }
            } else {
                List<String> sorted = new ArrayList<>();
                for (String value : found) {
                    sorted.add(value == null ? "" : value);
                }
                sorted.sort(null);
                key.append(name).append('=').append(String.join(",", sorted));
            }
        }
        return key.toString();
    }

    private static Map<String, List<@Nullable String>> decode(@Nullable String raw) {
        Map<String, List<@Nullable String>> args = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return args;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = unescape(eq < 0 ? pair : pair.substring(0, eq));
            if (name.isEmpty()) {
                continue;
            }
            args.computeIfAbsent(name, n -> new ArrayList<>()).add(eq < 0 ? null : unescape(pair.substring(eq + 1)));
        }
        return args;
    }

    private static String unescape(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
