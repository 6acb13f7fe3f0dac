package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.PluginContext;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The value templates of Kong's transformer plugins: text with {@code $(…)} placeholders naming a value of the
 * request. Supported placeholders: {@code headers.<name>} / {@code headers["<name>"]}, {@code query_params.<name>} /
 * {@code query_params["<name>"]}, {@code uri_captures.<name>} / {@code uri_captures[<n>]} /
 * {@code uri_captures["<name>"]} and {@code shared.<name>} (a value of {@link PluginContext#shared()}), each
 * optionally followed by {@code or "<default>"} (single or double quotes). A missing value renders as the default, or
 * empty. Kong evaluates any Lua expression in its sandbox; Tollgate evaluates these forms, the ones Kong's
 * documentation shows, and refuses others at run time.
 */
final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("(?<!\\\\)\\$\\((.*?)\\)");
    private static final Pattern EXPRESSION = Pattern.compile("\\s*(headers|query_params|uri_captures|shared)"
            + "(?:\\.([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*(?:\"([^\"]*)\"|'([^']*)'|(\\d+))\\s*\\])"
            + "(?:\\s+or\\s+(?:\"([^\"]*)\"|'([^']*)'))?\\s*");

    private Template() {}

    /** Whether {@code text} holds a placeholder (else it is used as it is). */
    static boolean isTemplate(String text) {
        return PLACEHOLDER.matcher(text).find();
    }

    /**
     * Renders {@code text} for this request; {@code \$(} stays a literal {@code $(}.
     *
     * @throws IllegalArgumentException for a placeholder outside the supported forms
     */
    static String render(String text, PluginContext context) {
        if (!text.contains("$(")) {
            return text;
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(evaluate(m.group(1), context)));
        }
        m.appendTail(out);
        return out.toString().replace("\\$(", "$(");
    }

    private static String evaluate(String expression, PluginContext context) {
        Matcher e = EXPRESSION.matcher(expression);
        if (!e.matches()) {
            throw new IllegalArgumentException("unsupported template expression '" + expression + "'");
        }
        String key = first(e.group(2), e.group(3), e.group(4), e.group(5));
        String fallback = first(e.group(6), e.group(7), "");
        String value = switch (e.group(1)) {
            case "headers" -> joined(context.headerValues(key));
            case "query_params" -> joined(context.queryValues(key));
            case "uri_captures" -> context.uriCapture(key);
            default -> context.shared().get(key) instanceof Object o ? String.valueOf(o) : null;
        };
        return value == null ? fallback : value;
    }

    private static @Nullable String joined(List<String> values) {
        return values.isEmpty() ? null : String.join(", ", values);
    }

    private static @Nullable String first(@Nullable String... candidates) {
        for (String c : candidates) {
            if (c != null) {
                return c;
            }
        }
        return null;
    }
}
