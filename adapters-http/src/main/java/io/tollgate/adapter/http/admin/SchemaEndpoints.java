package io.tollgate.adapter.http.admin;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.key.Jwks;
import io.tollgate.domain.key.Keys;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.vault.Vaults;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Kong's introspection endpoints (kong-internals §7.7): {@code GET /schemas/{entity}} and
 * {@code GET /schemas/plugins/{name}} ({@link SchemaJson}, with its {@code entity_checks} list, {@code []} when it has
 * none; 404 {@code {"message":"No entity named '<x>'"}} / {@code "No plugin named '<x>'"}),
 * {@code GET /schemas/vaults/{name}} (an installed vault's, else 404 {@code "No vault named '<x>'"}),
 * {@code POST /schemas/{entity}/validate} and {@code POST /schemas/plugins/validate}
 * (200 {@code {"message":"schema validation successful"}} or Kong's 400 schema violation, nothing written; a key's
 * {@code jwk} gets the same check as on {@code POST /keys}), and
 * {@code GET /endpoints} ({@code {"data": [every path template]}}, Kong's order). An entity is named by its schema
 * name ({@code keyauth_credentials}) or its Admin API path ({@code key-auths}).
 */
final class SchemaEndpoints {

    private static final Set<String> GET = Set.of("GET");
    private static final Set<String> POST = Set.of("POST");
    static final String PREFIX = "/schemas/";
    static final List<AdminRoute> ROUTES = List.of(
            AdminRoute.other("/schemas/{db_entity_name}", GET),
            AdminRoute.other("/schemas/{db_entity_name}/validate", POST),
            AdminRoute.other("/schemas/plugins/{name}", GET),
            AdminRoute.other("/schemas/plugins/validate", POST),
            AdminRoute.other("/schemas/vaults/{name}", GET));

    private final List<AdminResource> resources;

    SchemaEndpoints(List<AdminResource> resources) {
        this.resources = List.copyOf(resources);
    }

    /** The endpoint for the path after {@code /schemas/}, or {@code null} when it has no such shape. */
    @Nullable
    Endpoint route(String rest) {
        String[] parts = rest.split("/", -1);
        if (parts.length == 2 && parts[0].equals(EntityKind.PLUGINS.kongName())) {
            return parts[1].equals("validate") ? validatePlugin() : plugin(parts[1]);
        }
        if (parts.length == 2 && parts[1].equals("validate")) {
            return validateEntity(parts[0]);
        }
        if (parts.length == 2 && parts[0].equals(EntityKind.VAULTS.kongName())) {
            return vault(parts[1]);
        }
        return parts.length == 1 ? entity(parts[0]) : null;
    }

    /** {@code GET /endpoints}. */
    static Endpoint endpoints(Supplier<List<AdminRoute>> routes) {
        return new Endpoint(
                GET,
                (method, exchange) -> Responses.json(
                        exchange,
                        200,
                        Map.of(
                                "data",
                                routes.get().stream()
                                        .map(AdminRoute::template)
                                        .sorted(AdminRoute.KONG_ORDER)
                                        .toList())));
    }

    private Endpoint entity(String name) {
        return new Endpoint(GET, (method, exchange) -> Responses.json(exchange, 200, SchemaJson.entity(schema(name))));
    }

    private Endpoint validateEntity(String name) {
        return new Endpoint(POST, (method, exchange) -> {
            EntitySchema schema = schema(name);
            Map<String, @Nullable Object> body = RequestBodies.read(exchange, schema, Optional::empty);
            Map<String, @Nullable Object> validated =
                    Schemas.forInput(schema, body).validate(body);
            if (schema.name().equals(Keys.SCHEMA.name())) {
                Jwks.checkKey(validated, SchemaEndpoints::parseJson); // as POST /keys checks it
            }
            Responses.message(exchange, 200, "schema validation successful");
        });
    }

    private static @Nullable Object parseJson(String text) {
        try {
            return Responses.JSON.readValue(text, Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Endpoint plugin(String name) {
        return new Endpoint(GET, (method, exchange) -> {
            if (PluginCatalog.find(name).isEmpty()) {
                throw new ClientError(404, "No plugin named '" + name + "'");
            }
            Responses.json(exchange, 200, SchemaJson.entity(Plugins.schemaFor(Map.of("name", name))));
        });
    }

    /** Kong's {@code GET /schemas/vaults/{name}}: the schema of vaults of an installed vault, else 404. */
    private static Endpoint vault(String name) {
        return new Endpoint(GET, (method, exchange) -> {
            if (!Vaults.INSTALLED.contains(name)) {
                throw new ClientError(404, "No vault named '" + name + "'");
            }
            Responses.json(exchange, 200, SchemaJson.entity(Vaults.SCHEMA));
        });
    }

    private static Endpoint validatePlugin() {
        return new Endpoint(POST, (method, exchange) -> {
            Map<String, @Nullable Object> body = RequestBodies.read(exchange, Plugins.SCHEMA, Optional::empty);
            Plugins.schemaFor(body).validate(body);
            Responses.message(exchange, 200, "schema validation successful");
        });
    }

    /** The schema by schema name or Admin API path, or 404 {@code No entity named '<name>'}. */
    private EntitySchema schema(String name) {
        return resources.stream()
                .filter(r -> r.schema().name().equals(name) || r.path().equals(name))
                .map(AdminResource::schema)
                .findFirst()
                .or(() -> Schemas.byName(name))
                .orElseThrow(() -> new ClientError(404, "No entity named '" + name + "'"));
    }
}
