package io.tollgate.adapter.http.proxy;

import dagger.Module;
import dagger.Provides;
import io.tollgate.adapter.http.HttpSettings;
import io.tollgate.application.port.in.ProxyRequests;
import io.undertow.server.HttpHandler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Dagger bindings of the proxy adapter: {@code @Named("proxy") HttpHandler}, the proxy listener's root handler.
 * Needs {@link ProxyRequests} and {@link HttpSettings} (upstream keep-alive settings, and the {@code edge()} rules the
 * proxy applies) bindings, and a {@code @Singleton} scope: the node has one {@link GatewayProxy}.
 */
@Module
public final class ProxyAdapterModule {

    private ProxyAdapterModule() {}

    /** The node's one proxy (its upstream connection pools, its edge rules, which {@code reload} replaces). */
    @Provides
    @Singleton
    static GatewayProxy gatewayProxy(ProxyRequests requests, HttpSettings settings) {
        return new GatewayProxy(requests, settings.upstreamKeepalive(), settings.edge());
    }

    @Provides
    @Named("proxy")
    static HttpHandler proxyHandler(GatewayProxy proxy) {
        return proxy.handler();
    }
}
