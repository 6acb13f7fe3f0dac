package io.tollgate.application.plugin.spi;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The phases a plugin implements (Kong's handler functions, kong-internals §9.1); every method defaults to doing
 * nothing. One handler serves all requests of a node concurrently: keep per-request state in the
 * {@link PluginContext}, never in fields (unless thread-safe).
 *
 * <p>Order: {@link #rewrite} (instances without route, service or consumer only: the route is not known yet), then
 * routing, then {@link #access} of every plugin whose instance applies, in priority order (the <em>collecting</em>
 * phase: a plugin that {@linkplain PluginContext#authenticate authenticates} a consumer makes consumer-scoped
 * instances of later plugins apply); then {@link #response} (only when a collected plugin implements it: the
 * upstream's whole response is then read before anything is sent), {@link #headerFilter}, {@link #bodyFilter} and
 * {@link #log} of the plugins collected in {@code access}, in the same order. A plugin that {@linkplain PluginContext#exit ends the request} skips the
 * remaining {@code rewrite}/{@code access} handlers; the collected plugins still run {@code headerFilter} and
 * {@code log}, as in Kong.
 *
 * <p>Threading: {@code rewrite}, {@code access}, {@code headerFilter} and {@code bodyFilter} run on the connection's I/O thread (or on
 * the node cache's loader thread after a cache miss; {@code response} too) and <b>must not block</b>: return a stage that completes later
 * for asynchronous work (e.g. {@link PluginEnvironment} lookups). {@link #log} runs on a virtual thread after the
 * response was sent and may block (write a file, call a collector); it never delays the client.
 *
 * <p>Errors: a handler that throws (or whose stage fails) in {@code rewrite}, {@code access} or {@code response} ends the request with
 * Kong's {@code 500 {"message":"An unexpected error occurred"}} (with the request id) and is logged once with the
 * plugin's name and stack trace; in {@code headerFilter}, {@code bodyFilter} (the chunk then goes on unchanged) or {@code log} it is logged and
 * the response goes on. No
 * other request is affected.
 */
public interface PluginHandler {

    /** A stage that is complete: return it when the phase has nothing left to do. */
    CompletionStage<Void> DONE = CompletableFuture.completedStage(null);

    /**
     * Kong's {@code rewrite}: before routing; runs only for global instances ({@link PluginContext#route()} is
     * {@code null}).
     *
     * @return a stage complete when the handler is done (usually {@link #DONE})
     */
    default CompletionStage<Void> rewrite(PluginContext context, PluginConfig config) {
        return DONE;
    }

    /**
     * Kong's {@code access}: after routing, before the request goes upstream; change the upstream request, set the
     * consumer, or {@linkplain PluginContext#exit end the request}.
     *
     * @return a stage complete when the handler is done (usually {@link #DONE})
     */
    default CompletionStage<Void> access(PluginContext context, PluginConfig config) {
        return DONE;
    }

    /**
     * Kong's {@code response} phase (buffered proxying): the upstream's whole response has been read and nothing sent
     * yet; read {@link PluginContext#responseBody()} and change the body ({@link PluginContext#setResponseBody}), the
     * status ({@link PluginContext#setResponseStatus}) and headers ({@link PluginContext#setResponseHeader}).
     * Implementing this method makes every response of the routes the plugin applies to buffered in memory, in full,
     * before it is sent (no streaming): implement it only when the plugin needs the whole body. Not called for
     * responses the gateway generated ({@link PluginContext#exit}, errors) nor for protocol upgrades (WebSocket).
     *
     * @return a stage complete when the handler is done (usually {@link #DONE})
     */
    default CompletionStage<Void> response(PluginContext context, PluginConfig config) {
        return DONE;
    }

    /**
     * Kong's {@code header_filter}: the response head (the upstream's, or one the gateway generated) is known and not
     * sent yet; read {@link PluginContext#responseStatus()}, change its headers and its status
     * ({@link PluginContext#setResponseStatus}, Kong's {@code kong.response.set_status}). The body still streams as
     * it comes: a plugin that replaces it (e.g. drops it) does so in {@link #bodyFilter} and sets the matching
     * {@code Content-Length} here. {@code Content-Length: 0} on an upstream response that may have a body ends the
     * client's response right after its head: the upstream's body is not read (its connection is closed rather than
     * reused) and {@link #bodyFilter} gets only its last, empty chunk. Synchronous, must not block.
     */
    default void headerFilter(PluginContext context, PluginConfig config) {}

    /**
     * Whether this response's body must go through {@link #bodyFilter}: asked once per request, right after
     * {@link #headerFilter}, of the handlers that implement {@code bodyFilter}; {@code true} unless overridden.
     * Answer {@code false} when this response needs no filtering (e.g. {@code headerFilter} decided to leave it
     * alone): when no collected plugin wants the body, it streams to the client without a copy per chunk, and a
     * response the gateway generated keeps its {@code Content-Length}. When another plugin wants it,
     * {@code bodyFilter} is still called: pass the chunk on. Must not block.
     */
    default boolean filtersBody(PluginContext context, PluginConfig config) {
        return true;
    }

    /**
     * Kong's {@code body_filter}: called for each chunk of the response body as it streams to the client (the
     * upstream's or a generated one), in order, then once with {@code last} set (the chunk may then be empty).
     * Returns what to send instead: {@code chunk} itself to pass it on, another buffer, or an empty one to hold
     * bytes back (e.g. to rewrite the whole body at {@code last}). A plugin that changes the body's length must
     * remove {@code Content-Length} in {@link #headerFilter}. Runs on the I/O thread, must not block. The buffer is
     * the plugin's to read and keep; the engine reads the returned buffer from its position to its limit.
     *
     * @param chunk the next bytes of the body (heap buffer, positioned at its first byte)
     * @param last whether this is the end of the body
     * @return the bytes to send in place of {@code chunk}
     */
    default ByteBuffer bodyFilter(PluginContext context, PluginConfig config, ByteBuffer chunk, boolean last) {
        return chunk;
    }

    /**
     * Kong's {@code log}: the response was sent; {@link PluginContext#logSerializer()} describes the whole exchange.
     * Runs on a virtual thread, may block.
     */
    default void log(PluginContext context, PluginConfig config) {}

    /**
     * Whether {@link #log} may block (I/O, locks, {@link PluginContext#logSerializer()}, whose entities may wait for
     * the database); {@code true} unless overridden. A handler that answers {@code false} promises a {@code log} that
     * only computes and records in memory (e.g. reads {@link PluginContext#exchangeSummary()} and updates
     * {@link Metrics}): when every plugin that logs for a request answers {@code false}, the node runs their
     * {@code log} on the thread that completed the exchange, an I/O thread, without the hand-off to a virtual thread.
     */
    default boolean logBlocks() {
        return true;
    }
}
