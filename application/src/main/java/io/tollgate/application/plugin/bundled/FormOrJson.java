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
 * arguments or a JSON object's members; any other content type has none.
 */
sealed interface FormOrJson {

    /** The string values of argument {@code name} (a JSON member that is not a string counts as none). */
    List<String> values(String name);

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
        public byte[] without(String name, JsonCodec json) {
            Map<String, @Nullable Object> rest = new LinkedHashMap<>(members);
            rest.remove(name);
            return json.write(rest);
        }
    }

    /** A body of another type (multipart included, which Tollgate does not parse yet). */
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
     * @return the arguments, or {@code null} when a JSON body is not a JSON object (Kong cannot process it)
     */
    @SuppressWarnings("unchecked")
    static @Nullable FormOrJson parse(byte[] body, @Nullable String contentType, JsonCodec json) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("application/x-www-form-urlencoded")) {
            return new Form(UrlEncodedArgs.decode(new String(body, StandardCharsets.UTF_8)));
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
