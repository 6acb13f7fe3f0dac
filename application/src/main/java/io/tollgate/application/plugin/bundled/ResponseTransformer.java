package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.array;
import static io.tollgate.domain.schema.Fields.record;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.application.plugin.spi.JsonCodec;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rule;
import io.tollgate.domain.schema.Rules;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code response-transformer} (priority 800): in {@code header_filter}, remove (the name before any colon),
 * rename (every line of the header), replace (present headers only), add (absent only) and append (a header line of
 * its own) response headers, an entry with an empty value replacing, adding or appending nothing. As Kong's, "present"
 * and the value renamed are those of the response's headers before the plugin ran, so {@code remove} does not stop a
 * {@code replace} of the same header and an {@code add} of a renamed header's new name overwrites it. For a JSON
 * response (a {@code Content-Type} media type {@code application/json}) with JSON rules, the body is collected in
 * {@code body_filter} and rewritten at its end (remove, rename, replace, add, append members; {@code json_types} gives
 * each value's type, string by default; {@code Content-Length} is dropped). A body that is not a JSON object goes on
 * unchanged.
 */
public final class ResponseTransformer implements TollgatePlugin {

    /** Kong's {@code match = "^[^:]+:.*$"}: a name, a colon, then any value (possibly empty). */
    private static final Rule COLON =
            v -> ((String) v).matches("(?s)[^:]+:.*") ? Optional.empty() : Optional.of("invalid value: " + v);

    static final PluginDefinition DEFINITION = new PluginDefinition(
            "response-transformer",
            800,
            PluginCatalog.VERSION,
            RecordSchema.of(
                    record("remove", RecordSchema.of(list("headers"), list("json")))
                            .required(),
                    record("rename", RecordSchema.of(renames(), pairs("json"))).required(),
                    record("replace", typed()).required(),
                    record("add", typed()).required(),
                    record("append", typed()).required()),
            false);

    private static final String BUFFER = "response-transformer.body";

    @Override
    public PluginDefinition definition() {
        return DEFINITION;
    }

    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        return new Handler(environment.json());
    }

    private static FieldSpec list(String name) {
        return array(name, string("entry")).required().defaultValue(List.of());
    }

    private static FieldSpec pairs(String name) {
        return array(name, string("entry").rule(COLON)).required().defaultValue(List.of());
    }

    private static FieldSpec renames() {
        return array("headers", string("entry").rule(COLON).rule(RequestTransformerSchema.HEADER_RENAME))
                .required()
                .defaultValue(List.of());
    }

    private static RecordSchema typed() {
        return RecordSchema.of(
                pairs("headers"),
                pairs("json"),
                array("json_types", string("type").rule(Rules.oneOf("boolean", "number", "string")))
                        .required()
                        .defaultValue(List.of()));
    }

    private record Handler(JsonCodec json) implements PluginHandler {

        @Override
        public void headerFilter(PluginContext context, PluginConfig config) {
            TransformRules rules = TransformRules.of(config);
            // Kong tests rename, replace, add and the JSON check against the headers as they were before this
            // plugin ran (its kong.response.get_headers() copy), not as each step leaves them
            Map<String, List<String>> before = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            before.putAll(context.responseHeaders());
            for (String entry : rules.remove("headers")) {
                context.removeResponseHeader(TransformRules.Pair.of(entry).name()); // Kong: the name before a colon
            }
            for (TransformRules.Pair p : rules.pairs("rename", "headers")) {
                List<String> values = before.get(p.name());
                if (values != null && !values.isEmpty() && !p.value().isEmpty()) {
                    setLines(context, p.value(), values); // each line kept, as Kong's set_header of a list
                    context.removeResponseHeader(p.name());
                }
            }
            // Kong: an entry with an empty value ("name:") is not replaced, added nor appended
            for (TransformRules.Pair p : rules.pairs("replace", "headers")) {
                if (!p.value().isEmpty() && before.containsKey(p.name())) {
                    context.setResponseHeader(p.name(), p.value());
                }
            }
            for (TransformRules.Pair p : rules.pairs("add", "headers")) {
                if (!p.value().isEmpty() && !before.containsKey(p.name())) {
                    context.setResponseHeader(p.name(), p.value());
                }
            }
            for (TransformRules.Pair p : rules.pairs("append", "headers")) {
                if (!p.value().isEmpty()) {
                    context.addResponseHeader(p.name(), p.value()); // a header line of its own, as Kong's add_header
                }
            }
            if (!rules.touches("json")) {
                return;
            }
            if (isJson(before.getOrDefault("Content-Type", List.of()))) {
                context.removeResponseHeader("Content-Length"); // Kong's header_filter: the body is going to change
            }
            if (isJson(context.responseHeaderValues("Content-Type"))) { // Kong's body_filter reads it again
                context.removeResponseHeader("Content-Length");
                context.shared().put(BUFFER, new ByteArrayOutputStream());
            }
        }

        /** Sets {@code name} to {@code values}, one header line each. */
        private static void setLines(PluginContext context, String name, List<String> values) {
            context.setResponseHeader(name, values.get(0));
            for (String value : values.subList(1, values.size())) {
                context.addResponseHeader(name, value);
            }
        }

        @Override
        public ByteBuffer bodyFilter(PluginContext context, PluginConfig config, ByteBuffer chunk, boolean last) {
            if (!(context.shared().get(BUFFER) instanceof ByteArrayOutputStream buffer)) {
                return chunk;
            }
            byte[] bytes = new byte[chunk.remaining()];
            chunk.get(bytes);
            buffer.writeBytes(bytes);
            if (!last) {
                return ByteBuffer.allocate(0);
            }
            context.shared().remove(BUFFER);
            byte[] body = buffer.toByteArray();
            Map<String, @Nullable Object> doc = JsonMembers.object(body, json, false);
            TransformRules rules = TransformRules.of(config);
            if (doc == null || !JsonMembers.apply(doc, rules, "json", JsonMembers.typed(rules))) {
                return ByteBuffer.wrap(body);
            }
            return ByteBuffer.wrap(json.write(doc));
        }

        /**
         * Kong's {@code is_json_body}: one of the comma-separated media types of the first {@code Content-Type} is
         * {@code application/json} (parameters aside; {@code application/json-patch+json} is not).
         */
        private static boolean isJson(List<String> types) {
            if (types.isEmpty()) {
                return false;
            }
            for (String type : types.get(0).split(",")) {
                int semicolon = type.indexOf(';');
                String essence = (semicolon < 0 ? type : type.substring(0, semicolon)).strip();
                if (essence.equalsIgnoreCase("application/json")) {
                    return true;
                }
            }
            return false;
        }
    }
}
