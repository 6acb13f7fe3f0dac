package io.tollgate.application.admin;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldAlias;
import io.tollgate.domain.schema.RecordSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Kong's deprecation warnings for the deprecated shorthand fields of a plugin's config (its {@code shorthand_fields}
 * with a {@code deprecation}, e.g. rate-limiting's flat {@code redis_host} for {@code redis.host}): a plugin write
 * whose {@code config} gives one a value logs, once per such field and write (never per request), Kong's WARN
 * {@code <plugin>: config.<flat> is deprecated, please use config.<nested> instead (deprecated after 4.0)}. A field
 * only shown again in a stored config (Kong's {@code translate_backwards}) is not a use: only the write's own body
 * counts.
 */
final class DeprecatedFields {

    private static final System.Logger LOG = System.getLogger(DeprecatedFields.class.getName());
    /** The version Kong's shorthand deprecations name (they are removed in Kong 4.0). */
    static final String AFTER = "4.0";

    private DeprecatedFields() {}

    /**
     * Logs the warnings of a write of {@code written} (a plugin, else nothing) whose body was {@code input}.
     *
     * @param schema the written entity's schema
     * @param written the entity as stored (it names the plugin, also after a PATCH that does not)
     * @param input the write's body
     */
    static void warn(EntitySchema schema, Entity written, Map<String, ? extends @Nullable Object> input) {
        if (schema.kind() != EntityKind.PLUGINS
                || !(input.get("config") instanceof Map<?, ?> config)
                || !(written.get("name") instanceof String plugin)) {
            return;
        }
        RecordSchema fields =
                PluginCatalog.find(plugin).map(PluginDefinition::config).orElse(null);
        if (fields == null) {
            return;
        }
        for (String message : messages(plugin, fields, config)) {
            LOG.log(System.Logger.Level.WARNING, message);
        }
    }

    /** Kong's message for each deprecated field {@code config} gives a value, in the schema's alias order. */
    static List<String> messages(String plugin, RecordSchema fields, Map<?, ?> config) {
        List<String> messages = new ArrayList<>(0);
        for (FieldAlias alias : fields.aliases()) {
            if (config.get(alias.name()) != null) {
                messages.add(plugin + ": config." + alias.name() + " is deprecated, please use config."
                        + String.join(".", alias.path()) + " instead (deprecated after " + AFTER + ")");
            }
        }
        return messages;
    }
}
