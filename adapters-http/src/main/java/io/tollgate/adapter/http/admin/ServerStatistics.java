package io.tollgate.adapter.http.admin;

/**
 * The connection and request counters of this node's HTTP server, reported by {@code GET /status} under
 * {@code server} the way Kong reports nginx's {@code stub_status}. Implemented by the HTTP server; all listeners
 * (proxy and admin) are counted together, as nginx does.
 */
public interface ServerStatistics {

    /** Counters that are all zero, for a node whose server is not running. */
    ServerStatistics NONE = () -> new Counts(0, 0, 0, 0, 0, 0, 0);

    /** The counters now. */
    Counts counts();

    /**
     * Kong's {@code server} object of {@code GET /status}.
     *
     * @param connectionsActive open client connections, including idle keep-alive ones
     * @param connectionsReading connections whose request is being read
     * @param connectionsWriting connections whose request is being processed or answered
     * @param connectionsWaiting idle keep-alive connections
     * @param connectionsAccepted connections accepted since start
     * @param connectionsHandled connections handled since start
     * @param totalRequests requests completed since start
     */
    record Counts(
            long connectionsActive,
            long connectionsReading,
            long connectionsWriting,
            long connectionsWaiting,
            long connectionsAccepted,
            long connectionsHandled,
            long totalRequests) {}
}
