package io.tollgate.adapter.http.admin;

import io.tollgate.domain.schema.FieldSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Matches Admin API paths to {@link Endpoint}s. Fixed paths ({@code /status}) and prefixed ones
 * ({@code /cache/{key}}) win; the rest follows from data: each {@link AdminResource} gives
 * {@code /{path}} and {@code /{path}/{id|key}}, and each of its foreign fields that references another resource
 * gives {@code /{parent}/{p}/{nestedPath}} and {@code /{parent}/{p}/{nestedPath}/{id|key}}.
 */
final class AdminRouter {

    /** A nested child collection: the child resource, its parent and the child's field that references it. */
    private record Link(AdminResource parent, AdminResource child, String foreignField) {
    }

    private final Map<String, Endpoint> fixed;
    private final Map<String, Function<String, Endpoint>> prefixed;
    private final Map<String, AdminResource> topLevel = new HashMap<>();
    private final Map<String, Link> nested = new HashMap<>();
    private final EntityEndpoints entities;

    /**
     * @param fixed endpoints by exact path (e.g. {@code /status})
     * @param prefixed endpoints by path prefix (e.g. {@code /cache/}), given the rest of the path
     */
    AdminRouter(List<AdminResource> resources, EntityEndpoints entities, Map<String, Endpoint> fixed,
                Map<String, Function<String, Endpoint>> prefixed) {
        this.entities = entities;
        this.fixed = Map.copyOf(fixed);
        this.prefixed = Map.copyOf(prefixed);
        Map<String, AdminResource> bySchema = new HashMap<>();
        for (AdminResource resource : resources) {
            bySchema.put(resource.schema().name(), resource);
            if (resource.topLevel()) {
                topLevel.put(resource.path(), resource);
            }
        }
        for (AdminResource child : resources) {
            for (FieldSpec field : child.schema().foreignFields()) {
                AdminResource parent = field.reference() == null ? null : bySchema.get(field.reference());
                if (parent != null) {
                    nested.put(parent.path() + "/" + child.nestedPath(), new Link(parent, child, field.name()));
                }
            }
        }
    }

    /** The endpoint for a decoded request path, or empty for Kong's 404 {@code Not found}. */
    Optional<Endpoint> match(String path) {
        String normalised = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Endpoint exact = fixed.get(normalised);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (Map.Entry<String, Function<String, Endpoint>> entry : prefixed.entrySet()) {
            if (normalised.startsWith(entry.getKey()) && normalised.length() > entry.getKey().length()) {
                return Optional.of(entry.getValue().apply(normalised.substring(entry.getKey().length())));
            }
        }
        if (!normalised.startsWith("/")) {
            return Optional.empty();
        }
        String[] segments = normalised.substring(1).split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return Optional.empty();
            }
        }
        return switch (segments.length) {
            case 1 -> Optional.ofNullable(topLevel.get(segments[0])).map(r -> entities.collection(r, null));
            case 2 -> Optional.ofNullable(topLevel.get(segments[0])).map(r -> entities.entity(r, null, segments[1]));
            case 3 -> link(segments).map(l -> entities.collection(l.child(), nesting(l, segments[1])));
            case 4 -> link(segments).map(l -> entities.entity(l.child(), nesting(l, segments[1]), segments[3]));
            default -> Optional.empty();
        };
    }

    private Optional<Link> link(String[] segments) {
        return Optional.ofNullable(nested.get(segments[0] + "/" + segments[2]));
    }

    private static EntityEndpoints.Nesting nesting(Link link, String parentKey) {
        return new EntityEndpoints.Nesting(link.parent(), parentKey, link.foreignField());
    }
}
