package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.in.AdministerEntities;
import io.tollgate.application.port.in.AdministerReferences;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Kong's single-reference endpoints {@code /{entities}/{x}/{field}} (kong-internals §7.1), generated for every
 * foreign field: e.g. {@code /routes/{r}/service}, {@code /plugins/{p}/consumer}, {@code /key-auths/{k}/consumer}.
 * {@code GET} and {@code PATCH} act on the referenced entity (404 {@code Not found} when {@code x} does not exist or
 * references nothing); {@code PUT} upserts it, and when {@code x} references nothing yet creates it and links
 * {@code x} to it in one transaction; {@code DELETE} answers as Kong's {@code delete_entity_endpoint} does for a
 * foreign entity: 404 {@code Not found} when {@code x} does not exist or references nothing, else 405
 * {@code Method not allowed} (the referenced entity is never deleted through this path).
 */
final class ReferenceEndpoints {

    /** The methods a single-reference endpoint documents (those that can succeed). */
    static final Set<String> METHODS = Set.of("GET", "PATCH", "PUT");

    /** The methods it answers: {@link #METHODS} and {@code DELETE}, which is always a 404 or a 405. */
    private static final Set<String> ANSWERED = Set.of("GET", "PATCH", "PUT", "DELETE");

    private final AdministerEntities entities;
    private final AdministerReferences references;

    ReferenceEndpoints(AdministerEntities entities, AdministerReferences references) {
        this.entities = Objects.requireNonNull(entities, "entities");
        this.references = Objects.requireNonNull(references, "references");
    }

    /**
     * @param child the referencing resource (e.g. routes)
     * @param idOrKey the referencing entity in the URL
     * @param field its foreign field (e.g. {@code service})
     * @param target the referenced resource (e.g. services)
     */
    Endpoint reference(AdminResource child, String idOrKey, String field, AdminResource target) {
        EntitySchema schema = target.schema();
        return new Endpoint(ANSWERED, (method, exchange) -> {
            Entity referencing = entities.get(child.schema(), idOrKey).orElseThrow(ClientError::notFound);
            Optional<UUID> referenced = referencing.foreignId(field);
            switch (method) {
                case "GET" -> {
                    String id = referenced.orElseThrow(ClientError::notFound).toString();
                    Responses.json(
                            exchange,
                            200,
                            entities.get(schema, id)
                                    .orElseThrow(ClientError::notFound)
                                    .fields());
                }
                case "DELETE" -> {
                    referenced.orElseThrow(ClientError::notFound);
                    throw ClientError.methodNotAllowed();
                }
                case "PATCH" -> {
                    String id = referenced.orElseThrow(ClientError::notFound).toString();
                    Map<String, @Nullable Object> body =
                            RequestBodies.read(exchange, schema, () -> entities.get(schema, id));
                    Responses.json(
                            exchange, 200, entities.update(schema, id, body).fields());
                }
                default -> {
                    Map<String, @Nullable Object> body = RequestBodies.read(exchange, schema, Optional::empty);
                    Entity upserted = references.upsertReferenced(
                            child.schema(), referencing.id().toString(), field, body);
                    Responses.json(exchange, 200, upserted.fields());
                }
            }
        });
    }
}
