package io.tollgate.domain.regex;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A route's regex path (the text after {@code ~}), compiled from the PCRE syntax Kong's configurations use into a
 * Java {@link Pattern}: Python-style named groups {@code (?P<name>…)} and back-references {@code (?P=name)}, and
 * group names Java refuses (with {@code _}, or starting with a digit) are renamed for Java and reported under their
 * own names; a {@code {} that starts no quantifier ({@code {n}}, {@code {n,}}, {@code {n,m}}) is a literal, as in
 * PCRE ({@code /users/{id}}).
 *
 * @param pattern the compiled pattern
 * @param groups each named group's index, by the name the configuration gave it
 */
public record RegexPath(Pattern pattern, Map<String, Integer> groups) {

    private static final Pattern JAVA_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    private static final Pattern QUANTIFIER = Pattern.compile("\\{[0-9]+(,[0-9]*)?}");

    /**
     * Compiles {@code source}.
     *
     * @throws PatternSyntaxException when it is not a valid regex (after the translation)
     */
    public static RegexPath compile(String source) {
        Map<String, String> javaNames = new LinkedHashMap<>();
        Pattern pattern = Pattern.compile(translate(source, javaNames));
        Map<String, String> configured = new HashMap<>();
        javaNames.forEach((name, java) -> configured.put(java, name));
        Map<String, Integer> groups = new LinkedHashMap<>();
        pattern.namedGroups().forEach((java, index) -> groups.put(configured.getOrDefault(java, java), index));
        return new RegexPath(pattern, Map.copyOf(groups));
    }

    /** The Java regex for a PCRE {@code source}; {@code javaNames} receives each renamed group's Java name. */
    static String translate(String source, Map<String, String> javaNames) {
        StringBuilder out = new StringBuilder(source.length());
        boolean inClass = false;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\' && i + 1 < source.length()) {
                out.append(c).append(source.charAt(++i));
                int close = source.indexOf('}', i);
                if (i + 1 < source.length() && source.charAt(i + 1) == '{' && close > 0) {
                    out.append(source, i + 1, close + 1); // \p{L}, \x{41}, \k{name}: the braces belong to the escape
                    i = close;
                }
                continue;
            }
            if (inClass) {
                inClass = c != ']';
                out.append(c);
                continue;
            }
            if (c == '[') {
                inClass = true;
                out.append(c);
                if (i + 1 < source.length() && source.charAt(i + 1) == ']') {
                    out.append(source.charAt(++i)); // a leading ] is literal
                }
                continue;
            }
            if (source.startsWith("(?P<", i)
                    || source.startsWith("(?<", i) && !source.startsWith("(?<=", i) && !source.startsWith("(?<!", i)) {
                int start = source.indexOf('<', i) + 1;
                int end = source.indexOf('>', start);
                if (end < 0) {
                    out.append(c);
                    continue;
                }
                out.append("(?<")
                        .append(javaName(source.substring(start, end), javaNames))
                        .append('>');
                i = end;
                continue;
            }
            if (c == '{'
                    && !QUANTIFIER.matcher(source).region(i, source.length()).lookingAt()) {
                out.append("\\{"); // PCRE reads a brace that starts no quantifier as a literal; Java refuses it
                continue;
            }
            if (source.startsWith("(?P=", i)) {
                int end = source.indexOf(')', i);
                if (end > 0) {
                    out.append("\\k<")
                            .append(javaName(source.substring(i + 4, end), javaNames))
                            .append('>');
                    i = end;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String javaName(String name, Map<String, String> javaNames) {
        if (JAVA_NAME.matcher(name).matches()) {
            return name;
        }
        return javaNames.computeIfAbsent(name, n -> "tollgateGroup" + javaNames.size());
    }
}
