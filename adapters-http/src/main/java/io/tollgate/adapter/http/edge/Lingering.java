package io.tollgate.adapter.http.edge;

/**
 * nginx's lingering close timings on the proxy's HTTP/1 listeners, set as Kong sets them, through the injected nginx
 * directives {@code nginx_http_lingering_time} and {@code nginx_http_lingering_timeout}: when a response goes out on
 * a closing connection whose request body was not read to its end, the input is read and dropped until the client
 * closes, no input came for {@code timeoutMs}, or {@code timeMs} passed since the answer.
 *
 * @param timeMs nginx's {@code lingering_time} in ms (default 30 s): the longest a connection lingers
 * @param timeoutMs nginx's {@code lingering_timeout} in ms (default 5 s): the connection closes once no input came
 *     for that long
 */
public record Lingering(long timeMs, long timeoutMs) {

    /** nginx's defaults: {@code lingering_time 30s}, {@code lingering_timeout 5s}. */
    public static final Lingering DEFAULTS = new Lingering(30_000, 5_000);

    /** @throws IllegalArgumentException when a time is not between 1 ms and {@link Integer#MAX_VALUE} ms */
    public Lingering {
        if (timeMs < 1 || timeMs > Integer.MAX_VALUE || timeoutMs < 1 || timeoutMs > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("lingering times must be between 1ms and 24d");
        }
    }
}
