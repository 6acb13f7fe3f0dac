package io.tollgate.bootstrap.lifecycle;

import io.tollgate.application.timer.NodeTimers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a node's control file ({@link RuntimeFiles#controlFile()}) every {@value #POLL_MS} ms on a daemon thread and
 * completes {@link #requests()} with the first request found; the shutdown hook completes the same future on
 * SIGTERM/SIGINT, so the node has one way to learn that it must stop. Reload requests found there are answered by the
 * handler given to {@link #onReload}.
 */
public final class ControlWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlWatcher.class);
    private static final long POLL_MS = 100;

    private final CompletableFuture<ShutdownRequest> requests = new CompletableFuture<>();
    private volatile @Nullable Function<ReloadRequest, ReloadReply> reloads;
    private final ScheduledExecutorService poller = NodeTimers.scheduler("tollgate-control");

    /** Starts polling {@code files}' control file. */
    public ControlWatcher(RuntimeFiles files) {
        poller.scheduleWithFixedDelay(
                () -> {
                    try {
                        files.takeRequest().ifPresent(requests::complete);
                        Function<ReloadRequest, ReloadReply> handler = reloads;
                        if (handler != null) {
                            files.takeReload().map(handler).ifPresent(files::reply);
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("cannot read the control file {}: {}", files.controlFile(), e.getMessage());
                    }
                },
                0,
                POLL_MS,
                TimeUnit.MILLISECONDS);
    }

    /** The first shutdown request (from the control file or {@link #request}); completes once. */
    public CompletableFuture<ShutdownRequest> requests() {
        return requests;
    }

    /**
     * Starts answering {@code tollgate reload} requests with {@code handler} (on the polling thread; until then a
     * request waits in its file). The handler must not throw.
     */
    public void onReload(Function<ReloadRequest, ReloadReply> handler) {
        this.reloads = handler;
    }

    /** Asks for a shutdown from inside the JVM (the shutdown hook); ignored when a request came first. */
    public void request(ShutdownRequest request) {
        requests.complete(request);
    }

    /** A convenience for the shutdown hook: a graceful quit with {@code timeout}. */
    public void quit(Duration timeout) {
        request(new ShutdownRequest.Quit(timeout));
    }

    /**
     * Runs {@code task} once after {@code delay} on the polling thread (a rare, short node timer such as the dynamic
     * log level's return; a delay past {@code Long.MAX_VALUE} ms waits that long). The task must not block.
     *
     * @return what cancels the task if it has not run yet
     */
    public Runnable schedule(Runnable task, Duration delay) {
        long millis;
        try {
            millis = delay.toMillis();
        } catch (ArithmeticException e) {
            millis = Long.MAX_VALUE;
        }
        var scheduled = poller.schedule(task, millis, TimeUnit.MILLISECONDS);
        return () -> scheduled.cancel(false);
    }

    /** Stops polling. */
    @Override
    public void close() {
        poller.shutdownNow();
    }
}
