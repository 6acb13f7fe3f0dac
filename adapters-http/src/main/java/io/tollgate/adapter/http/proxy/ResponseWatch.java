package io.tollgate.adapter.http.proxy;

import io.tollgate.adapter.http.proxy.ProxyState.Failure;
import io.tollgate.application.port.PeerOutcome;
import io.tollgate.application.port.in.ResponsePhases;
import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.ClientExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Watches one upstream try until its response head arrives, enforcing the service's timeouts (ms, per try): while
 * the request body is being sent, {@code write_timeout} between two writes that made progress; after that,
 * {@code read_timeout} until the response head. When one elapses first, the connection is closed and Undertow's
 * proxy is told the request failed (a closed connection alone does not wake up a pending response). Whatever comes
 * first — response, failure or timeout — settles the watch and is reported as the try's outcome; later signals are
 * dropped. On a response it marks the exchange as answered, applies Kong's downstream header rules
 * ({@link DownstreamHeaders}) and runs the plugins' {@code header_filter}, whose status (Kong's
 * {@code kong.response.set_status}) Undertow's proxy then sends, and whose {@code Content-Length} on a chunked
 * upstream body frames the client's response instead of the upstream's {@code Transfer-Encoding}. When they framed
 * a response that may have a body with {@code Content-Length: 0}, the client's response ends right after its head
 * and the upstream's body is never read: its connection is closed, not returned to the pool.
 *
 * <p>One timer per try, on the connection's I/O thread: it is armed once, for the shorter of the two timeouts, and
 * when it fires it checks the current phase's deadline and re-arms itself for what is left, never further out than
 * the shorter timeout (so a phase change, which only moves the deadline to at least its own time plus that timeout,
 * is always seen in time). A phase change therefore costs two field writes, not a timer cancelled and re-armed (the
 * I/O thread's timer queue is a sorted set: each arm and cancel is a tree insert or removal on the request path).
 */
final class ResponseWatch {

    private final ProxyState state;
    private final ClientConnection connection;
    private final ClientCallback<ClientExchange> sent;
    private final AtomicBoolean settled = new AtomicBoolean();
    private final long readTimeoutNanos;
    private final long writeTimeoutNanos;
    /** The shorter timeout: the furthest the timer is ever armed ahead. */
    private final long tickNanos;

    private volatile XnioExecutor.@Nullable Key timer;
    private volatile @Nullable ClientCallback<ClientExchange> listener;
    private volatile boolean writing;
    private volatile long lastWriteNanos;
    private volatile long readFromNanos = System.nanoTime();

    ResponseWatch(ProxyState state, ClientConnection connection, ClientCallback<ClientExchange> sent) {
        this.state = state;
        this.connection = connection;
        this.sent = sent;
        this.readTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(state.forward.readTimeoutMs());
        this.writeTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(state.forward.writeTimeoutMs());
        this.tickNanos = Math.min(readTimeoutNanos, writeTimeoutNanos);
        arm(tickNanos);
    }

    /** The callback to hand to the real {@code sendRequest}. */
    ClientCallback<ClientExchange> sendCallback() {
        return new ClientCallback<>() {
            @Override
            public void completed(ClientExchange result) {
                if (!settled.get()) {
                    sent.completed(new ObservedExchange(result, ResponseWatch.this));
                }
            }

            @Override
            public void failed(IOException e) {
                if (settle()) {
                    state.fail(Failure.BAD_RESPONSE);
                    sent.failed(e);
                }
            }
        };
    }

    /** Wraps the proxy's response listener. */
    ClientCallback<ClientExchange> observe(ClientCallback<ClientExchange> proxyListener) {
        this.listener = proxyListener;
        return new ClientCallback<>() {
            @Override
            public void completed(ClientExchange result) {
                if (settle()) {
                    int code = result.getResponse().getResponseCode();
                    state.responseHead(code);
                    state.endTry(PeerOutcome.response(code, state.tryMillis()));
                    DownstreamHeaders.proxied(state, code, result.getResponse().getResponseHeaders());
                    ResponsePhases buffering = code == 101 ? null : state.view.bufferingPhases();
                    if (buffering != null) {
                        BufferedUpstreamResponse.start(state.view.exchange(), state, result, buffering);
                        return;
                    }
                    HeaderMap headers = result.getResponse().getResponseHeaders();
                    String upstreamLength = headers.getFirst(Headers.CONTENT_LENGTH);
                    state.view.headerFilter(code, headers);
                    if (upstreamLength == null && headers.contains(Headers.CONTENT_LENGTH)) {
                        headers.remove(Headers.TRANSFER_ENCODING); // a plugin's length frames the body
                    }
                    int status = state.view.filteredStatus(code);
                    boolean emptied = emptied(code, upstreamLength, headers);
                    if (emptied) {
                        // its body is never read: the connection cannot serve another request
                        IoUtils.safeClose(result.getConnection());
                    }
                    proxyListener.completed(
                            status == code && !emptied
                                    ? result
                                    : ObservedExchange.restated(result, ResponseWatch.this, status, emptied));
                } else {
                    IoUtils.safeClose(result.getConnection());
                }
            }

            @Override
            public void failed(IOException e) {
                if (settle()) {
                    state.fail(Failure.BAD_RESPONSE);
                    proxyListener.failed(e);
                }
            }
        };
    }

    /**
     * Whether the plugins' {@code header_filter} framed a response that may have a body with
     * {@code Content-Length: 0} (e.g. response-ratelimiting's 429): the client's response then ends right after its
     * head, without waiting for the upstream's body, which may never end (a stream, a long download).
     */
    private boolean emptied(int upstreamStatus, @Nullable String upstreamLength, HeaderMap filtered) {
        return isZero(filtered.getFirst(Headers.CONTENT_LENGTH))
                && !isZero(upstreamLength)
                && upstreamStatus >= 200
                && upstreamStatus != 204
                && upstreamStatus != 304
                && !Methods.HEAD.equals(state.view.exchange().getRequestMethod());
    }

    private static boolean isZero(@Nullable String length) {
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length.trim()) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The request body starts: {@code write_timeout} applies until {@link #writeDone()}. */
    void writeStarted() {
        lastWriteNanos = System.nanoTime();
        writing = true;
    }

    /** A write made progress. */
    void wrote() {
        lastWriteNanos = System.nanoTime();
    }

    /** The request is sent: {@code read_timeout} applies from now. */
    void writeDone() {
        if (!writing) {
            return;
        }
        readFromNanos = System.nanoTime();
        writing = false;
    }

    private void arm(long delayNanos) {
        timer = connection.getIoThread().executeAfter(this::tick, Math.max(delayNanos, 1), TimeUnit.NANOSECONDS);
    }

    private void tick() {
        if (settled.get()) {
            return;
        }
        long now = System.nanoTime();
        boolean inWrite = writing;
        long limit = inWrite ? writeTimeoutNanos : readTimeoutNanos;
        long waited = now - (inWrite ? lastWriteNanos : readFromNanos);
        if (waited >= limit) {
            timedOut(
                    inWrite ? "write" : "read",
                    inWrite ? state.forward.writeTimeoutMs() : state.forward.readTimeoutMs());
        } else {
            arm(Math.min(limit - waited, tickNanos));
        }
    }

    private boolean settle() {
        if (settled.compareAndSet(false, true)) {
            XnioExecutor.Key current = timer;
            if (current != null) {
                current.remove();
            }
            return true;
        }
        return false;
    }

    private void timedOut(String phase, int timeoutMs) {
        if (!settled.compareAndSet(false, true)) {
            return;
        }
        state.fail(Failure.TIMEOUT);
        IoUtils.safeClose(connection);
        IOException timeout = new IOException("upstream " + phase + " timed out after " + timeoutMs + " ms");
        ClientCallback<ClientExchange> current = listener;
        if (current != null) {
            current.failed(timeout);
        } else {
            sent.failed(timeout);
        }
    }
}
