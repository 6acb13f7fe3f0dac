package io.tollgate.application.proxy.plugin;

import io.tollgate.application.port.in.ProxyExchange;
import io.tollgate.application.proxy.router.RouteMatch;
import io.tollgate.application.proxy.router.UriCaptures;
import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.consumer.ConsumerId;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One request's state shared by its plugins (Kong's {@code ngx.ctx}): the exchange, the matched route and, once an
 * authentication plugin ran, the authenticated consumer and credential.
 */
final class PluginContext {

    final ProxyExchange exchange;
    final RouteMatch match;
    private @Nullable Consumer consumer;
    private @Nullable UUID credential;

    PluginContext(ProxyExchange exchange, RouteMatch match) {
        this.exchange = exchange;
        this.match = match;
    }

    /**
     * The groups the matched regex path captured (Kong's {@code kong.request}'s
     * {@code ngx.ctx.router_matches.uri_captures}): numbered from 1 and named; empty for prefix routes.
     */
    UriCaptures uriCaptures() {
        return match.uriCaptures();
    }

    @Nullable
    ConsumerId consumerId() {
        return consumer == null ? null : consumer.id();
    }

    @Nullable
    UUID credential() {
        return credential;
    }

    /**
     * Kong's {@code kong.client.authenticate} + the auth plugins' {@code set_consumer}: records the consumer and
     * credential and sets the {@code X-Consumer-*}, {@code X-Credential-Identifier} and
     * {@code X-Anonymous-Consumer} upstream headers (removing any the client sent).
     *
     * @param credentialId the credential used, or {@code null} for the anonymous consumer
     */
    void authenticate(Consumer consumer, @Nullable UUID credentialId) {
        this.consumer = consumer;
        this.credential = credentialId;
        exchange.setUpstreamHeader("X-Consumer-ID", consumer.id().value().toString());
        setOrClear("X-Consumer-Custom-ID", consumer.customId());
        setOrClear("X-Consumer-Username", consumer.username());
        setOrClear("X-Credential-Identifier", credentialId == null ? null : credentialId.toString());
        setOrClear("X-Anonymous-Consumer", credentialId == null ? "true" : null);
    }

    private void setOrClear(String header, @Nullable String value) {
        if (value == null) {
            exchange.removeUpstreamHeader(header);
        } else {
            exchange.setUpstreamHeader(header, value);
        }
    }
}
