package io.tollgate.adapter.http;

import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Protocols;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the requests a root handler is serving and holds its drain state, so that a graceful stop
 * ({@link HttpServer#stop}) can wait for them to finish. Unlike Undertow's {@code GracefulShutdownHandler} it never
 * refuses an HTTP/1 request: once {@link #drain()} was called, a request that arrives on a connection accepted before
 * the stop is served as usual with its connection closed after the response ({@code Connection: close}, as nginx
 * turns keep-alive off when it quits), so the client reconnects, is refused, and goes to another node; nginx would
 * have closed the idle connection instead. Either way the client loses nothing; a 503 would reach a load balancer's
 * client. An HTTP/2 stream begun while draining is answered {@code 503} and not counted: its connection cannot be
 * closed after one response (Undertow's GOAWAY closes the connection at once, cutting the streams in flight), and
 * serving every new stream could keep a busy multiplexed connection from ever draining.
 *
 * <p>Cost per request: one volatile read, one atomic increment and decrement and one completion listener (one shared
 * instance); the lock is taken only when the count falls to zero while draining.
 */
final class InFlightRequests implements HttpHandler {

    private final HttpHandler next;
    private final AtomicLong active = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private volatile boolean draining;
    private final ExchangeCompletionListener done = (exchange, nextListener) -> {
        try {
            if (active.decrementAndGet() == 0 && draining) {
                signalIdle();
            }
        } finally {
            nextListener.proceed();
        }
    };

    InFlightRequests(HttpHandler next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (draining) {
            if (exchange.getProtocol().equals(Protocols.HTTP_2_0)) {
                exchange.setStatusCode(503);
                exchange.endExchange();
                return;
            }
            exchange.setPersistent(false);
        }
        active.incrementAndGet();
        exchange.addExchangeCompleteListener(done);
        next.handleRequest(exchange);
    }

    /**
     * Begins draining: from now on no HTTP/1 connection is kept alive after its response and a new HTTP/2 stream is
     * answered {@code 503}. Idempotent; there is no way back (a stopped server is not restarted).
     */
    void drain() {
        draining = true;
    }

    /**
     * Waits until no request is being served, for at most {@code millis} ms; call {@link #drain()} first, or requests
     * keep arriving on keep-alive connections.
     *
     * @return {@code true} once none is, {@code false} when {@code millis} ran out first
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean awaitIdle(long millis) throws InterruptedException {
        long left = TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
        lock.lock();
        try {
            while (active.get() > 0) {
                if (left <= 0) {
                    return false;
                }
                left = idle.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void signalIdle() {
        lock.lock();
        try {
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
