package io.tollgate.adapter.http.proxy;

import io.tollgate.adapter.http.edge.ErrorTemplates;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Kong's error bodies (kong-internals §8.3, §8.5): a message and the request id, as JSON, HTML, XML or plain text.
 *
 * <p>The media type follows Kong's selection: the {@code Accept} entries are read in order, each
 * {@code type/subtype} with its {@code q} (default 1); the first entry with the highest {@code q} above 0 wins.
 * {@code application/json}, {@code text/html}, {@code application/xml}, {@code text/xml} and {@code text/plain}
 * are themselves; {@code text/*} is plain text; {@code application/*}, {@code *}{@code /*} and any other type are
 * JSON. Without an acceptable entry the body is JSON.
 */
final class ErrorBodies {

    /** A rendered body and its {@code Content-Type}. */
    record Rendered(String contentType, String body) {}

    private ErrorBodies() {}

    /**
     * @param accept the {@code Accept} header (all values joined by commas), or {@code null}
     * @return the chosen media type, one of {@code application/json}, {@code text/html}, {@code application/xml},
     *         {@code text/xml}, {@code text/plain}
     */
    static String mediaType(@Nullable String accept) {
        String chosen = "application/json";
        if (accept == null) {
            return chosen;
        }
        double best = 0;
        int start = 0;
        while (start <= accept.length()) {
            int comma = accept.indexOf(',', start);
            int end = comma < 0 ? accept.length() : comma;
            String entry = accept.substring(start, end).trim();
            start = end + 1;
            int semicolon = entry.indexOf(';');
            String type = (semicolon < 0 ? entry : entry.substring(0, semicolon))
                    .trim()
                    .toLowerCase(Locale.ROOT);
            if (type.indexOf('/') <= 0 || type.endsWith("/")) {
                continue;
            }
            double q = semicolon < 0 ? 1 : quality(entry.substring(semicolon + 1));
            if (q > best) {
                best = q;
                chosen = known(type);
            }
        }
        return chosen;
    }

    private static double quality(String parameters) {
        for (String parameter : parameters.split(";")) {
            String p = parameter.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("q")) {
                try {
                    double q = Double.parseDouble(p.substring(eq + 1).trim());
                    return q < 0 || q > 1 ? 0 : q;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    private static String known(String type) {
        return switch (type) {
            case "text/html", "application/xml", "text/xml", "text/plain" -> type;
            case "text/*" -> "text/plain";
            default -> "application/json";
        };
    }

    /**
     * Renders {@code message} and {@code requestId} in {@code mediaType} (a value of {@link #mediaType}): with the
     * custom template for that type when {@code templates} has one (the values escaped for the type: markup for HTML
     * and XML, a JSON string's content for JSON, as they are for plain text), else with Kong's default.
     */
    static Rendered render(String mediaType, String message, String requestId, ErrorTemplates templates) {
        String custom = templates.forType(mediaType);
        if (custom == null) {
            return render(mediaType, message, requestId);
        }
        String contentType = render(mediaType, "", "").contentType();
        return new Rendered(
                contentType,
                switch (mediaType) {
                    case "text/html", "application/xml", "text/xml" ->
                        ErrorTemplates.render(custom, markup(message), markup(requestId));
                    case "text/plain" -> ErrorTemplates.render(custom, message, requestId);
                    default -> ErrorTemplates.render(custom, jsonContent(message), jsonContent(requestId));
                });
    }

    private static String jsonContent(String text) {
        String quoted = Respond.jsonString(text);
        return quoted.substring(1, quoted.length() - 1);
    }

    /** Renders {@code message} and {@code requestId} in {@code mediaType} with Kong's default templates. */
    static Rendered render(String mediaType, String message, String requestId) {
        return switch (mediaType) {
            case "text/html" ->
                new Rendered(
                        "text/html; charset=utf-8",
                        "<!doctype html>\n<html>\n  <head>\n"
                                + "    <meta charset=\"utf-8\">\n    <title>Error</title>\n  </head>\n  <body>\n"
                                + "    <h1>Error</h1>\n    <p>" + markup(message) + ".</p>\n    <p>request_id: "
                                + markup(requestId) + "</p>\n  </body>\n</html>\n");
            case "application/xml", "text/xml" ->
                new Rendered(
                        mediaType + "; charset=utf-8",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<error>\n  <message>" + markup(message)
                                + "</message>\n  <requestid>" + markup(requestId) + "</requestid>\n</error>\n");
            case "text/plain" ->
                new Rendered("text/plain; charset=utf-8", message + "\nrequest_id: " + requestId + "\n");
            default ->
                new Rendered(
                        Respond.JSON,
                        "{\n  \"message\":" + Respond.jsonString(message) + ",\n  \"request_id\":"
                                + Respond.jsonString(requestId) + "\n}");
        };
    }

    private static String markup(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The message of a body {@link Respond#message} made ({@code {"message":"…"}}, JSON content type), or
     * {@code null} for any other body, which is sent as it is.
     */
    static @Nullable String messageOf(Respond response) {
        String body = response.body();
        if (!body.startsWith("{\"message\":\"") || !body.endsWith("\"}")) {
            return null;
        }
        String type = null;
        for (var header : response.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase("Content-Type")) {
                type = header.getValue();
            }
        }
        if (!Respond.JSON.equals(type)) {
            return null;
        }
        String literal = body.substring(11, body.length() - 1);
        StringBuilder out = new StringBuilder(literal.length());
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c == '"') {
                return null; // a second field: not a bare message body
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= literal.length() - 1) {
                return null;
            }
            char e = literal.charAt(i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 >= literal.length()) {
                        return null;
                    }
                    try {
                        out.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
                    } catch (NumberFormatException ex) {
                        return null;
                    }
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }
}
