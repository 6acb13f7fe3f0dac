package io.tollgate.application.port.out;

import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One installed vault (Kong's vault strategy): reads a secret by its resource name. The node installs Kong's
 * {@code env} vault, which reads the process environment; other vaults are further implementations.
 *
 * <p>Called only where references are resolved (building what the proxy uses, and rotation), never per request.
 * Implementations must not log the value they return.
 */
public interface SecretVault {

    /** The vault's name as references and {@code vaults.name} give it, e.g. {@code env}. */
    String name();

    /**
     * The secret's raw value (before {@code base64_decode} and key extraction), or empty when the vault has none.
     *
     * @param resource the reference's resource (e.g. {@code my-secret})
     * @param config the vault's configuration: the vault entity's {@code config} with the reference's query arguments
     *     over it (e.g. {@code prefix}), empty for a reference that names the vault itself
     * @param version the reference's version ({@code #2}), or {@code null}
     */
    Optional<String> secret(String resource, Map<String, @Nullable Object> config, @Nullable Integer version);
}
