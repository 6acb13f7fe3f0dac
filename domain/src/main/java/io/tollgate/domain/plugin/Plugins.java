package io.tollgate.domain.plugin;

import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.foreign;
import static io.tollgate.domain.schema.Fields.id;
import static io.tollgate.domain.schema.Fields.pluginProtocols;
import static io.tollgate.domain.schema.Fields.record;
import static io.tollgate.domain.schema.Fields.string;
import static io.tollgate.domain.schema.Fields.tags;
import static io.tollgate.domain.schema.Fields.timestamp;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.schema.Check;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rules;
import io.tollgate.domain.shared.SchemaViolation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code plugins} schema (kong-internals §6.4). The {@code config} record depends on the plugin's
 * {@code name} (Kong's subschema): {@link #schemaFor(Map)} picks it. The cache key is
 * {@code plugins:<name>:<route_id>:<service_id>:<consumer_id>::<ws>}, unique per scope.
 */
public final class Plugins {

    private static final List<String> CACHE_KEY = List.of("name", "route", "service", "consumer");

    /** The schema with an empty {@code config}: the shape shared by every plugin, for reading stored rows. */
    public static final EntitySchema SCHEMA = schema(RecordSchema.of(), Set.of(), List.of());

    private Plugins() {}

    private static EntitySchema schema(RecordSchema config, Set<PluginScope> refused, List<Check> entityChecks) {
        RecordSchema fields = RecordSchema.of(
                id(),
                timestamp("created_at"),
                timestamp("updated_at"),
                string("name").required(),
                string("instance_name").unique().rule(Rules.utf8Name()),
                scope(PluginScope.ROUTE, EntityKind.ROUTES, refused),
                scope(PluginScope.SERVICE, EntityKind.SERVICES, refused),
                scope(PluginScope.CONSUMER, EntityKind.CONSUMERS, refused),
                record("config", config).required(),
                pluginProtocols(),
                bool("enabled").required().defaultValue(true),
                tags());
        for (Check check : entityChecks) {
            fields = fields.withCheck(check);
        }
        return new EntitySchema(EntityKind.PLUGINS, "instance_name", fields, CACHE_KEY, Map.of());
    }

    /** A scope's reference field; a refused scope must be null (Kong's {@code typedefs.no_route} and the like). */
    private static FieldSpec scope(PluginScope scope, EntityKind kind, Set<PluginScope> refused) {
        FieldSpec field = foreign(scope.field(), kind).cascade();
        return refused.contains(scope) ? field.rule(Rules.isNull()) : field;
    }

    /**
     * The schema that validates this input: the plugins schema with the named plugin's {@code config} record.
     *
     * @throws SchemaViolation when {@code name} is missing or not a plugin this node has
     */
    public static EntitySchema schemaFor(Map<String, ? extends @Nullable Object> input) {
        Object name = input.get("name");
        if (name == null) {
            throw SchemaViolation.of("name", "required field missing");
        }
        if (!(name instanceof String plugin)) {
            throw SchemaViolation.of("name", "expected a string");
        }
        PluginDefinition definition = PluginCatalog.find(plugin)
                .orElseThrow(() -> SchemaViolation.of(
                        "name", "plugin '" + plugin + "' not enabled; add it to the 'plugins' configuration property"));
        return schema(definition.config(), definition.refusedScopes(), definition.entityChecks());
    }

    /** The {@code config} field spec of a schema returned by {@link #schemaFor(Map)}. */
    static FieldSpec configOf(EntitySchema schema) {
        return schema.field("config").orElseThrow();
    }
}
