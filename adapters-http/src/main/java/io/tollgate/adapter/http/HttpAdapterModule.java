package io.tollgate.adapter.http;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.tollgate.adapter.http.admin.AdminApi;
import io.tollgate.adapter.http.admin.AdminSettings;
import io.tollgate.adapter.http.admin.ServerStatistics;
import io.undertow.server.HttpHandler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The HTTP adapter's Dagger bindings: {@link HttpServer} (singleton) and {@link AdminApi} (singleton, through its
 * {@code @Inject} constructor), with the server's statistics shared between them.
 *
 * <p>The component must also provide: {@link HttpSettings}; the proxy root handler as
 * {@code @Named("proxy") HttpHandler}; and the primary ports {@code AdministerEntities}, {@code BrowseEntities},
 * {@code AdministerReferences}, {@code InspectCache}, {@code DescribeNode} and {@code ManageTargetHealth}.
 */
@Module
public abstract class HttpAdapterModule {

    private HttpAdapterModule() {
    }

    @Binds
    abstract ServerStatistics statistics(UndertowStatistics statistics);

    /** The Admin API's share of the settings ({@code admin_gui_url}). */
    @Provides
    static AdminSettings adminSettings(HttpSettings settings) {
        return new AdminSettings(settings.adminGuiUrl());
    }

    @Provides
    @Singleton
    static HttpServer httpServer(HttpSettings settings, @Named("proxy") HttpHandler proxy, AdminApi admin,
                                 UndertowStatistics statistics) {
        return new HttpServer(settings, proxy, admin.handler(), statistics);
    }
}
