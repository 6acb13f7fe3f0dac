package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request body's top-level arguments as Kong's {@code kong.request.get_body} reads them: a form-urlencoded body's
 * arguments, a {@code multipart/form-data} body's fields (file parts included, by name) or a JSON object's members;
 * any other content type has none.
 */
sealed interface FormOrJson {

    /** The string values of argument {@code name} (a JSON member that is not a string counts as none). */
    List<String> values(String name);

    /** Whether argument {@code name} is a table in Kong's terms (repeated, or a JSON array or object). */
    default boolean duplicate(String name) {
        return values(name).size() > 1;
    }

    /** The body re-encoded without argument {@code name}. */
    byte[] without(String name, JsonCodec json);

    /** A form body. */
    record Form(Map<String, List<String>> args) implements FormOrJson {
        @Override
        public List<String> values(String name) {
            return args.getOrDefault(name, List.of());
        }

        @Override
        public byte[] without(String name, JsonCodec json) {
            Map<String, List<String>> rest = new LinkedHashMap<>(args);
            rest.remove(name);
            String encoded = UrlEncodedArgs.encode(rest);
            return encoded == null ? new byte[0] : encoded.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A JSON object body. */
    record Json(Map<String, @Nullable Object> members) implements FormOrJson {
        @Override
        public List<String> values(String name) {
            return members.get(name) instanceof String s ? List.of(s) : List.of();
        }

        @Override
        public boolean duplicate(String name) {
            return members.get(name) instanceof List<?> || members.get(name) instanceof Map<?, ?>;
        }

        @Override
        public byte[] without(String name, JsonCodec json) {
            Map<String, @Nullable Object> rest = new LinkedHashMap<>(members);
            rest.remove(name);
            return json.write(rest);
        }
    }

    /**
     * A {@code multipart/form-data} body: the values of a name are the texts of its parts.
     *
     * @param form the parsed body ({@link #without} removes from it)
     */
    record Multipart(MultipartForm form) implements FormOrJson {
        @Override
        public List<String> values(String name) {
            return form.values(name);
        }

        /** The other parts as they came, with the same boundary (no parts left: an empty body). */
        @Override
        public byte[] without(String name, JsonCodec json) {
            form.remove(name);
            return form.toBytes();
        }
    }

    /** A body of another type. */
    record None() implements FormOrJson {
        @Override
        public List<String> values(String name) {
            return List.of();
        }

        @Override
        public byte[] without(String name, JsonCodec json) {
            throw new IllegalStateException("no arguments to remove");
        }
    }

    /**
     * Parses {@code body} by its {@code Content-Type}.
     *
     * @return the arguments (none for a multipart body without boundary, as Kong's lenient parser reads it), or
     *     {@code null} when a JSON body is not a JSON object (Kong cannot process it)
     */
    @SuppressWarnings("unchecked")
    static @Nullable FormOrJson parse(byte[] body, @Nullable String contentType, JsonCodec json) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("application/x-www-form-urlencoded")) {
            return new Form(UrlEncodedArgs.decode(new String(body, StandardCharsets.UTF_8)));
        }
        if (type.contains("multipart/form-data")) {
            MultipartForm form = MultipartForm.parse(body, contentType);
            return form == null ? new None() : new Multipart(form); // Kong's parser never fails: no fields
        }
        if (!type.contains("application/json")) {
            return new None();
        }
        if (body.length == 0) {
            return new Json(new LinkedHashMap<>());
        }
        try {
            return json.read(body) instanceof Map<?, ?> map ? new Json((Map<String, @Nullable Object>) map) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
