package io.tollgate.bootstrap.lifecycle;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a running node's status API ({@code status_listen}, Kong's status API) answers, as the node publishes it in
 * {@code <prefix>/pids/tollgate.status} once its listeners are bound: {@code tollgate drain} and {@code unready}
 * send their request there, as Kong's {@code kong drain} reads the running node's {@code status_listen}.
 */
public sealed interface StatusApi {

    /** The node has no status listener ({@code status_listen = off}, the default). */
    record Off() implements StatusApi {}

    /**
     * The node's first status listener.
     *
     * @param url {@code http://host:port} or {@code https://host:port} (with {@code ssl}); a wildcard address is
     *     given as loopback
     */
    record At(URI url) implements StatusApi {
        public At {
            Objects.requireNonNull(url, "url");
        }
    }

    /** The file's one line: the URL, or {@code off}. */
    default String encode() {
        return switch (this) {
            case Off off -> "off";
            case At at -> at.url().toString();
        };
    }

    /** Reads {@link #encode()}'s line; empty for anything else. */
    static Optional<StatusApi> parse(String line) {
        String text = line.strip();
        if (text.equals("off")) {
            return Optional.of(new Off());
        }
        if (text.startsWith("http://") || text.startsWith("https://")) {
            try {
                return Optional.of(new At(URI.create(text)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
