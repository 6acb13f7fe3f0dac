package io.tollgate.bootstrap.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the process's standard error is a terminal, for output meant only for a person watching it. */
final class StandardError {

    private StandardError() {}

    /**
     * {@code true} when file descriptor 2 is a terminal device: on Linux, when {@code /proc/self/fd/2} links to a
     * {@code /dev/pts/N} or {@code /dev/ttyX} device; {@code false} elsewhere and whenever it cannot be told (a file,
     * a pipe, a test's redirection).
     */
    static boolean isTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
