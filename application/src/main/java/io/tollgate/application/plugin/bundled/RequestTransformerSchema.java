package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.array;
import static io.tollgate.domain.schema.Fields.record;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rule;
import io.tollgate.domain.schema.Rules;
import java.util.List;
import java.util.Optional;

/**
 * Kong's {@code request-transformer} definition: priority 801, {@code http_method}, and the records {@code remove},
 * {@code rename}, {@code replace} (with {@code uri}), {@code add} and {@code append}, each with {@code headers},
 * {@code querystring} and {@code body} arrays (default empty). Entries of {@code rename} are {@code old:new}, of
 * {@code replace}/{@code add}/{@code append} {@code name:value}; an entry without a value is refused with Kong's
 * {@code key '<name>' has no value}.
 */
final class RequestTransformerSchema {

    /** Kong's {@code check_for_value}: {@code name:value} with a non-empty value. */
    static final Rule HAS_VALUE = v -> {
        String entry = (String) v;
        int colon = entry.indexOf(':');
        String name = colon < 0 ? entry : entry.substring(0, colon);
        boolean ok = colon > 0 && entry.length() > colon + 1;
        return ok ? Optional.empty() : Optional.of("key '" + name + "' has no value");
    };

    private static final Rule HEADER_NAME = Rules.headerName();

    /** The name part of a header pair is a header name. */
    private static final Rule HEADER_PAIR = v -> {
        String entry = (String) v;
        int colon = entry.indexOf(':');
        return colon <= 0 ? Optional.empty() : HEADER_NAME.check(entry.substring(0, colon));
    };

    static final PluginDefinition DEFINITION = new PluginDefinition(
            "request-transformer",
            801,
            PluginCatalog.VERSION,
            RecordSchema.of(
                    string("http_method").rule(Rules.uppercase()),
                    record("remove", names()).required(),
                    record("rename", pairs(false)).required(),
                    record("replace", pairs(true)).required(),
                    record("add", pairs(false)).required(),
                    record("append", pairs(false)).required()),
            false);

    private RequestTransformerSchema() {}

    private static RecordSchema names() {
        return RecordSchema.of(
                list("body", element()),
                list("headers", element().rule(Rules.headerName())),
                list("querystring", element()));
    }

    private static RecordSchema pairs(boolean withUri) {
        FieldSpec body = list("body", element().rule(HAS_VALUE));
        FieldSpec headers = list("headers", element().rule(HAS_VALUE).rule(HEADER_PAIR));
        FieldSpec querystring = list("querystring", element().rule(HAS_VALUE));
        return withUri
                ? RecordSchema.of(body, headers, querystring, string("uri"))
                : RecordSchema.of(body, headers, querystring);
    }

    private static FieldSpec list(String name, FieldSpec element) {
        return array(name, element).required().defaultValue(List.of());
    }

    private static FieldSpec element() {
        return string("entry");
    }
}
