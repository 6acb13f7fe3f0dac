package io.tollgate.bootstrap.e2e;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Admin API's write surface, derived from {@link Schemas#ALL}: for every entity schema its collection path
 * (Kong's {@code admin_api_name}, e.g. {@code key-auths}), its path below a parent ({@code admin_api_nested_name},
 * e.g. {@code key-auth}) and whether it has top-level endpoints; and every nested collection
 * {@code /{parent}/{p}/{child}} that a foreign field gives.
 *
 * <p>The paths are read from the Admin API's own table ({@code AdminResource.CORE} in adapters-http, by
 * reflection, so that new entities need no edit here); a schema missing from that table gets Kong's naming from
 * {@link #KONG_NAMES}, or its schema name. This is the only place the tests map schemas to paths.
 */
final class AdminSurface {

    /** One entity resource of the Admin API. */
    record Resource(EntitySchema schema, String path, String nestedPath, boolean topLevel) {}

    /** {@code /{parent.path}/{p}/{child.nestedPath}}: children whose {@code foreignField} references the parent. */
    record Link(Resource parent, Resource child, String foreignField) {}

    /** Kong's Admin API names where they differ from the schema name: schema → {path, nestedPath}. */
    private static final Map<String, List<String>> KONG_NAMES = Map.of(
            "keyauth_credentials", List.of("key-auths", "key-auth"),
            "basicauth_credentials", List.of("basic-auths", "basic-auth"),
            "hmacauth_credentials", List.of("hmac-auths", "hmac-auth"),
            "jwt_secrets", List.of("jwts", "jwt"));

    /** Kong has no top-level endpoints for these. */
    private static final List<String> NESTED_ONLY = List.of("targets");

    final List<Resource> resources;
    final List<Link> links;
    private final Map<EntityKind, Resource> byKind = new LinkedHashMap<>();

    private AdminSurface(List<Resource> resources) {
        this.resources = List.copyOf(resources);
        resources.forEach(r -> byKind.put(r.schema().kind(), r));
        List<Link> nested = new ArrayList<>();
        for (Resource child : resources) {
            for (FieldSpec field : child.schema().foreignFields()) {
                Resource parent = field.reference() == null ? null : byKind.get(field.reference());
                if (parent != null) {
                    nested.add(new Link(parent, child, field.name()));
                }
            }
        }
        this.links = List.copyOf(nested);
    }

    /** The surface of this build: every schema of {@link Schemas#ALL}, in dependency order. */
    static AdminSurface current() {
        Map<String, Resource> declared = declaredByAdminApi();
        List<Resource> out = new ArrayList<>();
        for (EntitySchema schema : Schemas.ALL) {
            Resource r = declared.get(schema.name());
            if (r == null) {
                List<String> names = KONG_NAMES.getOrDefault(schema.name(), List.of(schema.name(), schema.name()));
                r = new Resource(schema, names.get(0), names.get(1), !NESTED_ONLY.contains(schema.name()));
            }
            out.add(r);
        }
        return new AdminSurface(out);
    }

    Resource of(String schemaName) {
        Resource r = EntityKind.byKongName(schemaName).map(byKind::get).orElse(null);
        if (r == null) {
            throw new IllegalArgumentException("no resource for " + schemaName);
        }
        return r;
    }

    /** Links whose child is {@code child}. */
    List<Link> linksTo(Resource child) {
        return links.stream().filter(l -> l.child().equals(child)).toList();
    }

    /** {@code AdminResource.CORE} by schema name, or empty when that table cannot be read. */
    private static Map<String, Resource> declaredByAdminApi() {
        Map<String, Resource> out = new HashMap<>();
        try {
            Class<?> type = Class.forName("io.tollgate.adapter.http.admin.AdminResource");
            Field core = type.getDeclaredField("CORE");
            core.setAccessible(true);
            RecordComponent[] parts = type.getRecordComponents();
            Map<String, Method> accessors = new HashMap<>();
            for (RecordComponent part : parts) {
                Method m = part.getAccessor();
                m.setAccessible(true);
                accessors.put(part.getName(), m);
            }
            for (Object item : (List<?>) core.get(null)) {
                EntitySchema schema = (EntitySchema) accessors.get("schema").invoke(item);
                out.put(
                        schema.name(),
                        new Resource(
                                schema,
                                (String) accessors.get("path").invoke(item),
                                (String) accessors.get("nestedPath").invoke(item),
                                (Boolean) accessors.get("topLevel").invoke(item)));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("AdminSurface: cannot read AdminResource.CORE (" + e + "); using Kong's naming");
            return Map.of();
        }
        return out;
    }
}
