package io.tollgate.application.vault;

import io.tollgate.application.port.out.SecretVault;
import io.tollgate.domain.vault.Vaults;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Kong's bundled {@code env} vault: a reference's resource names an environment variable ({@link Vaults#envVariable}:
 * upper-cased, {@code -} as {@code _}, the vault entity's {@code config.prefix} in front, {@code _PREVIOUS} for
 * version 2), read through {@code variables}: the process environment in the node ({@code System::getenv}), a map in
 * tests. A variable that is unset resolves to nothing. Kong's {@code vault_env_prefix} is the prefix used when neither
 * the vault entity's {@code config} nor the reference's query sets one (Kong's vault configuration from
 * {@code kong.conf}, under both).
 */
public final class EnvVault implements SecretVault {

    private final Function<String, @Nullable String> variables;
    private final @Nullable String defaultPrefix;

    /** An env vault without {@code vault_env_prefix}. */
    public EnvVault(Function<String, @Nullable String> variables) {
        this(variables, null);
    }

    /**
     * @param variables a variable's value by name, {@code null} when unset
     * @param defaultPrefix Kong's {@code vault_env_prefix} (e.g. {@code SECRETS_}), {@code null} for none
     */
    public EnvVault(Function<String, @Nullable String> variables, @Nullable String defaultPrefix) {
        this.variables = Objects.requireNonNull(variables, "variables");
        this.defaultPrefix = defaultPrefix;
    }

    @Override
    public String name() {
        return "env";
    }

    @Override
    public Optional<String> secret(String resource, Map<String, @Nullable Object> config, @Nullable Integer version) {
        String prefix = config.get("prefix") instanceof String text ? text : defaultPrefix;
        return Optional.ofNullable(variables.apply(Vaults.envVariable(prefix, resource, version)));
    }
}
