package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.PluginConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One {@code proxy-cache} instance's config, compiled once per config ({@link PerConfig}): the sets Kong's handler
 * prepares ({@code method_set}, {@code status_set}) and its content-type matcher.
 *
 * @param methods {@code request_method}
 * @param statuses {@code response_code}
 * @param contentTypes {@code content_type}, parsed
 * @param cacheTtl {@code cache_ttl}, seconds
 * @param storageTtl {@code storage_ttl}, seconds, or {@code null}
 * @param cacheControl {@code cache_control}
 * @param ignoreUriCase {@code ignore_uri_case}
 * @param varyQueryParams {@code vary_query_params} (empty: all)
 * @param varyHeaders {@code vary_headers} (empty: none)
 * @param age {@code response_headers.age}
 * @param status {@code response_headers.X-Cache-Status}
 * @param key {@code response_headers.X-Cache-Key}
 */
record ProxyCacheSettings(
        Set<String> methods,
        Set<Integer> statuses,
        List<MediaType> contentTypes,
        long cacheTtl,
        @Nullable Long storageTtl,
        boolean cacheControl,
        boolean ignoreUriCase,
        List<String> varyQueryParams,
        List<String> varyHeaders,
        boolean age,
        boolean status,
        boolean key) {

    static ProxyCacheSettings of(PluginConfig config) {
        Map<String, @Nullable Object> values = config.values();
        List<MediaType> types = new ArrayList<>();
        for (String type : config.strings("content_type", List.of())) {
            MediaType parsed = MediaType.parse(type);
            if (parsed != null) {
                types.add(parsed);
            }
        }
        Set<Integer> statuses = values.get("response_code") instanceof List<?> codes
                ? Set.copyOf(codes.stream().map(c -> ((Number) c).intValue()).toList())
                : Set.of(200, 301, 404);
        Map<?, ?> headers = values.get("response_headers") instanceof Map<?, ?> m ? m : Map.of();
        return new ProxyCacheSettings(
                Set.copyOf(config.strings("request_method", List.of("GET", "HEAD"))),
                statuses,
                List.copyOf(types),
                config.integer("cache_ttl", 300),
                values.get("storage_ttl") instanceof Number n ? n.longValue() : null,
                config.bool("cache_control", false),
                config.bool("ignore_uri_case", false),
                config.strings("vary_query_params", List.of()),
                config.strings("vary_headers", List.of()),
                !Boolean.FALSE.equals(headers.get("age")),
                !Boolean.FALSE.equals(headers.get("X-Cache-Status")),
                !Boolean.FALSE.equals(headers.get("X-Cache-Key")));
    }

    /**
     * Kong's content-type check: the response's {@code Content-Type} (exactly one value) is parsed and matches a
     * configured type when type and subtype are equal (case-insensitive) or configured as {@code type/*} or
     * {@code *}{@code /*}, and the parameters are the same (names case-insensitive, in any order).
     */
    boolean cacheableType(List<String> contentType) {
        if (contentType.size() != 1) {
            return false;
        }
        MediaType actual = MediaType.parse(contentType.getFirst());
        if (actual == null) {
            return false;
        }
        for (MediaType expected : contentTypes) {
            boolean any = expected.type().equals("*") && expected.subtype().equals("*");
            boolean typeWild = expected.subtype().equals("*") && expected.type().equals(actual.type());
            boolean exact =
                    expected.type().equals(actual.type()) && expected.subtype().equals(actual.subtype());
            if ((any || typeWild || exact) && expected.params().equals(actual.params())) {
                return true;
            }
        }
        return false;
    }

    /** A parsed media type: type and subtype in lower case, parameters by lower-case name (values unquoted). */
    record MediaType(String type, String subtype, Map<String, String> params) {

        /**
         * Kong's {@code parse_mime_type}: {@code null} when invalid, as is a type with an empty or value-less
         * parameter ({@code application/xml;}).
         */
        static @Nullable MediaType parse(String raw) {
            String[] parts = raw.split(";", -1);
            String full = parts[0].trim().toLowerCase(Locale.ROOT);
            int slash = full.indexOf('/');
            if (slash <= 0 || slash == full.length() - 1) {
                return null;
            }
            Map<String, String> params = new TreeMap<>();
            for (int i = 1; i < parts.length; i++) {
                String param = parts[i].trim();
                int eq = param.indexOf('=');
                if (eq <= 0) {
                    return null;
                }
                String value = param.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                params.put(param.substring(0, eq).trim().toLowerCase(Locale.ROOT), value);
            }
            return new MediaType(
                    full.substring(0, slash).trim(), full.substring(slash + 1).trim(), Map.copyOf(params));
        }
    }
}
