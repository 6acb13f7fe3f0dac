package io.tollgate.adapter.http.admin;

import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.TextInference;
import io.tollgate.domain.shared.SchemaViolation;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.form.FormData;
import io.undertow.server.handlers.form.FormDataParser;
import io.undertow.server.handlers.form.MultiPartParserDefinition;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Reads an Admin API request body into a JSON-shaped map, as Kong accepts it (kong-internals §7.3):
 * {@code application/json} taken as-is; {@code application/x-www-form-urlencoded} and {@code multipart/form-data}
 * decoded by {@link FormDecoder} and then typed by the entity schema ({@link TextInference}). An empty body (a
 * multipart one included) is an empty map, except with {@code Content-Type: application/json}, which Kong answers 400
 * {@code {"message":"Cannot parse JSON body"}}. Must run on a worker thread (blocking reads).
 */
final class RequestBodies {

    private static final long MULTIPART_IN_MEMORY = 1 << 20;

    private RequestBodies() {}

    /**
     * @param current the stored entity, looked up only when a plugin form body lacks {@code name} and its
     *                {@code config} needs the plugin's schema for typing
     * @throws ClientError 400 for unparseable JSON, a non-object top level, a broken multipart body or more than
     *                     {@link ArgumentLimits#MAX_ARGUMENTS} form fields, 415 for another body type
     */
    static Map<String, @Nullable Object> read(
            HttpServerExchange exchange, EntitySchema schema, Supplier<Optional<Entity>> current) throws IOException {
        String type = mediaType(exchange);
        if (type.equals(MultiPartParserDefinition.MULTIPART_FORM_DATA)) {
            List<FormDecoder.Pair> pairs;
            try {
                pairs = withoutParts(exchange) ? List.of() : multipart(exchange);
            } catch (IOException | RuntimeException e) { // Undertow's parser on a broken body or boundary
                throw ClientError.badRequest("Cannot parse multipart body");
            }
            ArgumentLimits.check(pairs.size());
            return infer(schema, FormDecoder.decode(pairs), current);
        }
        byte[] bytes;
        try (InputStream in = exchange.getInputStream()) {
            bytes = in.readAllBytes();
        }
        if (bytes.length == 0) {
            if (type.equals("application/json")) { // Kong's api_helpers: no JSON document to parse
                throw ClientError.badRequest("Cannot parse JSON body");
            }
            return new LinkedHashMap<>();
        }
        return switch (type) {
            case "application/json" -> json(bytes);
            case "application/x-www-form-urlencoded" -> {
                List<FormDecoder.Pair> pairs = FormDecoder.parseUrlEncoded(new String(bytes, StandardCharsets.UTF_8));
                ArgumentLimits.check(pairs.size());
                yield infer(schema, FormDecoder.decode(pairs), current);
            }
            default -> throw ClientError.unsupportedMediaType();
        };
    }

    /** The request's media type, lower case without parameters ({@code ""} without {@code Content-Type}). */
    static String mediaType(HttpServerExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (header == null) {
            return "";
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static Map<String, @Nullable Object> json(byte[] bytes) {
        Object parsed;
        try {
            parsed = Responses.JSON.readValue(bytes, Object.class);
        } catch (IOException e) { // Jackson's parse errors included
            throw ClientError.badRequest("Cannot parse JSON body");
        }
        if (!(parsed instanceof Map<?, ?> map) || !WellFormedText.holds(map)) {
            throw ClientError.badRequest("Cannot parse JSON body");
        }
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /**
     * Whether a multipart body is too short to hold a part: then it is read here, and it must be empty or the closing
     * delimiter alone ({@code --<boundary>--}), which Kong's parser reads as no fields (Undertow's refuses it).
     *
     * @throws IOException when such a short body is anything else, answered as a broken multipart body
     */
    private static boolean withoutParts(HttpServerExchange exchange) throws IOException {
        String boundary = Headers.extractQuotedValueFromHeader(
                exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE), "boundary");
        long length = exchange.getRequestContentLength();
        if (boundary == null || length < 0 || length > boundary.length() + 8) {
            return false;
        }
        String body;
        try (InputStream in = exchange.getInputStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).strip();
        }
        if (body.isEmpty() || body.equals("--" + boundary + "--")) {
            return true;
        }
        throw new IOException("a multipart body without a part");
    }

    private static List<FormDecoder.Pair> multipart(HttpServerExchange exchange) throws IOException {
        MultiPartParserDefinition definition = new MultiPartParserDefinition();
        definition.setDefaultEncoding(StandardCharsets.UTF_8.name());
        definition.setFileSizeThreshold(MULTIPART_IN_MEMORY);
        List<FormDecoder.Pair> pairs = new ArrayList<>();
        try (FormDataParser parser = definition.create(exchange)) {
            if (parser == null) {
                return pairs;
            }
            FormData data = parser.parseBlocking();
            for (String name : data) {
                if (name == null) {
                    continue; // a part without a Content-Disposition name
                }
                for (FormData.FormValue value : data.get(name)) {
                    pairs.add(new FormDecoder.Pair(name, textOf(value)));
                }
            }
        }
        return pairs;
    }

    /** A file part counts by its content (Kong reads e.g. a certificate from an uploaded file). */
    private static String textOf(FormData.FormValue value) throws IOException {
        if (!value.isFileItem()) {
            return value.getValue();
        }
        try (InputStream in = value.getFileItem().getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Schema-driven typing; for plugins, the named plugin's schema so that {@code config.*} is typed too. */
    private static Map<String, @Nullable Object> infer(
            EntitySchema schema, Map<String, @Nullable Object> decoded, Supplier<Optional<Entity>> current) {
        EntitySchema typing = schema;
        if (schema.name().equals(Plugins.SCHEMA.name())) {
            Map<String, @Nullable Object> named = decoded;
            if (!(decoded.get("name") instanceof String)) {
                Optional<Object> stored = current.get().map(e -> e.get("name"));
                named = stored.isPresent() ? Map.of("name", stored.get()) : decoded;
            }
            try {
                typing = Schemas.forInput(schema, named);
            } catch (SchemaViolation unknownPlugin) {
                typing = schema; // validation reports it with Kong's message
            }
        }
        return TextInference.infer(typing.record(), decoded);
    }
}
