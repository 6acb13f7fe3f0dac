package io.tollgate.application.admin;

import io.tollgate.application.port.DeclaredConfiguration;
import io.tollgate.application.port.DeclaredEntity;
import io.tollgate.application.port.in.CheckConfiguration;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.shared.Rejection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@link CheckConfiguration} by the domain's schemas alone: each entity gets what the server would fill (an id,
 * timestamps, auto values) and stand-in ids for its references, then is validated as an Admin API write would be.
 */
public final class ConfigurationCheck implements CheckConfiguration {

    private final Clock clock;

    /** @param clock the source of the stand-in timestamps */
    public ConfigurationCheck(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<String> check(DeclaredConfiguration configuration) {
        List<String> problems = new ArrayList<>();
        for (DeclaredEntity declared : configuration.entities()) {
            EntitySchema schema = Schemas.of(declared.kind());
            Map<String, @Nullable Object> fields = new LinkedHashMap<>(declared.fields());
            for (FieldSpec foreign : schema.foreignFields()) {
                if (fields.get(foreign.name()) instanceof Map<?, ?> ref && !ref.containsKey("id")) {
                    fields.put(foreign.name(), standIn()); // by name: resolved only on import
                }
            }
            if (declared.parent() != null) {
                fields.put(declared.parent().field(), standIn());
            }
            if (fields.get("id") == null) {
                fields.put("id", UUID.randomUUID().toString());
            }
            EntityDrafts.stamp(clock, schema, fields, "created_at");
            EntityDrafts.stamp(clock, schema, fields, "updated_at");
            AutoValues.fill(schema, fields);
            try {
                EntityDrafts.validated(schema, fields);
            } catch (Rejection rejection) {
                problems.add(declared.path() + ": " + rejection.getMessage());
            }
        }
        return problems;
    }

    private static Map<String, Object> standIn() {
        return Map.of("id", UUID.randomUUID().toString());
    }
}
