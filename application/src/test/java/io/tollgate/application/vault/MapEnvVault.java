package io.tollgate.application.vault;

import io.tollgate.application.port.out.SecretVault;
import io.tollgate.domain.vault.Vaults;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code env} vault over a map instead of the process environment, for tests: the same variable naming
 * ({@link Vaults#envVariable}) the node's adapter applies to the real environment.
 */
public final class MapEnvVault implements SecretVault {

    private final Map<String, String> env = new ConcurrentHashMap<>();

    /** Sets the variable {@code name} (e.g. {@code MY_SECRET}). */
    public void put(String name, String value) {
        env.put(name, value);
    }

    /** Unsets the variable {@code name}. */
    public void remove(String name) {
        env.remove(name);
    }

    @Override
    public String name() {
        return "env";
    }

    @Override
    public Optional<String> secret(String resource, Map<String, @Nullable Object> config, @Nullable Integer version) {
        String prefix = config.get("prefix") instanceof String p ? p : null;
        return Optional.ofNullable(env.get(Vaults.envVariable(prefix, resource, version)));
    }
}
