package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.application.port.in.AdministerEntities;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Kong's addressing of ACLs below a consumer (kong-internals §6.12): in {@code /consumers/{c}/acls/{x}} a segment
 * that is not a UUID is the group's name. GET and DELETE act on the consumer's ACL of that group (404 when there is
 * none); PUT creates it with that group when it is missing, else replaces it, and always keeps the group of the URL;
 * PATCH updates the ACL the URL names, its body's group (if any) renaming it, as Kong does. Applies to any
 * {@link AdminResource} with a {@link AdminResource#nestedKey()}.
 */
final class NestedKeyEndpoints {

    private static final Set<String> ONE = Set.of("GET", "PUT", "PATCH", "DELETE");
    /** Children read per query while looking for the named one. */
    private static final int BATCH = 1000;

    private final EntityEndpoints generic;
    private final AdministerEntities entities;

    NestedKeyEndpoints(EntityEndpoints generic, AdministerEntities entities) {
        this.generic = generic;
        this.entities = entities;
    }

    /** Whether {@code segment} below a parent names a child of {@code resource} by its nested key. */
    static boolean applies(AdminResource resource, String segment) {
        if (resource.nestedKey() == null) {
            return false;
        }
        try {
            return !UUID.fromString(segment).toString().equalsIgnoreCase(segment);
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    Endpoint entity(AdminResource resource, EntityEndpoints.Nesting nesting, String value) {
        EntitySchema schema = resource.schema();
        String field = Objects.requireNonNull(resource.nestedKey(), "nestedKey");
        return new Endpoint(ONE, (method, exchange) -> {
            Entity parent =
                    entities.get(nesting.parent().schema(), nesting.parentKey()).orElseThrow(ClientError::notFound);
            Optional<Entity> child = find(schema, nesting.foreignField(), parent.id(), field, value);
            if (method.equals("GET") || method.equals("DELETE")) {
                String id = child.orElseThrow(ClientError::notFound).id().toString();
                generic.entity(resource, nesting, id).action().handle(method, exchange);
                return;
            }
            if (method.equals("PATCH") && child.isEmpty()) {
                throw ClientError.notFound();
            }
            Map<String, @Nullable Object> body = RequestBodies.read(exchange, schema, () -> child);
            if (method.equals("PUT")) {
                body.put(field, value);
            }
            body.put(nesting.foreignField(), Map.of("id", parent.id().toString()));
            String id = child.map(Entity::id).orElseGet(UUID::randomUUID).toString();
            Entity written =
                    method.equals("PUT") ? entities.upsert(schema, id, body) : entities.update(schema, id, body);
            Responses.json(exchange, 200, written.fields());
        });
    }

    /** The parent's child whose {@code field} is {@code value}, read from the database. */
    private Optional<Entity> find(EntitySchema schema, String foreignField, UUID parentId, String field, String value) {
        UUID after = null;
        do {
            Page page = entities.list(schema, new PageRequest(BATCH, after, foreignField, parentId));
            Optional<Entity> found =
                    page.data().stream().filter(e -> value.equals(e.get(field))).findFirst();
            if (found.isPresent()) {
                return found;
            }
            after = page.next();
        } while (after != null);
        return Optional.empty();
    }
}
