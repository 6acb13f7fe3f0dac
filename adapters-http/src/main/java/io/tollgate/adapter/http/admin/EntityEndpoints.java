package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.application.port.in.AdministerEntities;
import io.tollgate.application.port.in.BrowseEntities;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.credential.BasicAuthCredentials;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import io.undertow.server.HttpServerExchange;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Kong's generated CRUD endpoints (kong-internals §7.1, §7.2) for any {@link AdminResource}, top-level or nested
 * below a parent: {@code GET}/{@code POST} on collections, {@code GET}/{@code PUT}/{@code PATCH}/{@code DELETE} on
 * one entity. Nested requests force the parent's foreign key (a nested {@code PATCH} only when its body does not
 * name that key: as Kong's, it may move the child or detach it) and answer 404 for a child of another parent. Lists
 * take Kong's {@code ?tags=} filter ({@link TagFilters}) and, for consumers, {@code ?custom_id=}
 * ({@link CustomIdSearch}).
 */
final class EntityEndpoints {

    private static final Set<String> COLLECTION = Set.of("GET", "POST");
    private static final Set<String> ONE = Set.of("GET", "PUT", "PATCH", "DELETE");

    private final AdministerEntities entities;
    private final BrowseEntities browse;

    EntityEndpoints(AdministerEntities entities, BrowseEntities browse) {
        this.entities = Objects.requireNonNull(entities, "entities");
        this.browse = Objects.requireNonNull(browse, "browse");
    }

    /**
     * A child resource under a parent in the URL: {@code /{parent.path}/{parentKey}/{child.nestedPath}}.
     *
     * @param foreignField the child's field that references the parent
     */
    record Nesting(AdminResource parent, String parentKey, String foreignField) {}

    Endpoint collection(AdminResource resource, @Nullable Nesting nesting) {
        return new Endpoint(COLLECTION, (method, exchange) -> {
            EntitySchema schema = resource.schema();
            Entity parent = nesting == null ? null : parent(nesting);
            if (method.equals("GET")) {
                if (nesting == null && CustomIdSearch.answer(exchange, schema, browse)) {
                    return;
                }
                PageRequest request = Pagination.request(
                                exchange.getQueryParameters(),
                                nesting == null ? null : nesting.foreignField(),
                                parent == null ? null : parent.id())
                        .withTags(TagFilters.of(exchange, schema));
                Page page = entities.list(schema, request);
                Responses.json(
                        exchange,
                        200,
                        nesting == null
                                ? Pagination.envelope(
                                        page,
                                        "/" + resource.path(),
                                        TagFilters.carried(exchange.getQueryParameters()) + carriedSize(exchange))
                                : Pagination.envelope(
                                        page,
                                        "/" + nesting.parent().path() + "/" + nesting.parentKey() + "/"
                                                + resource.nestedPath(),
                                        ""));
                return;
            }
            Map<String, @Nullable Object> body = RequestBodies.read(exchange, schema, Optional::empty);
            forceParent(body, nesting, parent == null ? null : parent.id());
            Responses.json(exchange, 201, entities.create(schema, body).fields());
        });
    }

    Endpoint entity(AdminResource resource, @Nullable Nesting nesting, String idOrKey) {
        if (nesting != null && NestedKeyEndpoints.applies(resource, idOrKey)) {
            return new NestedKeyEndpoints(this, entities).entity(resource, nesting, idOrKey);
        }
        EntitySchema schema = resource.schema();
        return new Endpoint(ONE, (method, exchange) -> {
            switch (method) {
                case "GET" -> {
                    Entity found = nesting == null
                            ? entities.get(schema, idOrKey).orElseThrow(ClientError::notFound)
                            : child(resource, nesting, idOrKey);
                    Responses.json(exchange, 200, found.fields());
                }
                case "PATCH" -> {
                    Entity child = nesting == null ? null : child(resource, nesting, idOrKey);
                    Map<String, @Nullable Object> body = RequestBodies.read(
                            exchange, schema, () -> child != null ? Optional.of(child) : entities.get(schema, idOrKey));
                    if (schema.kind() == EntityKind.BASICAUTH_CREDENTIALS) {
                        BasicAuthCredentials.checkUpdate(body);
                    }
                    if (child != null
                            && !body.containsKey(Objects.requireNonNull(nesting).foreignField())) {
                        // Kong's nested PATCH keeps a parent reference the body names (null included)
                        forceParent(
                                body,
                                nesting,
                                child.foreignId(nesting.foreignField()).orElseThrow());
                    }
                    Entity updated = entities.update(
                            schema, child == null ? idOrKey : child.id().toString(), body);
                    Responses.json(exchange, 200, updated.fields());
                }
                case "PUT" -> {
                    Entity parent = null;
                    String key = idOrKey;
                    Map<String, @Nullable Object> body;
                    if (nesting != null) {
                        parent = parent(nesting);
                        Optional<Entity> existing =
                                entities.getChild(schema, nesting.foreignField(), parent.id(), idOrKey);
                        if (existing.isEmpty() && entities.get(schema, idOrKey).isPresent()) {
                            throw ClientError.notFound(); // a child of another parent
                        }
                        body = RequestBodies.read(exchange, schema, Optional::empty);
                        if (existing.isPresent()) {
                            key = existing.get().id().toString();
                            if (!key.equalsIgnoreCase(idOrKey) && schema.endpointKey() != null) {
                                body.put(schema.endpointKey(), idOrKey);
                            }
                        }
                    } else {
                        body = RequestBodies.read(exchange, schema, Optional::empty);
                    }
                    forceParent(body, nesting, parent == null ? null : parent.id());
                    Responses.json(
                            exchange, 200, entities.upsert(schema, key, body).fields());
                }
                default -> {
                    if (nesting == null) {
                        entities.delete(schema, idOrKey);
                    } else {
                        entities.delete(
                                schema, child(resource, nesting, idOrKey).id().toString());
                    }
                    Responses.empty(exchange, 204);
                }
            }
        });
    }

    /** The parent named in the URL, or 404 {@code Not found}. */
    private Entity parent(Nesting nesting) {
        return entities.get(nesting.parent().schema(), nesting.parentKey()).orElseThrow(ClientError::notFound);
    }

    /** The child named in the URL if it exists under the parent named in the URL, or 404 {@code Not found}. */
    private Entity child(AdminResource resource, Nesting nesting, String idOrKey) {
        Entity parent = parent(nesting);
        return entities.getChild(resource.schema(), nesting.foreignField(), parent.id(), idOrKey)
                .orElseThrow(ClientError::notFound);
    }

    /** Nested writes reference the parent named in the URL, whatever the body says. */
    private static void forceParent(
            Map<String, @Nullable Object> body, @Nullable Nesting nesting, @Nullable UUID parentId) {
        if (nesting != null && parentId != null) {
            body.put(nesting.foreignField(), Map.of("id", parentId.toString()));
        }
    }

    /** Kong repeats {@code size} in a top-level {@code next} link. */
    private static String carriedSize(HttpServerExchange exchange) {
        String size = Pagination.first(exchange.getQueryParameters(), "size");
        return size == null ? "" : "&size=" + size.trim();
    }
}
