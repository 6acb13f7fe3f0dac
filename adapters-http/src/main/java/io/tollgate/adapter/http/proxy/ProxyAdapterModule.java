package io.tollgate.adapter.http.proxy;

import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import io.tollgate.adapter.http.HttpSettings;
import io.tollgate.application.port.in.ProxyRequests;
import io.tollgate.application.port.in.RecordTraffic;
import io.undertow.server.HttpHandler;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Dagger bindings of the proxy adapter: {@code @Named("proxy") HttpHandler}, the proxy listener's root handler.
 * Needs {@link ProxyRequests}, optionally {@link RecordTraffic} (each completed exchange) and {@link HttpSettings} (upstream keep-alive settings, and the {@code edge()} rules the
 * proxy applies) bindings, and a {@code @Singleton} scope: the node has one {@link GatewayProxy}.
 */
@Module
public abstract class ProxyAdapterModule {

    private ProxyAdapterModule() {}

    /** Where each completed exchange is reported; without a binding, nowhere ({@link RecordTraffic#NONE}). */
    @BindsOptionalOf
    abstract RecordTraffic traffic();

    /** The node's one proxy (its upstream connection pools, its edge rules, which {@code reload} replaces). */
    @Provides
    @Singleton
    static GatewayProxy gatewayProxy(ProxyRequests requests, HttpSettings settings, Optional<RecordTraffic> traffic) {
        return new GatewayProxy(
                requests, settings.upstreamKeepalive(), settings.edge(), traffic.orElse(RecordTraffic.NONE));
    }

    @Provides
    @Named("proxy")
    static HttpHandler proxyHandler(GatewayProxy proxy) {
        return proxy.handler();
    }
}
