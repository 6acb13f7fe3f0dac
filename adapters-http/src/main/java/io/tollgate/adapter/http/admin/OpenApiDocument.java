package io.tollgate.adapter.http.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.Kind;
import io.tollgate.domain.schema.RecordSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The OpenAPI 3.0 document of the Admin API ({@code GET /openapi.json}), generated from the same data that routes
 * and validates requests: the router's {@link AdminRoute}s (every path and method) and the entity schemas (one
 * component per schema, {@code <schema>} for what the API returns and {@code <schema>.input} for what it accepts:
 * server-filled fields optional, foreign keys as {@code {"id"}} or by endpoint key). Plugin configurations are
 * components {@code plugins.config.<name>}. The configuration history answers {@code HistoryPage}s of
 * {@code HistoryEntry}s. Errors use {@code Error} (Kong's DAO error) and {@code Message}.
 * Built as a plain Jackson tree; deterministic for a given set of routes and schemas.
 */
final class OpenApiDocument {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static final String REF = "#/components/schemas/";

    private OpenApiDocument() {}

    /**
     * @param routes every routed template (from {@link AdminRouter#routes()})
     * @param version the node's version, the document's {@code info.version}
     */
    static ObjectNode of(List<AdminRoute> routes, String version) {
        ObjectNode doc = NODES.objectNode();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Tollgate Admin API");
        info.put("version", version);
        info.put("description", "Kong 3.x compatible Admin API. Generated from the entity schemas and the routes.");
        doc.putArray("servers").addObject().put("url", "http://127.0.0.1:8001");
        ObjectNode paths = doc.putObject("paths");
        ObjectNode schemas = NODES.objectNode();
        for (AdminRoute route : routes) {
            if (route.resource() != null) {
                addSchema(schemas, route.resource().schema());
            }
            paths.set(route.template(), path(route));
        }
        for (PluginDefinition plugin : PluginCatalog.all()) {
            schemas.set("plugins.config." + plugin.name(), record(plugin.config(), false));
        }
        schemas.set("HistoryEntry", historyEntry());
        schemas.set("HistoryPage", page(ref(REF + "HistoryEntry")));
        schemas.set("Error", error());
        schemas.set("Message", object("message", string()));
        doc.putObject("components").setAll(NODES.objectNode().<ObjectNode>set("schemas", schemas));
        return doc;
    }

    private static void addSchema(ObjectNode schemas, EntitySchema schema) {
        if (!schemas.has(schema.name())) {
            schemas.set(schema.name(), record(schema.record(), false));
            ObjectNode input = record(schema.record(), true);
            ObjectNode properties = (ObjectNode) input.get("properties");
            schema.shorthands().keySet().stream()
                    .sorted()
                    .forEach(shorthand -> properties.set(
                            shorthand,
                            NODES.objectNode().put("description", "input-only shorthand, expanded into other fields")));
            schemas.set(schema.name() + ".input", input);
        }
    }

    private static ObjectNode path(AdminRoute route) {
        ObjectNode item = NODES.objectNode();
        ArrayNode parameters = NODES.arrayNode();
        Matcher m = PARAM.matcher(route.template());
        while (m.find()) {
            ObjectNode p = parameters.addObject();
            p.put("name", m.group(1));
            p.put("in", "path");
            p.put("required", true);
            p.put("description", "id (UUID) or endpoint key");
            p.set("schema", string());
        }
        if (!parameters.isEmpty()) {
            item.set("parameters", parameters);
        }
        for (String method : route.sortedMethods()) {
            item.set(method.toLowerCase(Locale.ROOT), operation(route, method));
        }
        return item;
    }

    private static ObjectNode operation(AdminRoute route, String method) {
        ObjectNode op = NODES.objectNode();
        op.put(
                "operationId",
                method.toLowerCase(Locale.ROOT)
                        + route.template().replaceAll("[{}]", "").replaceAll("[^A-Za-z0-9]+", "_"));
        AdminResource resource = route.resource();
        op.putArray("tags")
                .add(
                        resource != null
                                ? resource.path()
                                : route.template().split("/").length > 1
                                        ? route.template().split("/")[1]
                                        : "node");
        if (route.shape() == AdminRoute.Shape.HISTORY) {
            return history(op, resource == null);
        }
        ObjectNode responses = op.putObject("responses");
        if (route.template().equals("/config")) {
            responses.set("400", described("Always: Kong's DB-less endpoint, in database mode", REF + "Message"));
            return op;
        }
        if (resource == null) {
            responses.set(method.equals("DELETE") ? "204" : "200", described("OK", null));
            responses.set("400", described("Bad request", REF + "Error"));
            responses.set("404", described("Not found", REF + "Message"));
            return op;
        }
        String entity = REF + resource.schema().name();
        boolean collection =
                route.shape() == AdminRoute.Shape.COLLECTION || route.shape() == AdminRoute.Shape.NESTED_COLLECTION;
        if (collection && method.equals("GET")) {
            ArrayNode query = op.putArray("parameters");
            query.add(queryParameter(
                    "size",
                    NODES.objectNode()
                            .put("type", "integer")
                            .put("minimum", 1)
                            .put("maximum", Pagination.MAX_SIZE)
                            .put("default", Pagination.DEFAULT_SIZE)));
            query.add(queryParameter("offset", string()));
            if (resource.schema().field("tags").isPresent()) {
                query.add(queryParameter("tags", string())
                        .put("description", "a,b: every tag; a/b: any tag (at most " + TagFilters.MAX_TAGS + ")"));
            }
            if (route.shape() == AdminRoute.Shape.COLLECTION
                    && resource.schema().kind() == EntityKind.CONSUMERS) {
                query.add(queryParameter("custom_id", string()));
            }
            responses.set("200", described("A page", null).set("content", json(page(ref(entity)))));
        } else if (method.equals("DELETE")) {
            responses.set("204", described("Deleted (also when already gone)", null));
        } else {
            if (!method.equals("GET")) {
                ObjectNode body = op.putObject("requestBody");
                body.put("required", true);
                ObjectNode content = body.putObject("content");
                content.putObject("application/json").set("schema", ref(entity + ".input"));
                content.putObject("application/x-www-form-urlencoded").set("schema", ref(entity + ".input"));
                content.putObject("multipart/form-data").set("schema", ref(entity + ".input"));
            }
            String status = method.equals("POST") ? "201" : "200";
            responses.set(status, described("The entity", null).set("content", json(ref(entity))));
        }
        responses.set("400", described("Invalid request (Kong's DAO error)", REF + "Error"));
        responses.set("404", described("Not found", REF + "Message"));
        if (!method.equals("GET") && !method.equals("DELETE")) {
            responses.set("409", described("Unique violation", REF + "Error"));
        }
        return op;
    }

    /** Kong's page envelope of {@code items}. */
    private static ObjectNode page(ObjectNode items) {
        ObjectNode page = object("data", NODES.objectNode().put("type", "array").set("items", items));
        ((ObjectNode) page.get("properties")).set("next", string().put("nullable", true));
        ((ObjectNode) page.get("properties")).set("offset", string());
        return page;
    }

    /** {@code GET} of a history: its query parameters ({@link HistoryRequests}) and a page of history entries. */
    private static ObjectNode history(ObjectNode op, boolean everything) {
        ArrayNode query = op.putArray("parameters");
        query.add(queryParameter(
                "size",
                NODES.objectNode()
                        .put("type", "integer")
                        .put("minimum", 1)
                        .put("maximum", Pagination.MAX_SIZE)
                        .put("default", Pagination.DEFAULT_SIZE)));
        query.add(queryParameter("offset", string()));
        if (everything) {
            ArrayNode names = NODES.arrayNode();
            for (EntityKind kind : EntityKind.values()) {
                names.add(kind.kongName());
            }
            query.add(queryParameter("entity_name", string().set("enum", names)));
            query.add(queryParameter("entity_id", string().put("format", "uuid")));
        }
        query.add(queryParameter("tag", string())
                .put("description", "the entity carries the tag before or after the change"));
        query.add(queryParameter("node_id", string().put("format", "uuid")));
        query.add(queryParameter("since", NODES.objectNode().put("type", "number"))
                .put("description", "epoch seconds, inclusive"));
        query.add(queryParameter("until", NODES.objectNode().put("type", "number"))
                .put("description", "epoch seconds, exclusive"));
        ObjectNode responses = op.putObject("responses");
        responses.set(
                "200",
                described("Changes, newest first; secrets redacted", null)
                        .set("content", json(ref(REF + "HistoryPage"))));
        responses.set("400", described("Invalid size, offset or filter (Kong's DAO error)", REF + "Error"));
        if (!everything) {
            responses.set("404", described("Nothing exists or existed with this id or key", REF + "Message"));
        }
        return op;
    }

    private static ObjectNode historyEntry() {
        ObjectNode entry = object(
                "position",
                string().put(
                                "description",
                                "<commit>:<event_id>: the writing transaction's commit number and the event's id"));
        ObjectNode properties = (ObjectNode) entry.get("properties");
        properties.set(
                "created_at",
                NODES.objectNode().put("type", "number").put("description", "epoch seconds, millisecond fraction"));
        properties.set("node_id", string().put("format", "uuid"));
        ArrayNode operations = NODES.arrayNode().add("create").add("update").add("delete");
        properties.set("operation", string().set("enum", operations));
        properties.set("entity_name", string());
        properties.set("entity_id", string().put("format", "uuid"));
        properties.set("before", NODES.objectNode().put("type", "object").put("nullable", true));
        properties.set("after", NODES.objectNode().put("type", "object").put("nullable", true));
        return entry;
    }

    /** The JSON Schema of a record; for input, nothing is required that the server fills or defaults. */
    static ObjectNode record(RecordSchema record, boolean input) {
        ObjectNode out = NODES.objectNode();
        out.put("type", "object");
        out.put("additionalProperties", false);
        ObjectNode properties = out.putObject("properties");
        List<String> required = new ArrayList<>();
        for (FieldSpec field : record.fields()) {
            properties.set(field.name(), field(field, input));
            if (field.isRequired() && (!input || (field.defaultValue() == null && !field.isAuto()))) {
                required.add(field.name());
            }
        }
        if (!required.isEmpty()) {
            ArrayNode list = out.putArray("required");
            required.forEach(list::add);
        }
        return out;
    }

    private static ObjectNode field(FieldSpec field, boolean input) {
        ObjectNode out = switch (field.kind()) {
            case STRING -> string();
            case INTEGER -> NODES.objectNode().put("type", "integer");
            case NUMBER -> NODES.objectNode().put("type", "number");
            case BOOLEAN -> NODES.objectNode().put("type", "boolean");
            case ARRAY, SET -> {
                ObjectNode array = NODES.objectNode().put("type", "array");
                if (field.kind() == Kind.SET) {
                    array.put("uniqueItems", true);
                }
                array.set("items", field.elements() == null ? NODES.objectNode() : field(field.elements(), input));
                yield array;
            }
            case MAP ->
                NODES.objectNode()
                        .put("type", "object")
                        .set(
                                "additionalProperties",
                                field.elements() == null ? NODES.objectNode() : field(field.elements(), input));
            case RECORD ->
                field.record() == null || field.record().fields().isEmpty()
                        ? NODES.objectNode()
                                .put("type", "object")
                                .put(
                                        "description",
                                        "depends on the entity's subschema (for plugins: components plugins.config.<name>)")
                        : record(field.record(), input);
            case FOREIGN -> {
                ObjectNode ref = NODES.objectNode().put("type", "object");
                ref.putObject("properties").set("id", string().put("format", "uuid"));
                if (!input) {
                    ref.putArray("required").add("id");
                }
                yield ref;
            }
        };
        if (field.defaultValue() != null && field.kind() != Kind.RECORD) {
            out.set("default", Responses.JSON.valueToTree(field.defaultValue()));
        }
        if (!field.isRequired() || field.isAuto()) {
            out.put("nullable", true);
        }
        if (field.isAuto() && field.kind() == Kind.STRING && field.name().equals("id")) {
            out.put("format", "uuid");
        }
        return out;
    }

    private static ObjectNode error() {
        ObjectNode error = object("code", NODES.objectNode().put("type", "integer"));
        ObjectNode properties = (ObjectNode) error.get("properties");
        properties.set("name", string());
        properties.set("message", string());
        properties.set("fields", NODES.objectNode().put("type", "object"));
        properties.set("options", NODES.objectNode().put("type", "object"));
        return error;
    }

    private static ObjectNode object(String property, ObjectNode schema) {
        ObjectNode out = NODES.objectNode().put("type", "object");
        out.putObject("properties").set(property, schema);
        return out;
    }

    private static ObjectNode string() {
        return NODES.objectNode().put("type", "string");
    }

    private static ObjectNode ref(String target) {
        return NODES.objectNode().put("$ref", target);
    }

    private static ObjectNode queryParameter(String name, ObjectNode schema) {
        ObjectNode p = NODES.objectNode();
        p.put("name", name);
        p.put("in", "query");
        p.put("required", false);
        p.set("schema", schema);
        return p;
    }

    private static ObjectNode json(ObjectNode schema) {
        ObjectNode content = NODES.objectNode();
        content.putObject("application/json").set("schema", schema);
        return content;
    }

    private static ObjectNode described(String description, @Nullable String schemaRef) {
        ObjectNode response = NODES.objectNode().put("description", description);
        if (schemaRef != null) {
            response.set("content", json(ref(schemaRef)));
        }
        return response;
    }
}
