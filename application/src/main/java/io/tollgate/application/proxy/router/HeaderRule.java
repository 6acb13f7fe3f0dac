package io.tollgate.application.proxy.router;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One configured route header (kong-internals §8.1): some request value must equal one of the plain values
 * (case-insensitive) or be matched (searched, case-insensitive) by one of the {@code ~*} regexes.
 *
 * @param name the lower-case header name
 */
record HeaderRule(String name, String[] exact, Pattern[] patterns) {

    /** @throws java.util.regex.PatternSyntaxException when a {@code ~*} value does not compile */
    static HeaderRule of(String name, List<String> values) {
        List<String> exact = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        for (String value : values) {
            if (value.startsWith("~*")) {
                patterns.add(Pattern.compile(value.substring(2), Pattern.CASE_INSENSITIVE));
            } else {
                exact.add(value);
            }
        }
        return new HeaderRule(name, exact.toArray(String[]::new), patterns.toArray(Pattern[]::new));
    }

    boolean matches(List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            for (String e : exact) {
                if (e.equalsIgnoreCase(value)) {
                    return true;
                }
            }
            for (Pattern p : patterns) {
                if (p.matcher(value).find()) {
                    return true;
                }
            }
        }
        return false;
    }
}
