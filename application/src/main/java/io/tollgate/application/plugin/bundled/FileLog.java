package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.application.plugin.spi.JsonCodec;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.RecordSchema;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Kong's {@code file-log} (priority 9): in {@code log}, appends Kong's log serializer object as one JSON line to
 * {@code path} (created when missing, mode as the process's umask allows). The file stays open between requests; with
 * {@code reopen} it is closed and opened again before every line, so a rotated file is picked up. Lines from concurrent
 * requests never interleave (one lock per file, held only by log-phase virtual threads). A file that cannot be
 * opened is logged as Kong's {@code [file-log] failed to open the file: <strerror>} (with the path), and the response
 * is not affected. {@code custom_fields_by_lua} is applied when its code returns a constant or a PDK getter
 * ({@link CustomFields}).
 */
public final class FileLog implements TollgatePlugin {

    private static final System.Logger LOG = System.getLogger(FileLog.class.getName());

    static final PluginDefinition DEFINITION = new PluginDefinition(
            "file-log",
            9,
            PluginCatalog.VERSION,
            RecordSchema.of(
                    string("path").required().rule(FileLog::validPath),
                    bool("reopen").required().defaultValue(false),
                    LogPluginSchemas.customFieldsByLua()),
            false);

    @Override
    public PluginDefinition definition() {
        return DEFINITION;
    }

    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        return new Handler(environment.json());
    }

    /** Kong's rule: no {@code *}, {@code &}, {@code %}, {@code \} or back-quote; "not a valid filename". */
    private static Optional<String> validPath(Object value) {
        String path = (String) value;
        return path.isEmpty() || path.chars().anyMatch(c -> "*&%\\`".indexOf(c) >= 0)
                ? Optional.of("not a valid filename")
                : Optional.empty();
    }

    /** The node's handler: open files by path, one lock each. */
    static final class Handler implements PluginHandler {

        private final JsonCodec json;
        private final ConcurrentMap<String, OpenFile> files = new ConcurrentHashMap<>();

        Handler(JsonCodec json) {
            this.json = json;
        }

        @Override
        public void log(PluginContext context, PluginConfig config) {
            byte[] entry = json.write(CustomFields.logEntry(context, config));
            ByteBuffer line = ByteBuffer.allocate(entry.length + 1)
                    .put(entry)
                    .put((byte) '\n')
                    .flip();
            String path = config.string("path", "");
            files.computeIfAbsent(path, OpenFile::new).append(line, config.bool("reopen", false));
        }
    }

    /**
     * One log file: its channel and the lock its writers take. As Kong's, the channel stays open after a line; with
     * {@code reopen} it is closed and opened again before the next line (so a channel opened with {@code reopen} is
     * kept by a configuration of the same path without it, which then writes to a file deleted meanwhile).
     */
    private static final class OpenFile {
        private final String name;
        private final Path path;
        private final ReentrantLock lock = new ReentrantLock();
        private FileChannel channel;

        OpenFile(String path) {
            this.name = path;
            this.path = Path.of(path);
        }

        void append(ByteBuffer line, boolean reopen) {
            lock.lock();
            try {
                if (reopen) {
                    closeQuietly();
                }
                if (channel == null || !channel.isOpen()) {
                    try {
                        channel = open();
                    } catch (IOException e) {
                        LOG.log(Level.ERROR, "[file-log] failed to open the file: " + reason(e) + " (" + name + ")");
                        return;
                    }
                }
                while (line.hasRemaining()) {
                    channel.write(line);
                }
            } catch (IOException e) {
                LOG.log(Level.ERROR, "[file-log] failed to write to " + name + ": " + e);
                closeQuietly();
            } finally {
                lock.unlock();
            }
        }

        /** {@code open(2)} with {@code O_WRONLY | O_CREAT | O_APPEND}, a trailing slash included (a Path drops it). */
        private FileChannel open() throws IOException {
            if (name.endsWith("/")) {
                throw new FileSystemException(
                        name, null, Files.isRegularFile(path) ? "Not a directory" : "Is a directory");
            }
            return FileChannel.open(
                    path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }

        /** The {@code strerror} text Kong logs for a failed open. */
        private static String reason(IOException e) {
            return switch (e) {
                case NoSuchFileException ignored -> "No such file or directory";
                case AccessDeniedException ignored -> "Permission denied";
                case FileSystemException f when f.getReason() != null -> f.getReason();
                default -> String.valueOf(e.getMessage());
            };
        }

        private void closeQuietly() {
            try {
                if (channel != null) {
                    channel.close();
                }
            } catch (IOException ignored) {
                // already failing
            }
            channel = null;
        }
    }
}
