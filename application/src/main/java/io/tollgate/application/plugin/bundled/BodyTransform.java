package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.JsonCodec;
import io.tollgate.application.plugin.spi.PluginContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * request-transformer's body rules on a form-urlencoded, JSON or {@code multipart/form-data} body (Kong's
 * {@code transform_*_body}). A JSON body that is not an object (or not JSON) is left as it is; an empty one counts as
 * {@code {}}, so {@code add} and {@code append} still apply. New JSON values are strings; {@code append} makes a list
 * of the old and new values. A multipart body follows Kong's {@code transform_multipart_body}: {@code remove} drops
 * every part of a name; {@code rename} and {@code replace} turn the (first) part into a simple field (a renamed field
 * takes the place of an existing part of the new name, else goes last; a replaced one goes last); {@code add} adds a
 * simple field last; {@code append} does nothing (as in Kong). Other parts, files included, are kept byte for byte,
 * with the same boundary; a multipart body without boundary is left as it is.
 */
final class BodyTransform {

    private BodyTransform() {}

    /** The new body, or {@code null} to keep the client's. */
    static byte @Nullable [] apply(
            RequestTransformer.BodyType type,
            byte[] body,
            TransformRules rules,
            PluginContext context,
            Template.Source source,
            JsonCodec json) {
        return switch (type) {
            case FORM -> form(body, rules, source);
            case JSON -> json(body, rules, source, json);
            case MULTIPART -> multipart(body, rules, context, source);
            case OTHER -> null;
        };
    }

    private static byte @Nullable [] form(byte[] body, TransformRules rules, Template.Source source) {
        Map<String, List<String>> args = UrlEncodedArgs.decode(new String(body, StandardCharsets.UTF_8));
        if (!ArgsTransform.apply(args, rules, "body", source)) {
            return null;
        }
        String encoded = UrlEncodedArgs.encode(args);
        return encoded == null ? new byte[0] : encoded.getBytes(StandardCharsets.UTF_8);
    }

    private static byte @Nullable [] multipart(
            byte[] body, TransformRules rules, PluginContext context, Template.Source source) {
        MultipartForm form = MultipartForm.parse(body, context.header("Content-Type"));
        if (form == null) {
            return null;
        }
        boolean changed = false;
        if (body.length > 0) { // Kong: only add applies to an empty body
            for (String name : rules.remove("body")) {
                changed |= form.remove(name);
            }
            for (TransformRules.Pair p : rules.pairs("rename", "body")) {
                List<String> values = form.values(p.name());
                if (!values.isEmpty()) {
                    form.setSimple(p.value(), values.get(0));
                    form.remove(p.name());
                    changed = true;
                }
            }
            for (TransformRules.Pair p : rules.pairs("replace", "body")) {
                if (form.remove(p.name())) {
                    form.setSimple(p.name(), Template.render(p.value(), source));
                    changed = true;
                }
            }
        }
        for (TransformRules.Pair p : rules.pairs("add", "body")) {
            if (!form.has(p.name())) {
                form.setSimple(p.name(), Template.render(p.value(), source));
                changed = true;
            }
        }
        return changed ? form.toBytes() : null;
    }

    private static byte @Nullable [] json(byte[] body, TransformRules rules, Template.Source source, JsonCodec json) {
        Map<String, @Nullable Object> doc = JsonMembers.object(body, json, true);
        if (doc == null) {
            return null;
        }
        boolean changed =
                JsonMembers.apply(doc, rules, "body", (operation, index, value) -> Template.render(value, source));
        return changed ? json.write(doc) : null;
    }
}
