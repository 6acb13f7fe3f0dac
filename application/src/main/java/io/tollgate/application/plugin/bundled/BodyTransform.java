package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.JsonCodec;
import io.tollgate.application.plugin.spi.PluginContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    @SuppressWarnings("unchecked")
    private static byte @Nullable [] json(byte[] body, TransformRules rules, PluginContext context, JsonCodec json) {
        Map<String, @Nullable Object> doc;
        if (body.length == 0) {
            doc = new LinkedHashMap<>();
        } else {
            Object parsed;
            try {
                parsed = json.read(body);
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (!(parsed instanceof Map<?, ?>)) {
                return null;
            }
            doc = (Map<String, @Nullable Object>) parsed;
        }
        boolean changed = false;
        for (String name : rules.remove("body")) {
            doc.remove(name);
            changed = true;
        }
        for (TransformRules.Pair p : rules.pairs("rename", "body")) {
            Object value = doc.remove(p.name());
            if (value != null) {
                doc.put(p.value(), value);
            }
            changed = true;
        }
        for (TransformRules.Pair p : rules.pairs("replace", "body")) {
            if (doc.get(p.name()) != null) {
                doc.put(p.name(), Template.render(p.value(), context));
                changed = true;
            }
        }
        for (TransformRules.Pair p : rules.pairs("add", "body")) {
            if (doc.get(p.name()) == null) {
                doc.put(p.name(), Template.render(p.value(), context));
                changed = true;
            }
        }
        for (TransformRules.Pair p : rules.pairs("append", "body")) {
            String value = Template.render(p.value(), context);
            Object old = doc.get(p.name());
            List<Object> values = new ArrayList<>();
            if (old instanceof List<?> list) {
                values.addAll(list);
            } else if (old != null) {
                values.add(old);
            }
            values.add(value);
            doc.put(p.name(), values);
            changed = true;
        }
        return changed ? json.write(doc) : null;
    }
}
