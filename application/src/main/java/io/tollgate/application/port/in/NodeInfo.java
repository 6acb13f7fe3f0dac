package io.tollgate.application.port.in;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /} reports about this node.
 *
 * @param configuration the effective configuration with secrets masked as {@code ******}
 */
public record NodeInfo(String version, String hostname, UUID nodeId, Map<String, @Nullable Object> configuration) {
    public NodeInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(nodeId, "nodeId");
        configuration = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(configuration));
    }
}
