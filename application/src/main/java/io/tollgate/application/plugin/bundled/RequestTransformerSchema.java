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
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code request-transformer} definition: priority 801, {@code http_method}, and the records {@code remove},
 * {@code rename}, {@code replace} (with {@code uri}), {@code add} and {@code append}, each with {@code headers},
 * {@code querystring} and {@code body} arrays (default empty). Entries of {@code rename} are {@code old:new}, of
 * {@code replace}/{@code add}/{@code append} {@code name:value}; an entry without a value is refused with Kong's
 * {@code key '<name>' has no value}. Header entries follow Kong's {@code validate_headers}: the name (and the new name
 * of a {@code rename}) is a header name, the value of an {@code add}/{@code append}/{@code replace} a header value
 * (no control character but a tab), else {@code '<part>' is not a valid header}.
 */
final class RequestTransformerSchema {

    /**
     * Kong's {@code check_for_value}: {@code name:value} with a non-empty value, split as the plugin splits it when it
     * runs, so {@code name::} has no value either.
     */
    static final Rule HAS_VALUE = v -> {
        String entry = (String) v;
        TransformRules.Pair pair = TransformRules.Pair.of(entry);
        boolean ok = TransformRules.Pair.hasValuePart(entry) && !pair.value().isEmpty();
        return ok ? Optional.empty() : Optional.of("key '" + pair.name() + "' has no value");
    };

    /** Kong's {@code validate_header_name}: a token of letters, digits, {@code -} and {@code _}. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_\\-]+");

    /** Kong's {@code validate_header_value}: no control character but a tab. */
    private static final Pattern VALUE = Pattern.compile("[^\\x00-\\x08\\x0A-\\x1F\\x7F]*");

    /** A {@code remove} header: its name (up to a colon) is a header name. */
    private static final Rule HEADER = v -> headerPair((String) v, null);

    /** An {@code add}/{@code append}/{@code replace} header: a header name, a colon and a header value. */
    private static final Rule HEADER_PAIR = v -> headerPair((String) v, VALUE);

    /**
     * A {@code rename} header: the old and the new name are header names (Kong's {@code validate_colon_headers}, which
     * response-transformer shares).
     */
    static final Rule HEADER_RENAME = v -> headerPair((String) v, NAME);

    /**
     * Kong's {@code validate_headers}: the name, and the value when {@code value} is given, else {@code '<part>' is not
     * a valid header}.
     */
    private static Optional<String> headerPair(String entry, @Nullable Pattern value) {
        TransformRules.Pair pair = TransformRules.Pair.of(entry); // split as the plugins split it when they run
        if (!NAME.matcher(pair.name()).matches()) {
            return Optional.of("'" + pair.name() + "' is not a valid header");
        }
        if (value != null
                && TransformRules.Pair.hasValuePart(entry)
                && !value.matcher(pair.value()).matches()) {
            return Optional.of("'" + pair.value() + "' is not a valid header");
        }
        return Optional.empty();
    }

    static final PluginDefinition DEFINITION = new PluginDefinition(
            "request-transformer",
            801,
            PluginCatalog.VERSION,
            RecordSchema.of(
                    string("http_method").rule(Rules.uppercase()),
                    record("remove", names()).required(),
                    record("rename", pairs(false, HEADER_RENAME)).required(),
                    record("replace", pairs(true)).required(),
                    record("add", pairs(false)).required(),
                    record("append", pairs(false)).required()),
            false);

    private RequestTransformerSchema() {}

    private static RecordSchema names() {
        return RecordSchema.of(
                list("body", element()), list("headers", element().rule(HEADER)), list("querystring", element()));
    }

    private static RecordSchema pairs(boolean withUri) {
        return pairs(withUri, HEADER_PAIR);
    }

    private static RecordSchema pairs(boolean withUri, Rule header) {
        FieldSpec body = list("body", element().rule(HAS_VALUE));
        FieldSpec headers = list("headers", element().rule(HAS_VALUE).rule(header));
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
