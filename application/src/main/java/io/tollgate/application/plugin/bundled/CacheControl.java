package io.tollgate.application.plugin.bundled;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Parsed {@code Cache-Control} directives (Kong's {@code parse_directive_header}): each comma-separated part
 * {@code name[=value]}, the name in lower case; a value that reads as a number is a number, another value a string,
 * a directive without value {@code true}. Several headers are read as one, joined by commas. Immutable.
 */
final class CacheControl {

    static final CacheControl NONE = new CacheControl(Map.of());

    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*([^=]+)(?:=(.+))?", Pattern.DOTALL);

    private final Map<String, Object> directives;

    private CacheControl(Map<String, Object> directives) {
        this.directives = directives;
    }

    /** The directives of every value of a {@code Cache-Control} header (empty list: none). */
    static CacheControl parse(List<String> values) {
        if (values.isEmpty()) {
            return NONE;
        }
        Map<String, Object> directives = new HashMap<>();
        for (String part : String.join(", ", values).split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            Matcher m = DIRECTIVE.matcher(part);
            if (!m.find()) {
                continue;
            }
            String name = m.group(1).toLowerCase(Locale.ROOT);
            String value = m.group(2);
            directives.put(name, value == null ? Boolean.TRUE : number(value));
        }
        return new CacheControl(directives);
    }

    /** Whether the directive is present (with or without a value). */
    boolean has(String name) {
        return directives.containsKey(name);
    }

    /** The directive's numeric value, or {@code null} when absent or not a number. */
    @Nullable
    Double seconds(String name) {
        return directives.get(name) instanceof Double d ? d : null;
    }

    /**
     * Kong's {@code calculate_resource_ttl}: a response's freshness in seconds, from {@code s-maxage}, else
     * {@code max-age}, else the last {@code Expires} date minus now; never below 0 (0 also when none applies).
     *
     * @param expires the response's {@code Expires} values
     * @param nowSeconds epoch seconds
     */
    double resourceTtl(List<String> expires, long nowSeconds) {
        Double maxAge = seconds("s-maxage");
        if (maxAge == null) {
            maxAge = seconds("max-age");
        }
        if (maxAge == null && !expires.isEmpty()) {
            Instant at = HttpDates.parse(expires.getLast());
            maxAge = at == null ? null : (double) (at.getEpochSecond() - nowSeconds);
        }
        return maxAge == null ? 0 : Math.max(maxAge, 0);
    }

    /** Lua's {@code tonumber(v) or v}: decimal numbers (surrounding spaces allowed) become numbers. */
    private static Object number(String value) {
        String trimmed = value.trim();
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '-')) {
            try {
                return Double.parseDouble(trimmed);
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return value;
    }
}
