package io.tollgate.domain.plugin;

import io.tollgate.domain.schema.Check;
import io.tollgate.domain.schema.RecordSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a bundled plugin is, independent of its instances: its name, its {@code PRIORITY} (higher runs first),
 * its version, the schema of its {@code config}, and whether it refuses a consumer scope (Kong's
 * {@code typedefs.no_consumer}, as for authentication plugins).
 *
 * @param entityChecks Kong's plugin-level {@code entity_checks} (e.g. {@code at_least_one_of = {"config.allow",
 *     "config.deny"}}): run on the whole plugin entity once its fields are valid; their entity-level messages land
 *     under the top-level {@code "@entity"} of the schema violation, as in Kong
 */
public record PluginDefinition(
        String name, int priority, String version, RecordSchema config, boolean noConsumer, List<Check> entityChecks) {
    public PluginDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(config, "config");
        entityChecks = List.copyOf(entityChecks);
    }

    /** A definition without plugin-level entity checks. */
    public PluginDefinition(String name, int priority, String version, RecordSchema config, boolean noConsumer) {
        this(name, priority, version, config, noConsumer, List.of());
    }

    /** This definition with one more plugin-level entity check (see {@link #entityChecks()}). */
    public PluginDefinition withEntityCheck(Check check) {
        List<Check> more = new ArrayList<>(entityChecks);
        more.add(check);
        return new PluginDefinition(name, priority, version, config, noConsumer, more);
    }
}
