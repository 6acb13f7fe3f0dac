package io.tollgate.bootstrap.wiring;

import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.application.port.in.NodeInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the application layer needs from the configuration beyond the adapters' own settings.
 *
 * @param nodeId this node's id: {@code node_id}, else the one kept in {@code <prefix>/tollgate.id}
 * @param updateFrequency {@code db_update_frequency}
 * @param updatePropagation {@code db_update_propagation}
 * @param updatePush {@code db_update_push}: also read the log when PostgreSQL notifies a commit
 * @param eventLogRetention {@code event_log_retention}: {@link Duration#ZERO} = never compact the event log
 * @param trafficSampleInterval {@code traffic_sample_interval}: how often the node writes its traffic sample, > 0
 * @param info what {@code GET /} reports
 * @param plugins the enabled plugins ({@code plugins}), already in {@link io.tollgate.domain.plugin.PluginCatalog}
 * @param syslogSocket {@code syslog_socket_path}: the local syslog's Unix datagram socket (the syslog plugin's)
 * @param vaultEnvPrefix {@code vault_env_prefix}: the {@code env} vault's default variable prefix, empty for none
 * @param trustedCertificates {@code lua_ssl_trusted_certificate}'s PEM text, empty for {@code system}
 */
public record NodeSettings(
        UUID nodeId,
        Duration updateFrequency,
        Duration updatePropagation,
        boolean updatePush,
        Duration eventLogRetention,
        Duration trafficSampleInterval,
        NodeInfo info,
        List<TollgatePlugin> plugins,
        Path syslogSocket,
        Optional<String> vaultEnvPrefix,
        Optional<String> trustedCertificates) {
    public NodeSettings {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(updateFrequency, "updateFrequency");
        Objects.requireNonNull(updatePropagation, "updatePropagation");
        Objects.requireNonNull(eventLogRetention, "eventLogRetention");
        Objects.requireNonNull(trafficSampleInterval, "trafficSampleInterval");
        Objects.requireNonNull(info, "info");
        plugins = List.copyOf(plugins);
        Objects.requireNonNull(syslogSocket, "syslogSocket");
        Objects.requireNonNull(vaultEnvPrefix, "vaultEnvPrefix");
        Objects.requireNonNull(trustedCertificates, "trustedCertificates");
    }
}
