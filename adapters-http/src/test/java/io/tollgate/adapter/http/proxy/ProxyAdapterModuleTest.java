package io.tollgate.adapter.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dagger.Component;
import dagger.Module;
import dagger.Provides;
import io.tollgate.adapter.http.HttpSettings;
import io.tollgate.adapter.http.HttpSettingsFixture;
import io.tollgate.application.port.in.ProxyDecision;
import io.tollgate.application.port.in.ProxyRequests;
import io.undertow.server.HttpHandler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ProxyAdapterModuleTest {

    @Module
    static final class Requests {
        @Provides
        static ProxyRequests requests() {
            return exchange -> CompletableFuture.completedFuture(ProxyDecision.Respond.message(404, "none"));
        }

        @Provides
        static HttpSettings settings() {
            return HttpSettingsFixture.plain(List.of(), List.of());
        }
    }

    @Singleton
    @Component(modules = {ProxyAdapterModule.class, Requests.class})
    interface Gateway {
        @Named("proxy")
        HttpHandler proxy();

        GatewayProxy gatewayProxy();
    }

    @Test
    void providesTheNamedProxyHandlerOfTheOneGatewayProxy() {
        Gateway gateway = DaggerProxyAdapterModuleTest_Gateway.create();
        assertThat(gateway.proxy()).isNotNull();
        assertThat(gateway.gatewayProxy()).isSameAs(gateway.gatewayProxy());
    }
}
