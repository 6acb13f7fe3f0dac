package io.tollgate.domain.catalog;

import io.tollgate.domain.certificate.CaCertificates;
import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.certificate.Snis;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.credential.Acls;
import io.tollgate.domain.credential.BasicAuthCredentials;
import io.tollgate.domain.credential.HmacAuthCredentials;
import io.tollgate.domain.credential.JwtSecrets;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.upstream.Targets;
import io.tollgate.domain.upstream.Upstreams;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The entity schemas this version of Tollgate stores, by Kong schema name. */
public final class Schemas {

    /** In dependency order: a schema only references schemas before it. */
    public static final List<EntitySchema> ALL = List.of(
            Certificates.SCHEMA,
            Snis.SCHEMA,
            CaCertificates.SCHEMA,
            Services.SCHEMA,
            Routes.SCHEMA,
            Consumers.SCHEMA,
            Plugins.SCHEMA,
            KeyAuthCredentials.SCHEMA,
            Upstreams.SCHEMA,
            Targets.SCHEMA,
            BasicAuthCredentials.SCHEMA,
            Acls.SCHEMA,
            JwtSecrets.SCHEMA,
            HmacAuthCredentials.SCHEMA);

    private Schemas() {}

    public static Optional<EntitySchema> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * The schema that validates {@code input} for {@code schema}: itself, or for plugins the subschema of the named
     * plugin.
     *
     * @throws io.tollgate.domain.shared.SchemaViolation when a plugin name is missing or unknown
     */
    public static EntitySchema forInput(EntitySchema schema, Map<String, ? extends @Nullable Object> input) {
        return schema.name().equals(Plugins.SCHEMA.name()) ? Plugins.schemaFor(input) : schema;
    }
}
