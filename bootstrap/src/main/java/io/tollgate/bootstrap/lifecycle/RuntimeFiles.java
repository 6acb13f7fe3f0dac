package io.tollgate.bootstrap.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The files a running node keeps under {@code <prefix>/pids} (a directory created owner-only, {@code 0700}, where the
 * file system has POSIX permissions):
 *
 * <ul>
 *   <li>{@code tollgate.pid}: the node's process id, one line, written when {@code tollgate start} begins and
 *       removed when the node exits (Kong keeps nginx's in {@code <prefix>/pids/nginx.pid});
 *   <li>{@code tollgate.admin}: the URL {@code tollgate health} asks {@code /status} at, written once the listeners
 *       are bound;
 *   <li>{@code tollgate.status}: where the status API answers, or {@code off} ({@link StatusApi}), written once the
 *       listeners are bound, for {@code tollgate drain} and {@code unready};
 *   <li>{@code tollgate.control}: dropped by {@code tollgate stop} or {@code quit} ({@link ShutdownRequest}); the
 *       node polls for it ({@link ControlWatcher}) and removes it;
 *   <li>{@code tollgate.reload} and {@code tollgate.reloaded}: a {@code tollgate reload} request ({@link ReloadRequest})
 *       and the node's answer ({@link ReloadReply}).
 * </ul>
 *
 * <p>Why a control file and not a signal: Java can send SIGTERM/SIGKILL to another process
 * ({@link ProcessHandle#destroy()}) but no other signal (no SIGQUIT for a graceful quit), and cannot tell inside the
 * JVM which signal started a shutdown. A file under an owner-only directory needs no open port and no token, works
 * the same on every OS, and only whoever may write the prefix (the node's owner or root) can stop the node. Files are
 * written to a temporary name first and moved into place, so a reader never sees half a file.
 */
public final class RuntimeFiles {
    private final Path prefix;
    private final Path directory;

    private RuntimeFiles(Path prefix) {
        this.prefix = prefix.toAbsolutePath().normalize();
        this.directory = this.prefix.resolve("pids");
    }

    /** The runtime files of the node whose {@code prefix} this is (relative paths resolve against the working dir). */
    public static RuntimeFiles of(Path prefix) {
        return new RuntimeFiles(prefix);
    }

    /** The absolute, normalised prefix. */
    public Path prefix() {
        return prefix;
    }

    /** {@code <prefix>/pids/tollgate.pid}. */
    public Path pidFile() {
        return directory.resolve("tollgate.pid");
    }

    /** {@code <prefix>/pids/tollgate.admin}. */
    public Path adminFile() {
        return directory.resolve("tollgate.admin");
    }

    /** {@code <prefix>/pids/tollgate.status}. */
    public Path statusFile() {
        return directory.resolve("tollgate.status");
    }

    /** {@code <prefix>/pids/tollgate.control}. */
    public Path controlFile() {
        return directory.resolve("tollgate.control");
    }

    /** {@code <prefix>/pids/tollgate.reload}. */
    public Path reloadFile() {
        return directory.resolve("tollgate.reload");
    }

    /** {@code <prefix>/pids/tollgate.reloaded}. */
    public Path reloadReplyFile() {
        return directory.resolve("tollgate.reloaded");
    }

    /** Drops the file that asks the running node to reload its configuration. */
    public void request(ReloadRequest request) {
        createDirectory();
        write(reloadFile(), request.encode());
    }

    /** Reads and removes the reload request file; empty when there is none or it holds no valid request. */
    public Optional<ReloadRequest> takeReload() {
        Optional<String> text = read(reloadFile());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        delete(reloadFile());
        return ReloadRequest.parse(text.get());
    }

    /** Writes the node's answer to a reload request (replacing an earlier answer). */
    public void reply(ReloadReply reply) {
        write(reloadReplyFile(), reply.encode());
    }

    /** The node's answer to the reload request {@code id}, once written. */
    public Optional<ReloadReply> reloadReply(String id) {
        return read(reloadReplyFile())
                .flatMap(ReloadReply::parse)
                .filter(reply -> reply.id().equals(id));
    }

    /**
     * The live process the pid file names, if any: empty when there is no pid file, it does not hold a number, or
     * no process with that id is alive (a stale file left by a killed node).
     */
    public Optional<ProcessHandle> runningProcess() {
        return read(pidFile())
                .flatMap(text -> {
                    try {
                        return ProcessHandle.of(Long.parseLong(text.strip()));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                })
                .filter(ProcessHandle::isAlive);
    }

    /**
     * Claims the prefix for this process: writes the pid file (replacing a stale one) and removes a leftover control
     * file.
     *
     * @throws AlreadyRunning when another live process holds the pid file
     * @throws UncheckedIOException when the files cannot be written
     */
    public void claim() {
        long self = ProcessHandle.current().pid();
        Optional<ProcessHandle> running = runningProcess().filter(p -> p.pid() != self);
        if (running.isPresent()) {
            throw new AlreadyRunning("Tollgate is already running at " + prefix + " (pid "
                    + running.get().pid() + ")");
        }
        createDirectory();
        delete(controlFile());
        delete(adminFile());
        delete(statusFile());
        delete(reloadFile());
        delete(reloadReplyFile());
        write(pidFile(), Long.toString(self));
    }

    /** Records where {@code tollgate health} finds the Admin API. */
    public void publishAdmin(URI admin) {
        write(adminFile(), admin.toString());
    }

    /** The Admin API URL the running node published, if any. */
    public Optional<URI> admin() {
        return read(adminFile()).map(String::strip).filter(s -> !s.isEmpty()).map(URI::create);
    }

    /** Records where {@code tollgate drain} and {@code unready} find the status API (or that there is none). */
    public void publishStatus(StatusApi status) {
        write(statusFile(), status.encode());
    }

    /** What the running node published about its status API; empty before its listeners are bound. */
    public Optional<StatusApi> statusApi() {
        return read(statusFile()).flatMap(StatusApi::parse);
    }

    /** Drops the control file that asks the running node for {@code request}. */
    public void request(ShutdownRequest request) {
        createDirectory();
        write(controlFile(), request.encode());
    }

    /** Reads and removes the control file; empty when there is none or it holds no valid request. */
    public Optional<ShutdownRequest> takeRequest() {
        Optional<String> text = read(controlFile());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        delete(controlFile());
        return ShutdownRequest.parse(text.get());
    }

    /** Removes the pid, admin, status, control and reload files (the node has stopped). Never throws. */
    public void release() {
        for (Path file :
                new Path[] {controlFile(), adminFile(), statusFile(), reloadFile(), reloadReplyFile(), pidFile()}) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // best effort: a stale file is recognised as stale by runningProcess()
            }
        }
    }

    /**
     * Creates the prefix and its {@code pids} directory (owner-only, {@code 0700}, where the file system has POSIX
     * permissions) if missing; {@code tollgate prepare} and every request file need it.
     *
     * @throws UncheckedIOException when a directory cannot be created
     */
    public void createDirectory() {
        try {
            if (Files.isDirectory(directory)) {
                return;
            }
            if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(directory.getParent());
                try {
                    Files.createDirectory(
                            directory,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (FileAlreadyExistsException raced) {
                    // another process created it meanwhile
                }
            } else {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory + ": " + e.getMessage(), e);
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String line) {
        try {
            Path temporary =
                    Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(temporary, line + "\n", StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }

    /** Another live process already runs a node on this prefix. */
    public static final class AlreadyRunning extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        AlreadyRunning(String message) {
            super(message);
        }
    }
}
