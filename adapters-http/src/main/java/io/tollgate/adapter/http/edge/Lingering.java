package io.tollgate.adapter.http.edge;

import java.util.Locale;
import java.util.Objects;

/**
 * nginx's lingering close on every HTTP/1 listener (proxy, Admin API, Kong Manager, status API), set as Kong sets it,
 * through the injected nginx directives {@code nginx_http_lingering_close}, {@code nginx_http_lingering_time} and
 * {@code nginx_http_lingering_timeout}: when a response goes out on a closing connection, the input is read and dropped
 * until the client closes, no input came for {@code timeoutMs}, or {@code timeMs} passed since the answer.
 *
 * @param close nginx's {@code lingering_close} (default {@link Close#ON}): which closing connections linger
 * @param timeMs nginx's {@code lingering_time} in ms (default 30 s): the longest a connection lingers
 * @param timeoutMs nginx's {@code lingering_timeout} in ms (default 5 s): the connection closes once no input came
 *     for that long
 */
public record Lingering(Close close, long timeMs, long timeoutMs) {

    /** nginx's defaults: {@code lingering_close on}, {@code lingering_time 30s}, {@code lingering_timeout 5s}. */
    public static final Lingering DEFAULTS = new Lingering(Close.ON, 30_000, 5_000);

    /**
     * @throws NullPointerException when {@code close} is null
     * @throws IllegalArgumentException when a time is not between 1 ms and {@link Integer#MAX_VALUE} ms
     */
    public Lingering {
        Objects.requireNonNull(close, "close");
        if (timeMs < 1 || timeMs > Integer.MAX_VALUE || timeoutMs < 1 || timeoutMs > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("lingering times must be between 1ms and 24d");
        }
    }

    /** nginx's {@code lingering_close} values: which connections that close after a response linger. */
    public enum Close {
        /** Never: a closing connection is closed as soon as its response is written. */
        OFF,
        /**
         * When the request's body was not read to its end (nginx's default; nginx also lingers when the client
         * pipelined more input, which Undertow's own close answers by closing).
         */
        ON,
        /** Every connection that closes after a response, its request read whole or not. */
        ALWAYS;

        /**
         * Parses {@code lingering_close}'s value, in any case.
         *
         * @throws IllegalArgumentException unless {@code on}, {@code off} or {@code always}
         */
        public static Close parse(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "on" -> ON;
                case "off" -> OFF;
                case "always" -> ALWAYS;
                default -> throw new IllegalArgumentException("must be one of: on, off, always");
            };
        }

        /** The value as nginx spells it: {@code on}, {@code off} or {@code always}. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
