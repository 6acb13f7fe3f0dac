package io.tollgate.bootstrap.vault;

import io.tollgate.application.port.out.SecretVault;
import io.tollgate.domain.vault.Vaults;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Kong's bundled {@code env} vault: a secret is the value of an environment variable of the node's process, named by
 * {@link Vaults#envVariable} ({@code {vault://env/my-secret}} reads {@code MY_SECRET}; a vault entity's
 * {@code config.prefix} goes first). The environment is read when a reference is resolved, and a process's
 * environment does not change while it runs, so a rotation reads the same values.
 */
public final class EnvVault implements SecretVault {

    private final Map<String, String> environment;

    /** @param environment the variables, {@link System#getenv()} in the node */
    public EnvVault(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    @Override
    public String name() {
        return "env";
    }

    @Override
    public Optional<String> secret(String resource, Map<String, @Nullable Object> config, @Nullable Integer version) {
        String prefix = config.get("prefix") instanceof String text ? text : null;
        return Optional.ofNullable(environment.get(Vaults.envVariable(prefix, resource, version)));
    }
}
