package io.tollgate.domain.route;

import io.tollgate.domain.schema.Errors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Kong's per-protocol route rules (its {@code routes} subschemas, chosen by the route's protocols): an {@code http}
 * or {@code https} route matches on {@code methods}/{@code hosts}/{@code headers}/{@code paths} (plus {@code snis}
 * when {@code https} is among them, named in the message as {@code 'https'}) and sets no {@code sources}/{@code destinations}; a {@code grpc}/{@code grpcs} route sets no
 * {@code methods}, {@code sources}, {@code destinations}, does not strip its path ({@code strip_path} defaults to
 * {@code false} there) and matches on {@code hosts}/{@code headers}/{@code paths} (plus {@code snis} for
 * {@code grpcs}); a {@code tcp}/{@code tls}/{@code udp} route matches on {@code sources}/{@code destinations}/
 * {@code snis}. Field messages land on the field, the "must set one of" message under {@code @entity}, as in Kong.
 */
final class RouteProtocols {

    private static final String GRPC = "when 'protocols' is 'grpc' or 'grpcs'";
    private static final String HTTP = "when 'protocols' is 'http' or 'https'";

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

    /** The rules of the protocols' subschema, reported into {@code errors}. */
    static void check(List<String> protocols, Map<String, @Nullable Object> v, Errors errors) {
        if (isGrpc(protocols)) {
            if (Boolean.TRUE.equals(v.get("strip_path"))) {
                errors.field("strip_path", "cannot set 'strip_path' " + GRPC);
            }
            forbid(v, errors, GRPC, "methods", "sources", "destinations");
            boolean secure = protocols.contains("grpcs");
            List<String> any =
                    secure ? List.of("hosts", "headers", "paths", "snis") : List.of("hosts", "headers", "paths");
            requireOne(v, errors, any, secure ? "'grpcs'" : "'grpc'");
        } else if (protocols.contains("http") || protocols.contains("https")) {
            forbid(v, errors, HTTP, "sources", "destinations");
            boolean https = protocols.contains("https");
            List<String> any = https
                    ? List.of("methods", "hosts", "headers", "paths", "snis")
                    : List.of("methods", "hosts", "headers", "paths");
            requireOne(v, errors, any, https ? "'https'" : "'http'");
        } else if (protocols.contains("tcp") || protocols.contains("tls") || protocols.contains("udp")) {
            requireOne(v, errors, List.of("sources", "destinations", "snis"), "'tcp', 'tls' or 'udp'");
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
