package io.tollgate.adapter.http;

import io.tollgate.adapter.http.admin.ServerStatistics;
import io.undertow.server.ConnectorStatistics;
import io.undertow.server.HttpHandler;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * {@link ServerStatistics} read from the running Undertow's connector statistics, summed over all listeners.
 * Undertow does not count accepted connections, so {@link #counting(HttpHandler)} counts each connection at its
 * first request (connections closed before sending one are not counted).
 */
@Singleton
final class UndertowStatistics implements ServerStatistics {

    private static final AttachmentKey<Boolean> SEEN = AttachmentKey.create(Boolean.class);

    private final LongAdder connections = new LongAdder();
    private volatile List<ConnectorStatistics> listeners = List.of();

    @Inject
    UndertowStatistics() {}

    /** Counts from now on the connectors of the running listeners ({@code null} entries: listeners without). */
    void attach(List<@Nullable ConnectorStatistics> running) {
        listeners = running.stream().filter(Objects::nonNull).toList();
    }

    void detach() {
        listeners = List.of();
    }

    /** Wraps a listener's root handler so that its connections are counted. */
    HttpHandler counting(HttpHandler next) {
        return exchange -> {
            ServerConnection connection = exchange.getConnection();
            if (connection.getAttachment(SEEN) == null) {
                connection.putAttachment(SEEN, Boolean.TRUE);
                connections.increment();
            }
            next.handleRequest(exchange);
        };
    }

    @Override
    public Counts counts() {
        long active = 0;
        long requests = 0;
        long inFlight = 0;
        for (ConnectorStatistics stats : listeners) {
            active += stats.getActiveConnections();
            requests += stats.getRequestCount();
            inFlight += stats.getActiveRequests();
        }
        long accepted = Math.max(connections.sum(), active);
        return new Counts(active, 0, inFlight, Math.max(0, active - inFlight), accepted, accepted, requests);
    }
}
