package io.tollgate.adapter.http.admin;

import dagger.BindsInstance;
import dagger.Component;
import io.tollgate.adapter.http.HttpAdapterModule;
import io.tollgate.adapter.http.HttpServer;
import io.tollgate.adapter.http.HttpSettings;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.in.AdministerEntities;
import io.tollgate.application.port.in.AdministerReferences;
import io.tollgate.application.port.in.AuthenticateAdmin;
import io.tollgate.application.port.in.BrowseCluster;
import io.tollgate.application.port.in.BrowseEntities;
import io.tollgate.application.port.in.BrowseHistory;
import io.tollgate.application.port.in.DescribeNode;
import io.tollgate.application.port.in.InspectCache;
import io.tollgate.application.port.in.ManageTargetHealth;
import io.undertow.server.HttpHandler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** Wires {@link HttpAdapterModule} the way bootstrap does, with test doubles for the ports and the proxy. */
@Singleton
@Component(modules = HttpAdapterModule.class)
interface TestHttpComponent {

    HttpServer server();

    @Component.Factory
    interface Factory {
        TestHttpComponent create(
                @BindsInstance HttpSettings settings,
                @BindsInstance @Named("proxy") HttpHandler proxy,
                @BindsInstance AdministerEntities entities,
                @BindsInstance BrowseEntities browse,
                @BindsInstance AdministerReferences references,
                @BindsInstance InspectCache cache,
                @BindsInstance DescribeNode node,
                @BindsInstance ManageTargetHealth health,
                @BindsInstance BrowseHistory history,
                @BindsInstance BrowseCluster cluster,
                @BindsInstance AdminAccessSettings access,
                @BindsInstance AuthenticateAdmin authenticate,
                @BindsInstance DatabaseOutages outages);
    }
}
