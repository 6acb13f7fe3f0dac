package io.tollgate.application.proxy.router;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.jspecify.annotations.Nullable;

/**
 * The groups a regex route path captured (Kong's {@code router_matches.uri_captures}): numbered groups from 1,
 * named groups ({@code (?<name>...)}; Java regex names: letters and digits) and, at index 0, the whole match, as
 * Kong's captures table has it ({@code uri_captures[0]}, which Lua's length {@code #} does not count). A group that
 * did not take part in the match is {@code null}.
 *
 * @param whole the whole match (group 0), or {@code null} when the path has no groups (nothing is captured then)
 * @param numbered group {@code i} at index {@code i - 1}
 * @param named group name to value (groups that did not participate are absent)
 */
public record UriCaptures(@Nullable String whole, List<@Nullable String> numbered, Map<String, String> named) {

    /** No captures: a prefix or path-less route, or a regex without groups. */
    public static final UriCaptures NONE = new UriCaptures(null, List.of(), Map.of());

    public UriCaptures {
        numbered = Collections.unmodifiableList(new ArrayList<>(numbered));
        named = Map.copyOf(named);
    }

    /**
     * Numbered group {@code index} (1-based; 0 is the whole match), or {@code null} when absent or not participating.
     */
    public @Nullable String get(int index) {
        if (index == 0) {
            return whole;
        }
        return index >= 1 && index <= numbered.size() ? numbered.get(index - 1) : null;
    }

    /** Named group {@code name}, or {@code null}. */
    public @Nullable String get(String name) {
        return named.get(name);
    }

    /** Whether nothing was captured. */
    public boolean isEmpty() {
        return numbered.isEmpty() && named.isEmpty();
    }

    static UriCaptures of(Matcher matcher, Map<String, Integer> names) {
        int count = matcher.groupCount();
        if (count == 0) {
            return NONE;
        }
        List<@Nullable String> numbered = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            numbered.add(matcher.group(i));
        }
        Map<String, String> named = new HashMap<>(names.size());
        names.forEach((name, group) -> {
            String value = matcher.group(group);
            if (value != null) {
                named.put(name, value);
            }
        });
        return new UriCaptures(matcher.group(), numbered, named);
    }
}
