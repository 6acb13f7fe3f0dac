package io.tollgate.application.port.in;

import java.util.concurrent.CompletionStage;

/**
 * Kong's proxy path (kong-internals §8–§9): routes one client request, runs the access phase of the plugins that
 * apply to it, and says whether to forward it upstream or to answer it at once.
 *
 * <p>Nothing here blocks: routing and plugin selection read in-memory snapshots, and entity lookups go through the
 * node cache. The returned stage is <em>already complete</em> when everything needed was in memory, so the caller
 * may go on on its I/O thread; it completes later, on the cache's loader thread, only when a cache miss had to go
 * to the database (e.g. an API key seen for the first time).
 */
public interface ProxyRequests {

    /**
     * Decides what to do with one request. Plugins may change the request through the exchange's mutators while
     * the stage runs; the caller applies those changes before forwarding.
     *
     * @return a stage that never fails: failures become {@link ProxyDecision.Respond} with Kong's
     *         {@code 500 {"message":"An unexpected error occurred"}}
     */
    CompletionStage<ProxyDecision> handle(ProxyExchange exchange);

    /**
     * Kong's error page for what the proxy refuses before routing (nginx's 400 for over-large headers, 414 for an
     * over-long request line, …): the request goes through no rewrite or access handler, but the plugins with a
     * global instance are collected for its response phases, so their {@code header_filter}, {@code body_filter} and
     * {@code log} see the refusal. Registers them through {@link ProxyExchange#onResponse}; does not throw.
     *
     * @param headersRead whether the request's headers were read (for 414 nginx stopped at the request line: the
     *     plugins then see no headers)
     */
    default void refused(ProxyExchange exchange, boolean headersRead) {}
}
