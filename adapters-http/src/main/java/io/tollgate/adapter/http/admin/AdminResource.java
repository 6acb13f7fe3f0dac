package io.tollgate.adapter.http.admin;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.schema.EntitySchema;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How an entity kind appears in the Admin API, read from the catalogue ({@link EntityKind}): its collection path
 * ({@code /key-auths}, Kong's {@code admin_api_name}) and its path below a parent ({@code /consumers/{c}/key-auth},
 * Kong's {@code admin_api_nested_name}). Nested endpoints follow from the schema's foreign fields.
 *
 * @param topLevel whether {@code /{path}} and {@code /{path}/{id}} exist (Kong disables them for e.g. targets)
 * @param nestedKey the field that a non-UUID segment names below a parent, or {@code null}: an ACL's {@code group}
 *     in {@code /consumers/{c}/acls/{group}} (see {@link NestedKeyEndpoints})
 */
record AdminResource(
        EntitySchema schema,
        String path,
        String nestedPath,
        boolean topLevel,
        @Nullable String nestedKey) {

    /** The resources of every kind in the catalogue, in its order. */
    static final List<AdminResource> CORE =
            Arrays.stream(EntityKind.values()).map(AdminResource::of).toList();

    AdminResource {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(nestedPath, "nestedPath");
    }

    /** The resource of {@code kind}, as the catalogue describes it. */
    static AdminResource of(EntityKind kind) {
        return new AdminResource(
                Schemas.of(kind),
                kind.adminPath(),
                kind.nestedPath(),
                kind.hasTopLevelEndpoints(),
                kind.nestedKey().orElse(null));
    }
}
