package io.tollgate.domain.catalog.schemas;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.certificate.CaCertificates;
import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.certificate.Snis;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.credential.Acls;
import io.tollgate.domain.credential.BasicAuthCredentials;
import io.tollgate.domain.credential.HmacAuthCredentials;
import io.tollgate.domain.credential.JwtSecrets;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.key.KeySets;
import io.tollgate.domain.key.Keys;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.shared.SchemaViolation;
import io.tollgate.domain.upstream.Targets;
import io.tollgate.domain.upstream.Upstreams;
import io.tollgate.domain.vault.Vaults;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The schema of every {@link EntityKind}: the one place that knows them all. */
public final class Schemas {

    /** Every schema in the catalogue's dependency order: a schema only references schemas before it. */
    public static final List<EntitySchema> ALL =
            Arrays.stream(EntityKind.values()).map(Schemas::of).toList();

    private Schemas() {}

    /** The schema of {@code kind} (for plugins, the shape shared by every plugin, with an empty {@code config}). */
    public static EntitySchema of(EntityKind kind) {
        return switch (kind) {
            case CERTIFICATES -> Certificates.SCHEMA;
            case SNIS -> Snis.SCHEMA;
            case CA_CERTIFICATES -> CaCertificates.SCHEMA;
            case SERVICES -> Services.SCHEMA;
            case ROUTES -> Routes.SCHEMA;
            case CONSUMERS -> Consumers.SCHEMA;
            case PLUGINS -> Plugins.SCHEMA;
            case KEYAUTH_CREDENTIALS -> KeyAuthCredentials.SCHEMA;
            case UPSTREAMS -> Upstreams.SCHEMA;
            case TARGETS -> Targets.SCHEMA;
            case BASICAUTH_CREDENTIALS -> BasicAuthCredentials.SCHEMA;
            case ACLS -> Acls.SCHEMA;
            case JWT_SECRETS -> JwtSecrets.SCHEMA;
            case HMACAUTH_CREDENTIALS -> HmacAuthCredentials.SCHEMA;
            case KEY_SETS -> KeySets.SCHEMA;
            case KEYS -> Keys.SCHEMA;
            case VAULTS -> Vaults.SCHEMA;
        };
    }

    /** The schema of the kind named {@code kongName} (e.g. {@code services}, from a URL), if this version stores it. */
    public static Optional<EntitySchema> byName(String kongName) {
        return EntityKind.byKongName(kongName).map(Schemas::of);
    }

    /**
     * The schema a {@link io.tollgate.domain.schema.Kind#FOREIGN} field references.
     *
     * @throws IllegalArgumentException when {@code field} is not a foreign field
     */
    public static EntitySchema referencedBy(FieldSpec field) {
        EntityKind kind = field.reference();
        if (kind == null) {
            throw new IllegalArgumentException("'" + field.name() + "' is not a foreign field");
        }
        return of(kind);
    }

    /**
     * The schema that validates {@code input} for {@code schema}: itself, or for plugins the subschema of the named
     * plugin, or for vaults the schema once a vault is named ({@link Vaults#schemaFor}).
     *
     * @throws io.tollgate.domain.shared.SchemaViolation when a plugin name is missing or unknown, or a vault's name
     *     is missing
     */
    public static EntitySchema forInput(EntitySchema schema, Map<String, ? extends @Nullable Object> input) {
        return switch (schema.kind()) {
            case PLUGINS -> Plugins.schemaFor(input);
            case VAULTS -> Vaults.schemaFor(input);
            default -> schema;
        };
    }

    /**
     * The schema a stored entity was validated with: its kind's, or for a plugin the subschema of the plugin it names
     * ({@link Plugins#schemaFor}), whose {@code config} record describes the configuration.
     *
     * @return empty for a plugin this version does not bundle (its configuration cannot be described)
     */
    public static Optional<EntitySchema> ofStored(Entity entity) {
        if (entity.schema().kind() != EntityKind.PLUGINS) {
            return Optional.of(of(entity.schema().kind()));
        }
        try {
            return Optional.of(Plugins.schemaFor(entity.fields()));
        } catch (SchemaViolation unknownPlugin) {
            return Optional.empty();
        }
    }

    /**
     * The entity's fields with every secret ({@link FieldSpec#isSecret()}: a credential's key or secret, a password
     * hash, a certificate's private keys, any field a plugin's configuration marks) replaced by
     * {@link FieldSpec#REDACTED}, recursively, with the schema of {@link #ofStored}; {@code null} stays {@code null}.
     * A plugin this version does not bundle has its whole {@code config} redacted, since nothing says which of its
     * values are secret.
     */
    public static Map<String, @Nullable Object> redacted(Entity entity) {
        Optional<EntitySchema> schema = ofStored(entity);
        if (schema.isPresent()) {
            return schema.get().record().redacted(entity.fields());
        }
        Map<String, @Nullable Object> out = new LinkedHashMap<>(entity.fields());
        if (out.get("config") != null) {
            out.put("config", FieldSpec.REDACTED);
        }
        return out;
    }
}
