package io.tollgate.adapter.http.edge;

import org.jspecify.annotations.Nullable;

/**
 * Kong's custom error templates: {@code error_template_html}, {@code error_template_json},
 * {@code error_template_xml} and {@code error_template_plain}, each the file configured and its text (read when the
 * node starts and when {@code tollgate reload} applies a changed path), or {@code null} where Kong's default template
 * applies. They shape every error body Kong renders from a template: the transport-level errors (502, 504, 413…)
 * and a plugin's {@code {"message": …}} answer rendered by {@code Accept} ({@code kong.response.error}).
 *
 * <p>As in Kong, a template holds up to two {@code %s}: the first expands to the error message, the second to the
 * request id; {@code %%} is a literal {@code %}. Kong answers 500 at render time for any other {@code %} directive or
 * a third {@code %s}; Tollgate refuses such a template when it reads the file ({@link #check}).
 *
 * @param html the template for {@code text/html}, or {@code null}
 * @param json the template for {@code application/json}, or {@code null}
 * @param xml the template for {@code application/xml} and {@code text/xml}, or {@code null}
 * @param plain the template for {@code text/plain}, or {@code null}
 */
public record ErrorTemplates(
        @Nullable Template html,
        @Nullable Template json,
        @Nullable Template xml,
        @Nullable Template plain) {

    /** No custom template: Kong's defaults everywhere. */
    public static final ErrorTemplates NONE = new ErrorTemplates(null, null, null, null);

    /**
     * One configured template.
     *
     * @param path the property's value, as configured (shown by {@code GET /})
     * @param text the file's text, checked by {@link ErrorTemplates#check}
     */
    public record Template(String path, String text) {
        /** @throws IllegalArgumentException when {@code text} is no valid template */
        public Template {
            check(text);
        }
    }

    /**
     * @param mediaType one of {@code text/html}, {@code application/json}, {@code application/xml}, {@code text/xml},
     *        {@code text/plain}
     * @return the custom template's text for that type, or {@code null} for Kong's default
     */
    public @Nullable String forType(String mediaType) {
        Template template = switch (mediaType) {
            case "text/html" -> html;
            case "application/xml", "text/xml" -> xml;
            case "text/plain" -> plain;
            default -> json;
        };
        return template == null ? null : template.text();
    }

    /**
     * Checks a template's placeholders: at most two {@code %s}, every other {@code %} doubled.
     *
     * @return {@code text}
     * @throws IllegalArgumentException naming the first offending directive
     */
    public static String check(String text) {
        int placeholders = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != '%') {
                continue;
            }
            char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
            if (next == 's' && ++placeholders > 2) {
                throw new IllegalArgumentException(
                        "has more than two %s placeholders (the error message, then the request id)");
            }
            if (next != 's' && next != '%') {
                throw new IllegalArgumentException("has '%" + (next == ' ' ? "" : String.valueOf(next)) + "' at offset "
                        + i + ": only %s (the message, then the request id) and %% are allowed");
            }
            i++;
        }
        return text;
    }

    /**
     * Expands a checked template: the first {@code %s} to {@code message}, the second to {@code requestId},
     * {@code %%} to {@code %}. The values are inserted as given (escape them for the template's type first).
     */
    public static String render(String text, String message, String requestId) {
        StringBuilder out = new StringBuilder(text.length() + message.length() + requestId.length());
        int placeholders = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%' || i + 1 >= text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            if (next == 's') {
                out.append(placeholders++ == 0 ? message : requestId);
            } else {
                out.append(next);
            }
        }
        return out.toString();
    }
}
