package io.tollgate.adapter.http.proxy;

import dagger.Module;
import dagger.Provides;
import io.tollgate.adapter.http.HttpSettings;
import io.tollgate.application.port.in.ProxyRequests;
import io.undertow.server.HttpHandler;
import jakarta.inject.Named;

/**
 * Dagger bindings of the proxy adapter: {@code @Named("proxy") HttpHandler}, the proxy listener's root handler.
 * Needs {@link ProxyRequests} and {@link HttpSettings} (upstream keep-alive settings, and the {@code edge()} rules the
 * proxy applies) bindings. Each injection builds a new {@link GatewayProxy} (with its own upstream connection pools),
 * so inject it once.
 */
@Module
public final class ProxyAdapterModule {

    private ProxyAdapterModule() {}

    @Provides
    @Named("proxy")
    static HttpHandler proxyHandler(ProxyRequests requests, HttpSettings settings) {
        return new GatewayProxy(requests, settings.upstreamKeepalive(), settings.edge()).handler();
    }
}
