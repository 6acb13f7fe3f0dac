package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.Fields;
import io.tollgate.domain.schema.RecordSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The OpenAPI and schema generators, on the real resources table and on a synthetic schema. */
class OpenApiDocumentTest {

    private static List<AdminRoute> routes() {
        return AdminRouterTest.router().routes();
    }

    @Test
    void every_route_is_a_path_with_its_methods_and_declared_parameters() {
        List<AdminRoute> routes = routes();
        ObjectNode doc = OpenApiDocument.of(routes, "1.2.3");
        assertThat(doc.get("openapi").asText()).isEqualTo("3.0.3");
        assertThat(doc.get("info").get("version").asText()).isEqualTo("1.2.3");
        List<String> paths = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths)
                .containsExactlyElementsOf(
                        routes.stream().map(AdminRoute::template).toList());
        for (AdminRoute route : routes) {
            JsonNode item = doc.get("paths").get(route.template());
            TreeSet<String> methods = new TreeSet<>();
            item.fieldNames().forEachRemaining(n -> {
                if (!n.equals("parameters")) {
                    methods.add(n.toUpperCase());
                }
            });
            assertThat(methods).as(route.template()).isEqualTo(route.sortedMethods());
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(route.template());
            List<String> declared = new ArrayList<>();
            if (item.has("parameters")) {
                item.get("parameters").forEach(p -> declared.add(p.get("name").asText()));
            }
            List<String> inTemplate = new ArrayList<>();
            while (m.find()) {
                inTemplate.add(m.group(1));
            }
            assertThat(declared).as(route.template()).isEqualTo(inTemplate);
        }
        assertThat(doc.get("paths")
                        .get("/routes/{routes}/service")
                        .get("put")
                        .get("responses")
                        .get("200")
                        .get("content")
                        .get("application/json")
                        .get("schema")
                        .get("$ref")
                        .asText())
                .isEqualTo("#/components/schemas/services");
        assertThat(doc.get("paths")
                        .get("/services")
                        .get("post")
                        .get("responses")
                        .has("201"))
                .isTrue();
        assertThat(doc.get("paths")
                        .get("/services/{services}")
                        .get("delete")
                        .get("responses")
                        .has("204"))
                .isTrue();
    }

    @Test
    void every_reference_resolves_and_operation_ids_are_unique() {
        ObjectNode doc = OpenApiDocument.of(routes(), "1");
        JsonNode schemas = doc.get("components").get("schemas");
        List<String> refs = new ArrayList<>();
        List<String> operationIds = new ArrayList<>();
        collect(doc, refs, operationIds);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref).startsWith("#/components/schemas/");
            assertThat(schemas.has(ref.substring("#/components/schemas/".length())))
                    .as(ref)
                    .isTrue();
        });
        assertThat(operationIds).doesNotHaveDuplicates();
        PluginCatalog.all()
                .forEach(p ->
                        assertThat(schemas.has("plugins.config." + p.name())).isTrue());
    }

    @Test
    void records_become_json_schemas_and_kong_schemas() {
        RecordSchema record = RecordSchema.of(
                Fields.id(),
                Fields.string("name").required(),
                Fields.integer("port").required().defaultValue(80L),
                Fields.foreign("parent", EntityKind.SERVICES).cascade(),
                Fields.record("config", RecordSchema.of(Fields.bool("on").required())),
                Fields.map("labels", Fields.string("v")),
                Fields.tags());
        ObjectNode output = OpenApiDocument.record(record, false);
        ObjectNode input = OpenApiDocument.record(record, true);
        assertThat(output.get("required").toString()).isEqualTo("[\"name\",\"port\"]");
        assertThat(input.get("required").toString()).isEqualTo("[\"name\"]");
        assertThat(output.get("properties").get("id").toString())
                .isEqualTo("{\"type\":\"string\",\"nullable\":true,\"format\":\"uuid\"}");
        assertThat(output.get("properties").get("tags").get("uniqueItems").asBoolean())
                .isTrue();
        assertThat(output.get("properties")
                        .get("labels")
                        .get("additionalProperties")
                        .get("type")
                        .asText())
                .isEqualTo("string");
        assertThat(output.get("properties").get("config").get("required").toString())
                .isEqualTo("[\"on\"]");

        EntitySchema schema = new EntitySchema(EntityKind.CONSUMERS, "name", record, List.of("name"), Map.of());
        ObjectNode kong = SchemaJson.entity(schema);
        assertThat(kong.get("cache_key").toString()).isEqualTo("[\"name\"]");
        assertThat(kong.get("fields").get(3).toString())
                .isEqualTo("{\"parent\":{\"type\":\"foreign\",\"reference\":\"services\",\"on_delete\":\"cascade\"}}");
        assertThat(kong.get("fields").get(4).toString())
                .isEqualTo("{\"config\":{\"type\":\"record\","
                        + "\"fields\":[{\"on\":{\"type\":\"boolean\",\"required\":true}}]}}");
    }

    private static void collect(JsonNode node, List<String> refs, List<String> operationIds) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else if (e.getKey().equals("operationId")) {
                    operationIds.add(e.getValue().asText());
                } else {
                    collect(e.getValue(), refs, operationIds);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, refs, operationIds));
        }
    }
}
