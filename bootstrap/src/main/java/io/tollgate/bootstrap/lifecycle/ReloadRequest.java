package io.tollgate.bootstrap.lifecycle;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * What {@code tollgate reload} asks a running node through {@link RuntimeFiles#reloadFile()}: re-read the configuration
 * (from {@code file}, else the file the node started with) and apply what can change at run time. The node answers in
 * {@link RuntimeFiles#reloadReplyFile()} with a {@link ReloadReply} carrying the same {@code id}.
 *
 * @param id pairs the reply with this request (a random UUID)
 * @param file the configuration file to read instead of the node's own, absolute; empty for the node's own
 */
public record ReloadRequest(String id, Optional<Path> file) {

    /** A new request with a random id. */
    public static ReloadRequest of(Optional<Path> file) {
        return new ReloadRequest(
                UUID.randomUUID().toString(), file.map(f -> f.toAbsolutePath().normalize()));
    }

    /** The request file's text: {@code reload <id>}, then {@code file <path>} when a file is given. */
    String encode() {
        return "reload " + id + file.map(f -> "\nfile " + f).orElse("");
    }

    /** Reads a request file's text; empty when it is not a reload request. */
    static Optional<ReloadRequest> parse(String text) {
        String[] lines = text.strip().split("\n", 2);
        if (!lines[0].startsWith("reload ") || lines[0].length() <= 7) {
            return Optional.empty();
        }
        Optional<Path> file = lines.length == 2 && lines[1].startsWith("file ")
                ? Optional.of(Path.of(lines[1].substring(5).strip()))
                : Optional.empty();
        return Optional.of(new ReloadRequest(lines[0].substring(7).strip(), file));
    }
}
