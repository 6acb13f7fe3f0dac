package io.tollgate.domain.route;

import io.tollgate.domain.schema.Errors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Kong's per-protocol route rules (its {@code routes} subschemas). As in Kong, the subschema is the one of the
 * route's <em>first</em> protocol (the {@code protocols} field's {@code mutually_exclusive_subsets} already keeps the
 * others in the same group):
 *
 * <ul>
 *   <li>{@code http}/{@code https}: no {@code sources}/{@code destinations}; at least one of
 *       {@code methods}/{@code hosts}/{@code headers}/{@code paths} (plus {@code snis} when {@code https} is among
 *       the protocols, named in the message as {@code 'https'});
 *   <li>{@code grpc}/{@code grpcs}: no {@code methods}, {@code sources}, {@code destinations}, no
 *       {@code strip_path} ({@code false} by default there); at least one of {@code hosts}/{@code headers}/
 *       {@code paths} (plus {@code snis} for {@code grpcs});
 *   <li>stream ({@code tcp}/{@code tls}/{@code udp}/{@code tls_passthrough}): no {@code methods}, {@code hosts},
 *       {@code paths}, {@code headers}; {@code tcp}/{@code tls}/{@code udp} need one of {@code sources}/
 *       {@code destinations}/{@code snis}, {@code tls_passthrough} needs {@code snis}.
 * </ul>
 *
 * Field messages land on the field, the "must set" messages under {@code @entity}, as in Kong.
 */
final class RouteProtocols {

    /** Kong's {@code mutually_exclusive_subsets} of the routes' {@code protocols} field. */
    static final List<List<String>> EXCLUSIVE_SUBSETS = List.of(
            List.of("http", "https"),
            List.of("tcp", "tls", "udp"),
            List.of("tls_passthrough"),
            List.of("grpc", "grpcs"));

    private static final String GRPC = "when 'protocols' is 'grpc' or 'grpcs'";
    private static final String HTTP = "when 'protocols' is 'http' or 'https'";
    private static final String STREAM = "when 'protocols' is 'tcp', 'tls', 'tls_passthrough' or 'udp'";

    private RouteProtocols() {}

    /** Kong's {@code strip_path} default for the grpc subschema: the input with {@code strip_path: false} if unset. */
    static Map<String, @Nullable Object> expandProtocols(Object value) {
        Map<String, @Nullable Object> out = new HashMap<>();
        out.put("protocols", value);
        if (value instanceof List<?> protocols && isGrpc(protocols)) {
            out.put("strip_path", false);
        }
        return out;
    }

    static boolean isGrpc(List<?> protocols) {
        return protocols.contains("grpc") || protocols.contains("grpcs");
    }

    /** The rules of the subschema of the first of {@code protocols} (non-empty), reported into {@code errors}. */
    static void check(List<String> protocols, Map<String, @Nullable Object> v, Errors errors) {
        switch (protocols.get(0)) {
            case "grpc", "grpcs" -> {
                if (Boolean.TRUE.equals(v.get("strip_path"))) {
                    errors.field("strip_path", "cannot set 'strip_path' " + GRPC);
                }
                forbid(v, errors, GRPC, "methods", "sources", "destinations");
                boolean secure = protocols.contains("grpcs");
                List<String> any =
                        secure ? List.of("hosts", "headers", "paths", "snis") : List.of("hosts", "headers", "paths");
                requireOne(v, errors, any, secure ? "'grpcs'" : "'grpc'");
            }
            case "http", "https" -> {
                forbid(v, errors, HTTP, "sources", "destinations");
                boolean https = protocols.contains("https");
                List<String> any = https
                        ? List.of("methods", "hosts", "headers", "paths", "snis")
                        : List.of("methods", "hosts", "headers", "paths");
                requireOne(v, errors, any, https ? "'https'" : "'http'");
            }
            case "tls_passthrough" -> {
                forbid(v, errors, STREAM, "methods", "hosts", "paths", "headers");
                if (isEmpty(v, "snis")) {
                    errors.entity("must set snis when 'protocols' is 'tls_passthrough'");
                }
            }
            default -> {
                forbid(v, errors, STREAM, "methods", "hosts", "paths", "headers");
                requireOne(v, errors, List.of("sources", "destinations", "snis"), "'tcp', 'tls' or 'udp'");
            }
        }
    }

    private static void forbid(Map<String, @Nullable Object> v, Errors errors, String when, String... fields) {
        for (String field : fields) {
            if (!isEmpty(v, field)) {
                errors.field(field, "cannot set '" + field + "' " + when);
            }
        }
    }

    private static void requireOne(
            Map<String, @Nullable Object> v, Errors errors, List<String> fields, String protocols) {
        if (fields.stream().allMatch(f -> isEmpty(v, f))) {
            errors.entity("must set one of "
                    + String.join(", ", fields.stream().map(f -> "'" + f + "'").toList())
                    + " when 'protocols' is " + protocols);
        }
    }

    static boolean isEmpty(Map<String, @Nullable Object> v, String field) {
        Object value = v.get(field);
        return value == null
                || (value instanceof List<?> l && l.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty());
    }
}
