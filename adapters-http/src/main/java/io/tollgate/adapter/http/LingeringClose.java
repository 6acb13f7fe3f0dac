package io.tollgate.adapter.http;

import io.tollgate.adapter.http.edge.Lingering;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.Connectors;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioExecutor;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.StreamSinkConduit;

/**
 * nginx's lingering close on an HTTP/1 listener: when a response goes out on a connection that closes after it while
 * the request's body was not read to its end (a 413 from {@code nginx_http_client_max_body_size}, a plugin's refusal
 * sent before the body was read), or on any closing connection under {@code lingering_close always}
 * ({@link Lingering.Close#ALWAYS}), the connection's input is not shut at once, which would make the kernel answer the
 * body's next bytes with a reset and a client still writing its body before it reads would lose the answer.
 * Instead the response is sent, the output shut (the client sees the answer's end), and the input read and dropped
 * until the client closes, nothing came for {@link Lingering#timeoutMs()} ({@code lingering_timeout}), the connection
 * lingered {@link Lingering#timeMs()} in all ({@code lingering_time}) or {@link #MAX_DISCARDED_BYTES} were dropped;
 * then the connection is closed.
 *
 * <p>Under {@code lingering_close on} a closing connection whose request was read whole is closed by Undertow: the
 * output shut, then the connection closed once the client closes, sends anything, or 10 s passed (nginx closes it at
 * once). Under {@code lingering_close off} ({@link Lingering.Close#OFF}) every closing connection is closed as soon as
 * its response is flushed, the body read or not, as nginx does.
 *
 * <p>Non-blocking: the reads run in the connection's read listener on its I/O thread, one pooled buffer at a time,
 * with one timer on that thread. The exchange's completion listeners below this handler (access log, counters, the
 * plugins' log phase) run before the lingering starts; this handler's runs last and holds only the connection's own
 * close. HTTP/2 streams and upgraded connections are left as they are.
 */
final class LingeringClose implements HttpHandler {

    /** At most this many bytes are read and dropped (nginx bounds only the time): then the connection closes. */
    static final long MAX_DISCARDED_BYTES = 64L * 1024 * 1024;

    /** Set when the exchange's connection is to linger once the exchange completed. */
    private static final AttachmentKey<Boolean> LINGER = AttachmentKey.create(Boolean.class);

    private final HttpHandler next;
    private final Lingering times;
    /** One listener for every exchange, so a request allocates none. */
    private final ExchangeCompletionListener onCompletion = this::completed;

    /** @param times nginx's {@code lingering_close}, {@code lingering_time} and {@code lingering_timeout} */
    LingeringClose(HttpHandler next, Lingering times) {
        this.next = Objects.requireNonNull(next, "next");
        this.times = Objects.requireNonNull(times, "times");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (exchange.getConnection() instanceof HttpServerConnection) {
            // added first, so it runs last: the other completion listeners are not held up by the lingering
            exchange.addExchangeCompleteListener(onCompletion);
            if (times.close() != Lingering.Close.OFF) {
                // added first, so it runs after any listener that answers in the exchange's place
                exchange.addDefaultResponseListener(LingeringClose::ending);
            }
        }
        next.handleRequest(exchange);
    }

    /**
     * When the exchange ends on a closing connection with its body unread, marks the request done, so that Undertow
     * does not shut the connection's input at once, and the connection to linger.
     *
     * @return {@code false}: it never answers
     */
    private static boolean ending(HttpServerExchange exchange) {
        if (!exchange.isPersistent() && !exchange.isRequestComplete() && !exchange.isUpgrade()) {
            exchange.putAttachment(LINGER, Boolean.TRUE);
            Connectors.terminateRequest(exchange);
        }
        return false;
    }

    private void completed(HttpServerExchange exchange, ExchangeCompletionListener.NextListener next) {
        if (exchange.isPersistent()
                || exchange.isUpgrade()
                || !(exchange.getConnection() instanceof AbstractServerConnection connection)
                || !connection.isOpen()) {
            next.proceed();
            return;
        }
        Runnable end = switch (times.close()) {
            case OFF -> () -> close(connection, next);
            case ON -> exchange.getAttachment(LINGER) == null ? null : () -> linger(connection, next);
            case ALWAYS -> () -> linger(connection, next);
        };
        if (end == null) {
            next.proceed(); // Undertow's own close: output shut, input drained until the client closes or sends
            return;
        }
        // once the call that completed the exchange (its end, a write) is over, so nothing of it runs on the linger
        try {
            connection.getIoThread().execute(end);
        } catch (RejectedExecutionException stopping) {
            next.proceed(); // the worker is stopping: Undertow closes the connection
        }
    }

    /**
     * {@code lingering_close off}: closes the connection as soon as the response is flushed, where Undertow's own
     * close would wait up to 10 s for the client to close first; when the response cannot be flushed at once, Undertow
     * closes the connection once it is.
     */
    private static void close(AbstractServerConnection connection, ExchangeCompletionListener.NextListener next) {
        try {
            StreamSinkConduit sink = connection.getOriginalSinkConduit();
            sink.terminateWrites();
            if (sink.flush()) {
                IoUtils.safeClose(connection);
            }
        } catch (IOException | RuntimeException e) {
            IoUtils.safeClose(connection);
        }
        next.proceed();
    }

    private void linger(AbstractServerConnection connection, ExchangeCompletionListener.NextListener next) {
        if (!connection.isOpen()) {
            next.proceed();
            return;
        }
        Linger linger = new Linger(connection, next, times);
        try {
            linger.start();
        } catch (IOException | RuntimeException e) {
            linger.finish();
        }
    }

    /** One connection's lingering: reads and drops its input, then lets Undertow close it. */
    private static final class Linger implements ChannelListener<ConduitStreamSourceChannel>, Runnable {

        private final AbstractServerConnection connection;
        private final ExchangeCompletionListener.NextListener next;
        private final long timeoutMs;
        private final StreamConnection channel;
        private final long deadline;
        private long lastInput;
        private long discarded;
        private boolean done;
        private XnioExecutor.@Nullable Key timer;

        Linger(AbstractServerConnection connection, ExchangeCompletionListener.NextListener next, Lingering times) {
            this.connection = connection;
            this.next = next;
            this.timeoutMs = times.timeoutMs();
            this.channel = connection.getChannel();
            this.lastInput = System.nanoTime();
            this.deadline = lastInput + TimeUnit.MILLISECONDS.toNanos(times.timeMs());
        }

        void start() throws IOException {
            connection.clearChannel(); // the exchange's framing is done with
            StreamSinkConduit sink = connection.getOriginalSinkConduit();
            sink.terminateWrites(); // the answer is whole: the client sees its end, as nginx shuts the output first
            if (!sink.flush()) {
                done = true;
                next.proceed(); // Undertow's close flushes what is left, as it would have without lingering
                return;
            }
            ConduitStreamSourceChannel source = channel.getSourceChannel();
            source.setConduit(connection.getOriginalSourceConduit()); // the bare input, past the request's framing
            source.getReadSetter().set(this);
            source.resumeReads();
            arm(timeoutMs);
        }

        @Override
        public void handleEvent(ConduitStreamSourceChannel source) {
            try (PooledByteBuffer pooled = connection.getByteBufferPool().allocate()) {
                ByteBuffer buffer = pooled.getBuffer();
                while (!done) {
                    buffer.clear();
                    int n = source.read(buffer);
                    if (n < 0) {
                        finish(); // the client closed: nothing is left unread
                        return;
                    }
                    if (n == 0) {
                        return;
                    }
                    lastInput = System.nanoTime();
                    discarded += n;
                    if (discarded > MAX_DISCARDED_BYTES || lastInput - deadline >= 0) {
                        finish();
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                finish();
            }
        }

        /** The timer: closes when the input was idle for {@code lingering_timeout} or {@code lingering_time} passed. */
        @Override
        public void run() {
            timer = null;
            if (done) {
                return;
            }
            long now = System.nanoTime();
            long idleLeft = TimeUnit.NANOSECONDS.toMillis(lastInput - now) + timeoutMs;
            long totalLeft = TimeUnit.NANOSECONDS.toMillis(deadline - now);
            long left = Math.min(idleLeft, totalLeft);
            if (left <= 0) {
                finish();
            } else {
                arm(left);
            }
        }

        private void arm(long millis) {
            timer = channel.getIoThread().executeAfter(this, millis, TimeUnit.MILLISECONDS);
        }

        private void finish() {
            if (done) {
                return;
            }
            done = true;
            XnioExecutor.Key pending = timer;
            if (pending != null) {
                pending.remove();
            }
            ConduitStreamSourceChannel source = channel.getSourceChannel();
            source.suspendReads();
            source.getReadSetter().set(null);
            IoUtils.safeClose(connection); // at once: Undertow's own close would wait on the input again
            next.proceed(); // the rest of Undertow's end of a non-persistent connection
        }
    }
}
