package io.tollgate.adapter.http;

import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import io.tollgate.adapter.http.admin.AdminApi;
import io.tollgate.adapter.http.admin.AdminSettings;
import io.tollgate.adapter.http.admin.MetricsSource;
import io.tollgate.adapter.http.admin.ServerStatistics;
import io.tollgate.adapter.http.gui.AdminGui;
import io.tollgate.adapter.http.gui.KongManagerConfig;
import io.tollgate.application.port.WritePositions;
import io.tollgate.application.port.in.BrowseTraffic;
import io.tollgate.application.port.in.ClusterLogLevel;
import io.tollgate.application.port.in.DescribeNode;
import io.tollgate.application.port.in.ExportConfiguration;
import io.tollgate.application.port.in.InspectTimers;
import io.tollgate.application.port.in.ManageProxyCache;
import io.tollgate.application.port.in.NodeLogLevel;
import io.tollgate.application.port.in.ServerCertificates;
import io.tollgate.application.port.in.TlsCertificates;
import io.undertow.server.HttpHandler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP adapter's Dagger bindings: {@link HttpServer} (singleton, with Kong Manager's {@link AdminGui} on the
 * {@code admin_gui_listen} listeners) and {@link AdminApi} (singleton, through its {@code @Inject} constructor), with
 * the server's statistics shared between them.
 *
 * <p>The component must also provide: {@link HttpSettings}; the proxy root handler as
 * {@code @Named("proxy") HttpHandler}; and the primary ports {@code AdministerEntities}, {@code BrowseEntities},
 * {@code AdministerReferences}, {@code InspectCache}, {@code DescribeNode}, {@code ManageTargetHealth},
 * {@code BrowseHistory}, and optionally {@code MetricsSource} (the plugins' metrics for {@code GET /metrics}) and
 * {@code ServerCertificates} (the TLS listeners' certificates by SNI).
 */
@Module
public abstract class HttpAdapterModule {

    private HttpAdapterModule() {}

    @Binds
    abstract ServerStatistics statistics(UndertowStatistics statistics);

    /** The TLS listeners' certificates by SNI; without a binding, every handshake gets the default certificate. */
    @BindsOptionalOf
    abstract ServerCertificates serverCertificates();

    /** What the plugins recorded, for {@code GET /metrics}; without a binding, only the node-level families. */
    @BindsOptionalOf
    abstract MetricsSource metricsSource();

    /** Where Admin API writes landed in the event log ({@code X-Tollgate-Log-Position}); absent: no header. */
    @BindsOptionalOf
    abstract WritePositions writePositions();

    /** The proxy-cache plugin's store, for the {@code /proxy-cache} endpoints; without a binding, no such endpoints. */
    @BindsOptionalOf
    abstract ManageProxyCache proxyCache();

    /** The cluster's traffic series, for {@code GET /clustering/traffic}; without a binding, no such endpoint. */
    @BindsOptionalOf
    abstract BrowseTraffic traffic();

    /** The node's dynamic log level, for {@code /debug/node/log-level}; without a binding, no such endpoints. */
    @BindsOptionalOf
    abstract NodeLogLevel logLevel();

    /** Kong's cluster-wide dynamic log level, for {@code /debug/cluster/log-level}; without a binding, 404. */
    @BindsOptionalOf
    abstract ClusterLogLevel clusterLogLevel();

    /** The configuration at a moment, for {@code GET /history/export}; without a binding, no such endpoint. */
    @BindsOptionalOf
    abstract ExportConfiguration export();

    /** The node's timers, for {@code GET /timers}; without a binding, no such endpoint. */
    @BindsOptionalOf
    abstract InspectTimers timers();

    /** The Admin API's share of the settings ({@code admin_gui_url}, {@code admin_allowed_hosts}, {@code headers}). */
    @Provides
    static AdminSettings adminSettings(HttpSettings settings) {
        return new AdminSettings(
                settings.adminGuiUrl(),
                settings.adminAllowedHosts(),
                settings.edge().headers().server(),
                settings.edge().headers().adminLatency());
    }

    @Provides
    @Singleton
    static HttpServer httpServer(
            HttpSettings settings,
            @Named("proxy") HttpHandler proxy,
            AdminApi admin,
            UndertowStatistics statistics,
            Optional<ServerCertificates> certificates,
            DescribeNode node) {
        AtomicReference<HttpServer> server = new AtomicReference<>();
        AdminGui gui = new AdminGui(settings.adminGui(), () -> kongManagerConfig(settings, server.get(), node));
        HttpServer built = new HttpServer(
                settings,
                proxy,
                admin.handler(),
                gui.handler(),
                admin.statusHandler(),
                statistics,
                certificates.orElse(() -> TlsCertificates.EMPTY));
        server.set(built);
        return built;
    }

    /** {@code kconfig.js}'s fields: the Admin API's first plain and first TLS ports as bound. */
    static KongManagerConfig kongManagerConfig(HttpSettings settings, HttpServer server, DescribeNode node) {
        List<InetSocketAddress> bound = server.adminAddresses();
        @Nullable Integer plain = null;
        @Nullable Integer ssl = null;
        for (int i = 0; i < settings.adminListeners().size() && i < bound.size(); i++) {
            int port = bound.get(i).getPort();
            if (settings.adminListeners().get(i).ssl()) {
                ssl = ssl == null ? port : ssl;
            } else {
                plain = plain == null ? port : plain;
            }
        }
        return new KongManagerConfig(
                settings.adminGuiUrl(),
                settings.adminGui().path(),
                settings.adminGui().apiUrl(),
                plain,
                ssl,
                node.info().version());
    }
}
