package io.tollgate.adapter.http.gui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Tollgate's console: the files of its build, packed into the jar under {@code io/tollgate/console/} by the Maven
 * build of this module (sources in {@code src/main/console}), read from the class path and kept in memory once read.
 *
 * <p>The build refers to where it is served with two markers, replaced in its text files as they are read:
 * {@code /__console_base__/} by {@code P/console/} and {@code /__gui_base__/} by {@code P/}, where {@code P} is the
 * GUI's path prefix ({@code ""} for {@code admin_gui_path = /}), so one build serves under any {@code admin_gui_path}.
 */
final class ConsoleFiles {

    /** Where the console's build is on the class path. */
    static final String ROOT = "io/tollgate/console/";

    private static final byte[] MISSING = new byte[0];

    private final String prefix;
    private final ClassLoader loader;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    /**
     * @param prefix the GUI's path prefix: {@code ""} or {@code /segment[/segment…]}
     * @param loader where the build is
     */
    ConsoleFiles(String prefix, ClassLoader loader) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    /** Whether the jar carries a console build (it does unless built with {@code -Dconsole.skip}). */
    boolean present() {
        return file("index.html") != null;
    }

    /**
     * The file at {@code relative} (a path below the build's root, already checked by {@link AdminGui#safe}, whose
     * last segment has an extension), with the markers replaced in text files; {@code null} when the build has none.
     */
    byte @Nullable [] file(String relative) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        if (name.indexOf('.') <= 0) {
            return null;
        }
        byte[] body = files.computeIfAbsent(relative, this::read);
        return body == MISSING ? null : body;
    }

    private byte[] read(String relative) {
        try (InputStream in = loader.getResourceAsStream(ROOT + relative)) {
            if (in == null) {
                return MISSING;
            }
            byte[] body = in.readAllBytes();
            if (!(relative.endsWith(".html") || relative.endsWith(".js") || relative.endsWith(".css"))) {
                return body;
            }
            return new String(body, StandardCharsets.UTF_8)
                    .replace("/__console_base__/", prefix + AdminGui.CONSOLE + "/")
                    .replace("/__gui_base__/", prefix + "/")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's " + relative, e);
        }
    }
}
