package io.tollgate.application.port.out;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a node writes about itself in the {@code nodes} table besides its state, heartbeat and applied position.
 *
 * @param id the node id
 * @param hostname the machine's host name
 * @param version the Tollgate version
 * @param proxyAddresses the proxy listeners' bound {@code host:port}
 * @param adminAddresses the Admin API listeners' bound {@code host:port}
 * @param configHash the hash of the effective configuration (secrets and node-local properties excluded)
 * @param heartbeatInterval the time between two heartbeats ({@code db_update_frequency}), > 0
 */
public record NodeRegistration(
        UUID id,
        String hostname,
        String version,
        List<String> proxyAddresses,
        List<String> adminAddresses,
        String configHash,
        Duration heartbeatInterval) {

    /** @throws IllegalArgumentException when {@code heartbeatInterval} is not positive */
    public NodeRegistration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(version, "version");
        proxyAddresses = List.copyOf(proxyAddresses);
        adminAddresses = List.copyOf(adminAddresses);
        Objects.requireNonNull(configHash, "configHash");
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeatInterval must be positive, got " + heartbeatInterval);
        }
    }

    /**
     * This registration with a reloaded configuration's hash and heartbeat interval ({@code tollgate reload}).
     *
     * @throws IllegalArgumentException when {@code heartbeatInterval} is not positive
     */
    public NodeRegistration reconfigured(String configHash, Duration heartbeatInterval) {
        return new NodeRegistration(
                id, hostname, version, proxyAddresses, adminAddresses, configHash, heartbeatInterval);
    }
}
