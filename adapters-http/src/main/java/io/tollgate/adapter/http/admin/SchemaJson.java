package io.tollgate.adapter.http.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.schema.Check;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.Kind;
import io.tollgate.domain.schema.OnDelete;
import io.tollgate.domain.schema.RecordSchema;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The domain schemas as Kong's Admin API shows them ({@code GET /schemas/{entity}}, Kong's
 * {@code schema_to_jsonable}): {@code {"name", "primary_key", "endpoint_key", "cache_key", "fields": [{"<field>":
 * {"type", "required", "default", "unique", "encrypted", "auto", "elements" | "keys"/"values" | "fields" |
 * "reference", "one_of", "between", …}}, …]}}; {@code encrypted} marks a secret ({@code FieldSpec#isSecret()}), as
 * Kong marks its encrypted fields. A field's declarative validators ({@code one_of}, {@code between}: see
 * {@code Rule#validators()}) are shown as Kong shows them; validators that are code (Kong's {@code custom_validator})
 * are not. The record-level checks are shown as Kong's {@code entity_checks} (on the entity and on nested records),
 * each as the check that runs declares itself ({@code Check#declaration()}); a check that is code is a
 * {@code custom_entity_check} with its {@code field_sources}.
 */
final class SchemaJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> TIMESTAMPS = Set.of("created_at", "updated_at");

    private SchemaJson() {}

    /** An entity schema. */
    static ObjectNode entity(EntitySchema schema) {
        ObjectNode out = NODES.objectNode();
        out.put("name", schema.name());
        out.putArray("primary_key").add("id");
        if (schema.endpointKey() != null) {
            out.put("endpoint_key", schema.endpointKey());
        }
        if (!schema.cacheKeyFields().isEmpty()) {
            ArrayNode cacheKey = out.putArray("cache_key");
            schema.cacheKeyFields().forEach(cacheKey::add);
        }
        out.set("fields", fields(schema.record()));
        entityChecks(schema.record(), out);
        if (!out.has("entity_checks")) { // as Kong's: always on the entity itself, [] when it has none
            out.putArray("entity_checks");
        }
        return out;
    }

    /**
     * Kong's {@code entity_checks}: each check's declaration ({@code Check#declaration()}, e.g.
     * {@code {"at_least_one_of": ["custom_id", "username"]}}), in the order they run; absent when there are none
     * (an entity's own list is then {@code []}, see {@link #entity}). A check with an empty declaration (a record's
     * {@code custom_validator}, a function Kong's Admin API drops) is not shown.
     */
    static void entityChecks(RecordSchema record, ObjectNode out) {
        List<Map<String, Object>> declared = record.checks().stream()
                .map(Check::declaration)
                .filter(declaration -> !declaration.isEmpty())
                .toList();
        if (!declared.isEmpty()) {
            ArrayNode checks = out.putArray("entity_checks");
            declared.forEach(declaration -> checks.add(Responses.JSON.valueToTree(declaration)));
        }
    }

    /** Kong's list of one-key objects {@code [{"name": {...}}, ...]}, in declaration order. */
    static ArrayNode fields(RecordSchema record) {
        ArrayNode fields = NODES.arrayNode();
        for (FieldSpec field : record.fields()) {
            fields.addObject().set(field.name(), field(field));
        }
        return fields;
    }

    /** One field's attributes. */
    static ObjectNode field(FieldSpec field) {
        ObjectNode out = NODES.objectNode();
        out.put("type", type(field.kind()));
        if (field.isRequired()) {
            out.put("required", true);
        }
        if (field.defaultValue() != null && field.kind() != Kind.RECORD) {
            out.set("default", Responses.JSON.valueToTree(field.defaultValue()));
        }
        if (field.isUnique()) {
            out.put("unique", true);
        }
        if (field.isSecret()) {
            out.put("encrypted", true);
        }
        if (field.isReferenceable()) {
            out.put("referenceable", true);
        }
        field.rules()
                .forEach(rule -> rule.validators()
                        .forEach((name, argument) -> out.set(name, Responses.JSON.valueToTree(argument))));
        if (field.isAuto()) {
            out.put("auto", true);
            if (field.name().equals("id")) {
                out.put("uuid", true);
            } else if (TIMESTAMPS.contains(field.name())) {
                out.put("timestamp", true);
            }
        }
        switch (field.kind()) {
            case ARRAY, SET -> {
                if (field.elements() != null) {
                    out.set("elements", field(field.elements()));
                }
            }
            case MAP -> {
                out.putObject("keys").put("type", "string");
                if (field.elements() != null) {
                    out.set("values", field(field.elements()));
                }
            }
            case RECORD -> {
                out.set("fields", field.record() == null ? NODES.arrayNode() : fields(field.record()));
                if (field.record() != null) {
                    entityChecks(field.record(), out);
                }
            }
            case FOREIGN -> {
                out.put("reference", Schemas.referencedBy(field).name());
                out.put("on_delete", field.onDelete() == OnDelete.CASCADE ? "cascade" : "restrict");
            }
            default -> {
                // scalars carry no more structure
            }
        }
        return out;
    }

    /** Kong's type name of a kind: {@code string}, {@code integer}, …, {@code foreign}. */
    static String type(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
