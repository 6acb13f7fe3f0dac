package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.PluginContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The value templates of Kong's transformer plugins: text with {@code $(…)} placeholders naming a value of the
 * request. Supported placeholders: {@code headers.<name>} / {@code headers["<name>"]}, {@code query_params.<name>} /
 * {@code query_params["<name>"]}, {@code uri_captures.<name>} / {@code uri_captures[<n>]} /
 * {@code uri_captures["<name>"]} and {@code shared.<name>} (a value of {@link PluginContext#shared()}), each
 * optionally followed by {@code or "<default>"} (single or double quotes), and a quoted string, rendered as it is
 * (so {@code $('$(x)')} gives {@code $(x)}). A missing value renders as the default, or
 * empty. Kong evaluates any Lua expression in its sandbox; Tollgate evaluates these forms, the ones Kong's
 * documentation shows, and refuses others at run time.
 */
final class Template {

    /** {@code $(…)}: up to the first {@code )} outside quotes. */
    private static final Pattern PLACEHOLDER = Pattern.compile("(?<!\\\\)\\$\\(((?:'[^']*'|\"[^\"]*\"|[^)'\"])*)\\)");
    /** A Lua string literal as the whole expression: its text, as it is. */
    private static final Pattern LITERAL = Pattern.compile("\\s*(?:'([^']*)'|\"([^\"]*)\")\\s*");

    private static final Pattern EXPRESSION = Pattern.compile("\\s*(headers|query_params|uri_captures|shared)"
            + "(?:\\.([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*(?:\"([^\"]*)\"|'([^']*)'|(\\d+))\\s*\\])"
            + "(?:\\s+or\\s+(?:\"([^\"]*)\"|'([^']*)'))?\\s*");

    private Template() {}

    /**
     * What templates read: the request's headers as they were when the plugin began (Kong's template environment is
     * taken before any rule runs, so a removed or replaced header still renders its old value), and the context's
     * query, URI captures and shared values.
     *
     * @param headers the headers at the start, by lower-case name
     * @param context the request
     */
    record Source(Map<String, List<String>> headers, PluginContext context) {

        /** The request's headers now, for the templates of every rule that follows. */
        static Source of(PluginContext context) {
            return new Source(context.headers(), context);
        }

        List<String> headerValues(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    /** Whether {@code text} holds a placeholder (else it is used as it is). */
    static boolean isTemplate(String text) {
        return PLACEHOLDER.matcher(text).find();
    }

    /**
     * Renders {@code text} for this request; {@code \$(} stays a literal {@code $(}.
     *
     * @throws IllegalArgumentException for a placeholder outside the supported forms
     */
    static String render(String text, Source context) {
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

    private static String evaluate(String expression, Source source) {
        Matcher literal = LITERAL.matcher(expression);
        if (literal.matches()) {
            return first(literal.group(1), literal.group(2), "");
        }
        Matcher e = EXPRESSION.matcher(expression);
        if (!e.matches()) {
            throw new IllegalArgumentException("unsupported template expression '" + expression + "'");
        }
        String key = first(e.group(2), e.group(3), e.group(4), e.group(5));
        String fallback = first(e.group(6), e.group(7), "");
        String value = switch (e.group(1)) {
            case "headers" -> joined(source.headerValues(key));
            case "query_params" -> joined(source.context().queryValues(key));
            case "uri_captures" -> source.context().uriCapture(key);
            default -> source.context().shared().get(key) instanceof Object o ? String.valueOf(o) : null;
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
