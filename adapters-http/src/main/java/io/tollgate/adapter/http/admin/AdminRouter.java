package io.tollgate.adapter.http.admin;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.schema.FieldSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Matches Admin API paths to {@link Endpoint}s. Fixed paths ({@code /status}) and prefixed ones
 * ({@code /cache/{key}}) win; the rest follows from data: each {@link AdminResource} gives
 * {@code /{path}} and {@code /{path}/{id|key}}; each of its foreign fields that references another resource
 * gives {@code /{parent}/{p}/{nestedPath}} and {@code /{parent}/{p}/{nestedPath}/{id|key}} and the single-reference
 * endpoint {@code /{path}/{id|key}/{field}} (e.g. {@code /routes/{r}/service}). Each top-level resource also gives
 * {@code /{path}/{id|key}/history}, and each nested resource without top-level endpoints (targets)
 * {@code /{parent}/{p}/{nestedPath}/{id|key}/history} ({@link HistoryEndpoints}). {@link #routes()} lists every
 * template, for {@code GET /endpoints} and the OpenAPI document.
 */
final class AdminRouter {

    /** A nested child collection: the child resource, its parent and the child's field that references it. */
    private record Link(AdminResource parent, AdminResource child, String foreignField) {}

    private static final Set<String> COLLECTION = Set.of("GET", "POST");
    private static final Set<String> ONE = Set.of("GET", "PUT", "PATCH", "DELETE");
    private static final Set<String> HISTORY_METHODS = Set.of("GET");
    /** The last segment of Kong's {@code /upstreams/{upstreams}/targets/all}. */
    private static final String ALL = "all";

    private static final Set<String> ALL_METHODS = Set.of("GET");

    private final Map<String, Endpoint> fixed;
    private final Map<String, Function<String, @Nullable Endpoint>> prefixed;
    private final List<AdminRoute> prefixedRoutes;
    private final Map<String, AdminResource> topLevel = new LinkedHashMap<>();
    private final Map<String, Link> nested = new LinkedHashMap<>();
    private final Map<String, Link> references = new LinkedHashMap<>();
    private final EntityEndpoints entities;
    private final ReferenceEndpoints referenceEndpoints;
    private final HistoryEndpoints history;

    /**
     * @param fixed endpoints by exact path (e.g. {@code /status})
     * @param prefixed endpoints by path prefix (e.g. {@code /cache/}), given the rest of the path; {@code null} when
     *        the rest matches nothing
     * @param prefixedRoutes the templates the prefixed endpoints answer (e.g. {@code /cache/{key}})
     */
    AdminRouter(
            List<AdminResource> resources,
            EntityEndpoints entities,
            ReferenceEndpoints referenceEndpoints,
            HistoryEndpoints history,
            Map<String, Endpoint> fixed,
            Map<String, Function<String, @Nullable Endpoint>> prefixed,
            List<AdminRoute> prefixedRoutes) {
        this.entities = entities;
        this.referenceEndpoints = referenceEndpoints;
        this.history = history;
        this.fixed = Map.copyOf(fixed);
        this.prefixed = Map.copyOf(prefixed);
        this.prefixedRoutes = List.copyOf(prefixedRoutes);
        Map<EntityKind, AdminResource> byKind = new EnumMap<>(EntityKind.class);
        for (AdminResource resource : resources) {
            byKind.put(resource.schema().kind(), resource);
            if (resource.topLevel()) {
                topLevel.put(resource.path(), resource);
            }
        }
        for (AdminResource child : resources) {
            for (FieldSpec field : child.schema().foreignFields()) {
                AdminResource parent = field.reference() == null ? null : byKind.get(field.reference());
                if (parent != null) {
                    nested.put(parent.path() + "/" + child.nestedPath(), new Link(parent, child, field.name()));
                    if (child.topLevel()) {
                        references.put(child.path() + "/" + field.name(), new Link(parent, child, field.name()));
                    }
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
        for (Map.Entry<String, Function<String, @Nullable Endpoint>> entry : prefixed.entrySet()) {
            if (normalised.startsWith(entry.getKey())
                    && normalised.length() > entry.getKey().length()) {
                return Optional.ofNullable(entry.getValue()
                        .apply(normalised.substring(entry.getKey().length())));
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
            case 3 ->
                segments[2].equals(HistoryEndpoints.SEGMENT)
                        ? Optional.ofNullable(topLevel.get(segments[0])).map(r -> history.entity(r, segments[1]))
                        : link(segments)
                                .map(l -> entities.collection(l.child(), nesting(l, segments[1])))
                                .or(() -> Optional.ofNullable(references.get(segments[0] + "/" + segments[2]))
                                        .map(l -> referenceEndpoints.reference(
                                                l.child(), segments[1], l.foreignField(), l.parent())));
            case 4 ->
                link(segments)
                        .map(l -> segments[3].equals(ALL) && isTargetsAll(l)
                                ? new Endpoint(
                                        ALL_METHODS,
                                        entities.collection(l.child(), nesting(l, segments[1]))
                                                .action())
                                : entities.entity(l.child(), nesting(l, segments[1]), segments[3]));
            case 5 ->
                segments[4].equals(HistoryEndpoints.SEGMENT)
                        ? link(segments)
                                .filter(l -> !l.child().topLevel())
                                .map(l -> history.child(
                                        l.parent(), segments[1], l.child(), l.foreignField(), segments[3]))
                        : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** Every path template this router answers, with its methods. */
    List<AdminRoute> routes() {
        List<AdminRoute> routes = new ArrayList<>();
        fixed.forEach((path, endpoint) -> routes.add(
                path.equals(HistoryEndpoints.PATH)
                        ? new AdminRoute(path, endpoint.methods(), AdminRoute.Shape.HISTORY, null, null, null)
                        : AdminRoute.other(path, endpoint.methods())));
        routes.addAll(prefixedRoutes);
        topLevel.values().forEach(r -> {
            routes.add(new AdminRoute("/" + r.path(), COLLECTION, AdminRoute.Shape.COLLECTION, r, null, null));
            routes.add(new AdminRoute("/" + r.path() + "/" + param(r), ONE, AdminRoute.Shape.ENTITY, r, null, null));
            routes.add(new AdminRoute(
                    "/" + r.path() + "/" + param(r) + HistoryEndpoints.PATH,
                    HISTORY_METHODS,
                    AdminRoute.Shape.HISTORY,
                    r,
                    null,
                    null));
        });
        nested.values().forEach(l -> {
            String base = "/" + l.parent().path() + "/" + param(l.parent()) + "/"
                    + l.child().nestedPath();
            routes.add(new AdminRoute(
                    base, COLLECTION, AdminRoute.Shape.NESTED_COLLECTION, l.child(), l.parent(), l.foreignField()));
            routes.add(new AdminRoute(
                    base + "/" + param(l.child()),
                    ONE,
                    AdminRoute.Shape.NESTED_ENTITY,
                    l.child(),
                    l.parent(),
                    l.foreignField()));
            if (isTargetsAll(l)) {
                routes.add(new AdminRoute(
                        base + "/" + ALL,
                        ALL_METHODS,
                        AdminRoute.Shape.NESTED_COLLECTION,
                        l.child(),
                        l.parent(),
                        l.foreignField()));
            }
            if (!l.child().topLevel()) {
                routes.add(new AdminRoute(
                        base + "/" + param(l.child()) + HistoryEndpoints.PATH,
                        HISTORY_METHODS,
                        AdminRoute.Shape.HISTORY,
                        l.child(),
                        l.parent(),
                        l.foreignField()));
            }
        });
        references
                .values()
                .forEach(l -> routes.add(new AdminRoute(
                        "/" + l.child().path() + "/" + param(l.child()) + "/" + l.foreignField(),
                        ReferenceEndpoints.METHODS,
                        AdminRoute.Shape.REFERENCE,
                        l.parent(),
                        l.child(),
                        l.foreignField())));
        routes.sort((a, b) -> AdminRoute.KONG_ORDER.compare(a.template(), b.template()));
        return List.copyOf(routes);
    }

    /** Kong names a resource's URL parameter after its schema: {@code {services}}, {@code {keyauth_credentials}}. */
    static String param(AdminResource resource) {
        return "{" + resource.schema().name() + "}";
    }

    /**
     * Whether {@code link} is an upstream's targets, the one nested collection with Kong's {@code GET
     * /upstreams/{upstreams}/targets/all}: every target of the upstream, weight 0 included (Kong 3.x keeps one row per
     * target, so it lists what {@code /targets} lists).
     */
    private static boolean isTargetsAll(Link link) {
        return link.parent().schema().kind() == EntityKind.UPSTREAMS
                && link.child().schema().kind() == EntityKind.TARGETS;
    }

    private Optional<Link> link(String[] segments) {
        return Optional.ofNullable(nested.get(segments[0] + "/" + segments[2]));
    }

    private static EntityEndpoints.Nesting nesting(Link link, String parentKey) {
        return new EntityEndpoints.Nesting(link.parent(), parentKey, link.foreignField());
    }
}
