package io.tollgate.adapter.http.admin;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Tollgate's throttle of failed Admin API logins ({@code admin_auth}; Kong has none): a client address that presented
 * refused credentials {@value #LIMIT} times within a {@value #WINDOW_SECONDS}-second window is refused until the
 * window ends, before its credentials are checked (so a guessing client costs no password hashing). The window starts
 * at an address's first failure. Requests without credentials do not count. Memory is bounded: at most
 * {@value #MAX_ADDRESSES} addresses are tracked (expired windows are pruned first; beyond that, new addresses are not
 * tracked). Thread-safe.
 */
final class FailedLogins {

    /** Failures an address may have within one window. */
    static final int LIMIT = 10;

    static final long WINDOW_SECONDS = 60;
    static final int MAX_ADDRESSES = 100_000;

    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(WINDOW_SECONDS);

    private record Window(long startNanos, int failures) {}

    private final ConcurrentMap<InetAddress, Window> windows = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    /** @param clock {@link System#nanoTime()} or a test's clock, in nanoseconds */
    FailedLogins(LongSupplier clock) {
        this.clock = clock;
    }

    FailedLogins() {
        this(System::nanoTime);
    }

    /** Whole seconds (at least 1) until {@code address} may try again, or 0 when it may try now. */
    long retryAfterSeconds(InetAddress address) {
        Window window = windows.get(address);
        if (window == null || window.failures() < LIMIT) {
            return 0;
        }
        long left = window.startNanos() + WINDOW_NANOS - clock.getAsLong();
        return left <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(left + 999_999_999L));
    }

    /** Counts one refused login from {@code address}. */
    void failed(InetAddress address) {
        long now = clock.getAsLong();
        if (!windows.containsKey(address) && windows.size() >= MAX_ADDRESSES) {
            windows.values().removeIf(w -> now - w.startNanos() >= WINDOW_NANOS);
            if (windows.size() >= MAX_ADDRESSES) {
                return;
            }
        }
        windows.compute(
                address,
                (a, w) -> w == null || now - w.startNanos() >= WINDOW_NANOS
                        ? new Window(now, 1)
                        : new Window(w.startNanos(), w.failures() + 1));
    }
}
