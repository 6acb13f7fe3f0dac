package io.tollgate.domain.plugin;

import io.tollgate.domain.schema.Check;
import io.tollgate.domain.schema.RecordSchema;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a bundled plugin is, independent of its instances: its name, its {@code PRIORITY} (higher runs first),
 * its version, the schema of its {@code config}, and the scopes it refuses (Kong's {@code typedefs.no_route},
 * {@code no_service}, {@code no_consumer}: an instance scoped so is a schema violation {@code value must be null} on
 * that field; authentication plugins refuse a consumer scope).
 *
 * @param refusedScopes the scopes an instance may not have
 * @param entityChecks Kong's plugin-level {@code entity_checks} (e.g. {@code at_least_one_of = {"config.allow",
 *     "config.deny"}}): run on the whole plugin entity once its fields are valid; their entity-level messages land
 *     under the top-level {@code "@entity"} of the schema violation, as in Kong
 */
public record PluginDefinition(
        String name,
        int priority,
        String version,
        RecordSchema config,
        Set<PluginScope> refusedScopes,
        List<Check> entityChecks) {
    public PluginDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(config, "config");
        refusedScopes = Set.copyOf(refusedScopes);
        entityChecks = List.copyOf(entityChecks);
    }

    /** A definition that refuses a consumer scope when {@code noConsumer} (Kong's {@code no_consumer}). */
    public PluginDefinition(
            String name,
            int priority,
            String version,
            RecordSchema config,
            boolean noConsumer,
            List<Check> entityChecks) {
        this(name, priority, version, config, noConsumer ? Set.of(PluginScope.CONSUMER) : Set.of(), entityChecks);
    }

    /** A definition without plugin-level entity checks. */
    public PluginDefinition(String name, int priority, String version, RecordSchema config, boolean noConsumer) {
        this(name, priority, version, config, noConsumer, List.of());
    }

    /** Whether an instance may not be scoped to a consumer (Kong's {@code no_consumer}). */
    public boolean noConsumer() {
        return refusedScopes.contains(PluginScope.CONSUMER);
    }

    /** This definition with one more plugin-level entity check (see {@link #entityChecks()}). */
    public PluginDefinition withEntityCheck(Check check) {
        List<Check> more = new ArrayList<>(entityChecks);
        more.add(check);
        return new PluginDefinition(name, priority, version, config, refusedScopes, more);
    }

    /** This definition refusing {@code scope} too (Kong's {@code no_route}, {@code no_service}, {@code no_consumer}). */
    public PluginDefinition refusing(PluginScope scope) {
        Set<PluginScope> more = EnumSet.of(scope);
        more.addAll(refusedScopes);
        return new PluginDefinition(name, priority, version, config, more, entityChecks);
    }
}
