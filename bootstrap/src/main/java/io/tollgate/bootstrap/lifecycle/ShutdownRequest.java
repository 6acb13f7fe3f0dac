package io.tollgate.bootstrap.lifecycle;

import java.time.Duration;
import java.util.Optional;

/**
 * What a command asks a running node through its control file ({@link RuntimeFiles#controlFile()}): Kong's
 * {@code kong stop} (nginx's SIGTERM, fast) or {@code kong quit} (nginx's SIGQUIT, graceful). Encoded as one line:
 * {@code stop} or {@code quit <timeout in ms>}.
 */
public sealed interface ShutdownRequest {

    /**
     * How long requests in flight may run on after the listeners stop accepting new ones ({@link Duration#ZERO}
     * for a stop).
     */
    Duration timeout();

    /** The control file's one line for this request. */
    String encode();

    /** {@code tollgate stop}: stop now; requests in flight are cut. */
    record Stop() implements ShutdownRequest {
        @Override
        public Duration timeout() {
            return Duration.ZERO;
        }

        @Override
        public String encode() {
            return "stop";
        }
    }

    /**
     * {@code tollgate quit} (or SIGTERM/SIGINT): stop accepting, let requests in flight finish for up to
     * {@code timeout}, then stop.
     *
     * @param timeout not negative
     */
    record Quit(Duration timeout) implements ShutdownRequest {
        public Quit {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
            }
        }

        @Override
        public String encode() {
            return "quit " + timeout.toMillis();
        }
    }

    /**
     * Reads a control file's content.
     *
     * @return the request, or empty when {@code line} is neither {@code stop} nor {@code quit <ms>}
     */
    static Optional<ShutdownRequest> parse(String line) {
        String[] words = line.strip().split("\\s+");
        if (words.length == 1 && words[0].equals("stop")) {
            return Optional.of(new Stop());
        }
        if (words.length == 2 && words[0].equals("quit")) {
            try {
                long ms = Long.parseLong(words[1]);
                return ms < 0 ? Optional.empty() : Optional.of(new Quit(Duration.ofMillis(ms)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
