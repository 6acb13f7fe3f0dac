package io.tollgate.bootstrap.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * A node's stable id in the cluster (Kong's {@code node_id}): the configured {@code node_id} when set, else the UUID
 * kept in {@code <prefix>/tollgate.id} (Kong keeps {@code <prefix>/kong.id}), written with a random UUID the first
 * time a node starts on the prefix and read back at every later start, so a restarted node comes back as the same
 * member. The file holds the UUID on one line; it is written under a temporary name and moved into place, so a
 * reader never sees half of it.
 */
public final class NodeIdentity {

    /** The file under the prefix that keeps the node id. */
    public static final String FILE = "tollgate.id";

    private NodeIdentity() {}

    /**
     * The node id: {@code configured} when present (the file is then neither read nor written), else the one in
     * {@code <prefix>/tollgate.id}, created with a random UUID when missing.
     *
     * @throws IllegalStateException when the file exists but does not hold a UUID
     * @throws UncheckedIOException when the file cannot be read or written
     */
    public static UUID resolve(Path prefix, Optional<UUID> configured) {
        if (configured.isPresent()) {
            return configured.get();
        }
        Path file = prefix.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the node id in " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(FILE + "." + ProcessHandle.current().pid() + ".new");
        Files.writeString(partial, UUID.randomUUID() + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            Files.deleteIfExists(partial); // another process created it first: keep theirs
        }
    }

    private static UUID read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        try {
            if (text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalStateException("invalid node id in " + file + ": \"" + text
                + "\" is not a UUID (delete the file to get a new id, or set node_id)");
    }
}
