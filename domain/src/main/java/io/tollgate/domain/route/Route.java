package io.tollgate.domain.route;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.service.ServiceId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jmolecules.ddd.types.AggregateRoot;
import org.jspecify.annotations.Nullable;

/**
 * A Kong route: the rules that select requests and the service they go to. The typed view the router compiles.
 *
 * @param headers header name (lower case) to the values that match (lower case; {@code ~*} prefix = regex)
 * @param createdAt creation time in seconds since the epoch (the last tie-break between equal routes)
 * @param snis the TLS server names the route requires (lower case, {@code *} wildcards as in hosts); only
 *        evaluated on TLS connections (kong-internals §8.1)
 * @param requestBuffering Kong's {@code request_buffering}: read the whole request body before contacting the
 *        upstream (default true)
 * @param responseBuffering Kong's {@code response_buffering} (default true)
 */
public record Route(
        RouteId id,
        @Nullable String name,
        List<String> protocols,
        List<String> methods,
        List<String> hosts,
        List<String> paths,
        Map<String, List<String>> headers,
        boolean stripPath,
        boolean preserveHost,
        int regexPriority,
        String pathHandling,
        int httpsRedirectStatusCode,
        @Nullable ServiceId service,
        long createdAt,
        List<String> snis,
        boolean requestBuffering,
        boolean responseBuffering)
        implements AggregateRoot<Route, RouteId> {

    public Route {
        Objects.requireNonNull(id, "id");
        protocols = List.copyOf(protocols);
        methods = List.copyOf(methods);
        hosts = List.copyOf(hosts);
        paths = List.copyOf(paths);
        headers = Map.copyOf(headers);
        snis = List.copyOf(snis);
    }

    /** Reads a validated {@code routes} entity. */
    @SuppressWarnings("unchecked")
    public static Route of(Entity entity) {
        if (entity.schema().kind() != EntityKind.ROUTES) {
            throw new IllegalArgumentException("not a route: " + entity.schema().name());
        }
        Map<String, List<String>> headers = new java.util.HashMap<>();
        if (entity.get("headers") instanceof Map<?, ?> raw) {
            raw.forEach((k, v) -> headers.put(
                    String.valueOf(k).toLowerCase(),
                    ((List<String>) v)
                            .stream()
                                    .map(s -> s.startsWith("~*") ? s : s.toLowerCase())
                                    .toList()));
        }
        return new Route(
                new RouteId(entity.id()),
                entity.stringOrNull("name"),
                list(entity, "protocols"),
                list(entity, "methods"),
                list(entity, "hosts"),
                list(entity, "paths"),
                headers,
                Boolean.TRUE.equals(entity.get("strip_path")),
                Boolean.TRUE.equals(entity.get("preserve_host")),
                number(entity, "regex_priority"),
                Objects.requireNonNullElse(entity.stringOrNull("path_handling"), "v0"),
                number(entity, "https_redirect_status_code"),
                entity.foreignId("service").map(ServiceId::new).orElse(null),
                entity.get("created_at") instanceof Number n ? n.longValue() : 0L,
                list(entity, "snis").stream()
                        .map(s -> s.toLowerCase(java.util.Locale.ROOT))
                        .toList(),
                !Boolean.FALSE.equals(entity.get("request_buffering")),
                !Boolean.FALSE.equals(entity.get("response_buffering")));
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Entity entity, String field) {
        return entity.get(field) instanceof List<?> l ? (List<String>) l : List.of();
    }

    private static int number(Entity entity, String field) {
        return entity.get(field) instanceof Number n ? n.intValue() : 0;
    }

    @Override
    public RouteId getId() {
        return id;
    }
}
