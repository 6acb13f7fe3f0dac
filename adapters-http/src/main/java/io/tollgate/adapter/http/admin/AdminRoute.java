package io.tollgate.adapter.http.admin;

import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One path template the Admin API routes, as Kong's {@code GET /endpoints} lists it ({@code /services/{services}}):
 * its methods and, for the generated entity endpoints, which resource it serves. {@link OpenApiDocument} documents
 * exactly these.
 *
 * @param template the path with {@code {name}} placeholders, e.g. {@code /consumers/{consumers}/key-auth}
 * @param methods upper-case HTTP methods, sorted ({@code OPTIONS} is implied everywhere)
 * @param resource the entity resource of an entity endpoint, {@code null} otherwise
 * @param parent the resource in the URL before {@code resource} (nested collections), or the referencing resource
 *        of a {@link Shape#REFERENCE} endpoint
 * @param field the foreign field linking {@code parent} and {@code resource}
 */
record AdminRoute(
        String template,
        Set<String> methods,
        Shape shape,
        @Nullable AdminResource resource,
        @Nullable AdminResource parent,
        @Nullable String field) {

    /** What kind of endpoint a template is. */
    enum Shape {
        /** {@code /{entities}}. */
        COLLECTION,
        /** {@code /{entities}/{id}}. */
        ENTITY,
        /** {@code /{parents}/{p}/{entities}}. */
        NESTED_COLLECTION,
        /** {@code /{parents}/{p}/{entities}/{id}}. */
        NESTED_ENTITY,
        /** {@code /{entities}/{id}/{foreign field}}: the one entity a foreign field references. */
        REFERENCE,
        /**
         * {@code /history}, {@code /{entities}/{id}/history} or {@code /{parents}/{p}/{entities}/{id}/history}: the
         * configuration history, of everything or of one entity ({@link HistoryEndpoints}).
         */
        HISTORY,
        /** Anything else: node, cache, tags, schemas, documentation. */
        OTHER
    }

    /** Kong's {@code /endpoints} order: segment by segment ({@code /} sorts before every other character). */
    static final Comparator<String> KONG_ORDER = Comparator.comparing(t -> t.replace('/', '\0'));

    AdminRoute {
        Objects.requireNonNull(template, "template");
        methods = Set.copyOf(new TreeSet<>(methods));
        Objects.requireNonNull(shape, "shape");
    }

    static AdminRoute other(String template, Set<String> methods) {
        return new AdminRoute(template, methods, Shape.OTHER, null, null, null);
    }

    /** The methods sorted by name. */
    TreeSet<String> sortedMethods() {
        return new TreeSet<>(methods);
    }
}
