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
 * tests. A variable that is unset resolves to nothing.
 */
public final class EnvVault implements SecretVault {

    private final Function<String, @Nullable String> variables;

    /** @param variables a variable's value by name, {@code null} when unset */
    public EnvVault(Function<String, @Nullable String> variables) {
        this.variables = Objects.requireNonNull(variables, "variables");
    }

    @Override
    public String name() {
        return "env";
    }

    @Override
    public Optional<String> secret(String resource, Map<String, @Nullable Object> config, @Nullable Integer version) {
        String prefix = config.get("prefix") instanceof String text ? text : null;
        return Optional.ofNullable(variables.apply(Vaults.envVariable(prefix, resource, version)));
    }
}
