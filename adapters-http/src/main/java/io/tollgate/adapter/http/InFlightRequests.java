package io.tollgate.adapter.http;

import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the requests a root handler is serving, so that a graceful stop ({@link HttpServer#stop}) can wait for them
 * to finish. Unlike Undertow's {@code GracefulShutdownHandler} it never refuses a request: while a node drains, a
 * request that arrives on a connection accepted before the stop is served as usual (the stop then closes that
 * connection after the response), where nginx's graceful stop would have closed the idle connection instead. Either
 * way the client loses nothing; a 503 would reach a load balancer's client.
 *
 * <p>Cost per request: one atomic increment and decrement and one completion listener (one shared instance); the
 * lock is taken only when the count falls to zero while someone waits.
 */
final class InFlightRequests implements HttpHandler {

    private final HttpHandler next;
    private final AtomicLong active = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private volatile boolean waiting;
    private final ExchangeCompletionListener done = (exchange, nextListener) -> {
        try {
            if (active.decrementAndGet() == 0 && waiting) {
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
        active.incrementAndGet();
        exchange.addExchangeCompleteListener(done);
        next.handleRequest(exchange);
    }

    /**
     * Waits until no request is being served, for at most {@code millis} ms.
     *
     * @return {@code true} once none is, {@code false} when {@code millis} ran out first
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean awaitIdle(long millis) throws InterruptedException {
        long left = TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
        lock.lock();
        try {
            waiting = true;
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
