package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.JsonCodec;
import io.tollgate.application.plugin.spi.PluginContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * request-transformer's body rules on a form-urlencoded or JSON body (Kong's {@code transform_*_body}). A JSON body
 * that is not an object (or not JSON) is left as it is; an empty one counts as {@code {}}, so {@code add} and
 * {@code append} still apply. New JSON values are strings; {@code append} makes a list of the old and new values.
 */
final class BodyTransform {

    private BodyTransform() {}

    /** The new body, or {@code null} to keep the client's. */
    static byte @Nullable [] apply(
            RequestTransformer.BodyType type,
            byte[] body,
            TransformRules rules,
            PluginContext context,
            JsonCodec json) {
        return switch (type) {
            case FORM -> form(body, rules, context);
            case JSON -> json(body, rules, context, json);
            case MULTIPART, OTHER -> null;
        };
    }

    private static byte @Nullable [] form(byte[] body, TransformRules rules, PluginContext context) {
        Map<String, List<String>> args = UrlEncodedArgs.decode(new String(body, StandardCharsets.UTF_8));
        if (!ArgsTransform.apply(args, rules, "body", context)) {
            return null;
        }
        String encoded = UrlEncodedArgs.encode(args);
        return encoded == null ? new byte[0] : encoded.getBytes(StandardCharsets.UTF_8);
    }

    private static byte @Nullable [] json(byte[] body, TransformRules rules, PluginContext context, JsonCodec json) {
        Map<String, @Nullable Object> doc = JsonMembers.object(body, json, true);
        if (doc == null) {
            return null;
        }
        boolean changed =
                JsonMembers.apply(doc, rules, "body", (operation, index, value) -> Template.render(value, context));
        return changed ? json.write(doc) : null;
    }
}
