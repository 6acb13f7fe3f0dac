package io.tollgate.application.port.in;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * The plugins' response side of one request (Kong's {@code header_filter} and {@code log} phases), which the proxy
 * adapter drives once it knows the response. Registered on the exchange by {@link ProxyRequests#handle} through
 * {@link ProxyExchange#onResponse}.
 */
public interface ResponsePhases {

    /**
     * The response head is known and not sent yet (the upstream's, or one the gateway generated): plugins may change
     * its headers. Called at most once, on the request's I/O thread; does not block and does not throw.
     */
    void headerFilter(ResponseHead head);

    /**
     * Whether {@link #bodyFilter} must see the response body (some collected plugin filters bodies). Asked once,
     * during or after {@link #headerFilter}, before the body is written.
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
     * The exchange completed (the response was sent, or the client went away). Called once, on the I/O thread; returns
     * at once (the plugins' {@code log} handlers run on another thread) and does not throw.
     *
     * @param status the status sent
     * @param headers the response headers sent, names as sent
     */
    void completed(int status, Map<String, List<String>> headers);

    /** A response head that may still change. Valid only during {@link #headerFilter}. */
    interface ResponseHead {

        /** The status code. */
        int status();

        /** Every value of a header (case-insensitive), in order; empty when absent. */
        List<String> headerValues(String name);

        /** Sets a header, replacing its values. */
        void setHeader(String name, String value);

        /** Removes a header. */
        void removeHeader(String name);
    }
}
