package io.tollgate.domain.vault;

import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.id;
import static io.tollgate.domain.schema.Fields.number;
import static io.tollgate.domain.schema.Fields.record;
import static io.tollgate.domain.schema.Fields.string;
import static io.tollgate.domain.schema.Fields.tags;
import static io.tollgate.domain.schema.Fields.timestamp;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.schema.Checks;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.Errors;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rule;
import io.tollgate.domain.shared.SchemaViolation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Kong 3.x's {@code vaults} schema (Admin API {@code /vaults}, endpoint and cache key {@code prefix}): a named
 * configuration of an installed vault, here Kong's bundled {@code env} vault (its {@code config}: {@code prefix} for
 * the environment variables' names, {@code base64_decode} false, {@code ttl}, {@code neg_ttl},
 * {@code resurrect_ttl}). {@code prefix} (required, unique) is what {@code {vault://<prefix>/<secret>}} references
 * name: lower-case letters, digits and dashes, starting with a letter and ending with a letter or digit, and not the
 * name of a vault itself. References are resolved where an entity becomes what the proxy uses (see
 * {@code io.tollgate.application.vault.VaultSecrets}); {@link #envVariable} is the {@code env} vault's naming.
 */
public final class Vaults {

    /** The vaults this version has (Kong's {@code BUNDLED_VAULTS} in open source). */
    public static final List<String> INSTALLED = List.of("env");

    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9-]*[a-z0-9]");
    private static final Pattern ENV_PREFIX = Pattern.compile("[A-Za-z_-][A-Za-z0-9_-]*");

    /** The schema; endpoint key and cache key {@code prefix}. */
    public static final EntitySchema SCHEMA = new EntitySchema(
            EntityKind.VAULTS,
            "prefix",
            RecordSchema.of(
                            id(),
                            string("prefix").required().unique().rule(Vaults::prefix),
                            string("name").required(),
                            string("description"),
                            record(
                                    "config",
                                    RecordSchema.of(
                                            string("prefix").rule(matching(ENV_PREFIX)),
                                            bool("base64_decode").defaultValue(false),
                                            number("ttl"),
                                            number("neg_ttl"),
                                            number("resurrect_ttl"))),
                            timestamp("created_at"),
                            timestamp("updated_at"),
                            tags())
                    .withCheck(Checks.custom(List.of("name"), Vaults::installed)),
            List.of("prefix"),
            Map.of());

    private Vaults() {}

    /**
     * The schema that validates this input. Kong picks a vault's schema by its {@code name} and, when there is none,
     * validates no further: a missing name is then the only error ({@code name: required field missing}).
     *
     * @throws SchemaViolation when {@code name} is missing
     */
    public static EntitySchema schemaFor(Map<String, ? extends @Nullable Object> input) {
        if (input.get("name") == null) {
            throw SchemaViolation.of("name", "required field missing");
        }
        return SCHEMA;
    }

    /**
     * The environment variable Kong's {@code env} vault reads for {@code resource}: the vault's {@code config.prefix}
     * (if any) followed by the resource, with {@code -} as {@code _} in both, upper-cased, and {@code _PREVIOUS}
     * appended for version 2 ({@code {vault://env/my-secret#2}}). {@code {vault://env/my-secret}} reads
     * {@code MY_SECRET}; with {@code prefix = "ssl_"}, {@code SSL_MY_SECRET}; with {@code prefix = "SECRETS-AGAIN-"},
     * {@code {vault://env/test-too}} reads {@code SECRETS_AGAIN_TEST_TOO}.
     *
     * @param prefix {@code config.prefix}, or {@code null}
     * @param resource the reference's resource
     * @param version the reference's version, or {@code null}
     */
    public static String envVariable(@Nullable String prefix, String resource, @Nullable Integer version) {
        String name = ((prefix == null ? "" : prefix) + resource).replace('-', '_');
        name = name.toUpperCase(java.util.Locale.ROOT);
        return version != null && version == 2 ? name + "_PREVIOUS" : name;
    }

    /**
     * Whether {@code prefix} is a valid {@code env} vault prefix (Kong's {@code config.prefix} pattern, also checked
     * on {@code vault_env_prefix}): a letter, {@code _} or {@code -}, then letters, digits, {@code _} and {@code -}.
     */
    public static boolean isEnvPrefix(String prefix) {
        return ENV_PREFIX.matcher(prefix).matches();
    }

    private static Optional<String> prefix(Object value) {
        if (value instanceof String prefix && INSTALLED.contains(prefix)) {
            return Optional.of("must not be one of: " + String.join(", ", INSTALLED));
        }
        return matching(PREFIX).check(value);
    }

    private static Rule matching(Pattern pattern) {
        return value -> value instanceof String text && !pattern.matcher(text).matches()
                ? Optional.of("invalid value: " + text)
                : Optional.empty();
    }

    private static void installed(Map<String, @Nullable Object> vault, Errors errors) {
        Object name = vault.get("name");
        if (name instanceof String vaultName && !INSTALLED.contains(vaultName)) {
            errors.field("name", "vault '" + vaultName + "' is not installed");
        }
    }
}
