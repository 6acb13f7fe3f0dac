package io.tollgate.application.port.in;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The plugins' response side of one request (Kong's {@code response}, {@code header_filter}, {@code body_filter} and
 * {@code log} phases), which the proxy adapter drives once it knows the response. Registered on the exchange by {@link ProxyRequests#handle} through
 * {@link ProxyExchange#onResponse}.
 */
public interface ResponsePhases {

    /**
     * The response head is known and not sent yet (the upstream's, or one the gateway generated): plugins may change
     * its headers. Called at most once, on the request's I/O thread; does not block and does not throw.
     */
    void headerFilter(ResponseHead head);

    /**
     * Whether a collected plugin implements Kong's {@code response} phase: the adapter then reads the upstream's
     * whole response before sending anything and calls {@link #response} with it, then {@link #headerFilter} on what
     * the phase left (Kong's buffered proxying). Asked once, when the upstream's response head arrives.
     */
    boolean buffersResponse();

    /**
     * Kong's {@code response} phase over the upstream's buffered response: plugins may read and replace the body and
     * change the status and headers. Called at most once, on the I/O thread, before {@link #headerFilter}; does not
     * throw (a failing plugin turns the response into Kong's 500).
     *
     * @return a stage complete when every handler is done (completed on any thread)
     */
    CompletionStage<Void> response(BufferedResponse response);

    /**
     * Whether a collected plugin implements Kong's {@code log} phase: only then does the adapter measure what
     * {@link ExchangeLog} reports beyond status and headers (body sizes). Asked once, during or after
     * {@link #headerFilter}.
     */
    boolean logs();

    /**
     * Whether {@link #bodyFilter} must see the response body (some collected plugin filters bodies and wants this
     * response's). Asked once, after {@link #headerFilter}, before the body is written; when {@code false}, the body
     * streams to the client as it is.
     */
    boolean filtersBody();

    /**
     * Kong's {@code body_filter}: the next chunk of the response body on its way to the client, in order, then once
     * with {@code last} (possibly empty). Called on the I/O thread; does not block and does not throw.
     *
     * @param chunk the bytes (read from its position to its limit)
     * @param last whether the body ends here
     * @return the bytes to send instead (from its position to its limit)
     */
    ByteBuffer bodyFilter(ByteBuffer chunk, boolean last);

    /**
     * The exchange completed (the response was sent, or the client went away). Called once, on the I/O thread, and
     * only when {@link #logs()} (the adapter may skip measuring otherwise); returns at once (the plugins' {@code log}
     * handlers run on another thread) and does not throw.
     *
     * @param log what the adapter measured (sizes are 0 when {@link #logs()} was false)
     */
    void completed(ExchangeLog log);

    /** A response head that may still change. Valid only during {@link #headerFilter} (and {@link #response}). */
    interface ResponseHead {

        /** The status code. */
        int status();

        /** Every value of a header (case-insensitive), in order; empty when absent. */
        List<String> headerValues(String name);

        /** Sets a header, replacing its values. */
        void setHeader(String name, String value);

        /**
         * Adds a value to a header, after its others (Kong's {@code kong.response.add_header}): a header line of its
         * own where the adapter can send one, else joined to the others with {@code ", "}.
         */
        default void addHeader(String name, String value) {
            List<String> values = headerValues(name);
            setHeader(name, values.isEmpty() ? value : String.join(", ", values) + ", " + value);
        }

        /** Removes a header. */
        void removeHeader(String name);

        /**
         * Replaces the status code (Kong's {@code kong.response.set_status}); the client gets it with its standard
         * reason phrase, the upstream's headers kept.
         *
         * @throws IllegalArgumentException outside 100–599
         */
        void setStatus(int status);

        /**
         * Every header: names as the response has them, each with its values in order; a fresh map (empty when the
         * adapter cannot list them).
         */
        default Map<String, List<String>> headers() {
            return Map.of();
        }
    }

    /** The upstream's whole response during {@link #response}: its head may change and its body be replaced. */
    interface BufferedResponse extends ResponseHead {

        /** The body as the upstream sent it (after any {@link #setBody}); empty when it had none. */
        byte[] body();

        /** Replaces the body; the adapter sends it with a matching {@code Content-Length}. */
        void setBody(byte[] body);
    }
}
