package io.tollgate.adapter.http.gui;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin GUI listeners' handler, serving a Kong Manager build the way Kong's nginx does, under
 * {@code admin_gui_path} ({@code P} below, {@code ""} for {@code /}):
 * <ul>
 * <li>{@code GET P/kconfig.js}: {@link KongManagerConfig}, {@code application/javascript}, never cached;</li>
 * <li>{@code GET P/robots.txt}: {@code User-agent: *\nDisallow: /};</li>
 * <li>{@code GET P/<file>}: the file under {@code admin_gui_dir}, with its content type; an asset ({@code .js},
 * {@code .css}, images, fonts) is cacheable for 90 days, and a missing one is 404;</li>
 * <li>any other path under {@code P} (the app's client-side routes): {@code index.html}, never cached.</li>
 * </ul>
 * In text files ({@code html}, {@code js}, {@code css}, {@code json}, {@code svg}, {@code txt}) Kong's build marker
 * {@code /__km_base__/} is replaced by {@code P/}, as Kong's {@code sub_filter} does.
 *
 * <p>Tollgate's console ({@link ConsoleFiles}, packed into the jar) is served under {@code P/console}: its files
 * by name (the hashed ones under {@code assets/} cacheable for a year, {@code immutable}), a missing asset 404, and
 * any other path below (the console's deep links) its {@code index.html}, never cached. When the directory has no
 * {@code index.html} (no Kong Manager installed), the GUI's other pages answer the console's {@code index.html} too;
 * only a jar built without the console answers a short HTML page saying how to install Kong Manager. A path with a
 * {@code .} or {@code ..} segment, a backslash, a NUL or an encoded slash or backslash is refused with
 * 400, and a file is served only if its real
 * path is inside the directory (no escape through symbolic links). Paths outside {@code P} are 404; methods other
 * than {@code GET} and {@code HEAD} are 405. Responses carry Kong's {@code X-Frame-Options: sameorigin} and
 * {@code X-Content-Type-Options: nosniff}. Files are read on a worker thread, never on an I/O thread.
 */
public final class AdminGui {

    private static final Logger LOG = LoggerFactory.getLogger(AdminGui.class);
    private static final String BASE_MARKER = "/__km_base__/";
    private static final Set<String> ASSETS = Set.of("jpg", "jpeg", "png", "gif", "svg", "ico", "css", "ttf", "js");
    private static final Set<String> TEXT = Set.of("html", "htm", "js", "mjs", "css", "json", "svg", "txt", "map");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("js", "application/javascript; charset=utf-8"),
            Map.entry("mjs", "application/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("wasm", "application/wasm"));
    private static final String NO_CACHE = "no-store, no-cache, must-revalidate, proxy-revalidate, max-age=0";
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    /** The path, below {@code admin_gui_path}, Tollgate's console is served under. */
    static final String CONSOLE = "/console";

    private final AdminGuiSettings settings;
    private final Supplier<KongManagerConfig> config;
    private final Path dir;
    private final ConsoleFiles console;

    /**
     * @param settings where the GUI is served and its directory
     * @param config the {@code kconfig.js} fields, asked at each request (the Admin API's bound ports are known only
     *     once the server started)
     */
    public AdminGui(AdminGuiSettings settings, Supplier<KongManagerConfig> config) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.config = Objects.requireNonNull(config, "config");
        this.dir = settings.dir().toAbsolutePath().normalize();
        this.console = new ConsoleFiles(settings.prefix(), AdminGui.class.getClassLoader());
    }

    /** The root handler for the {@code admin_gui_listen} listeners. */
    public HttpHandler handler() {
        return new BlockingHandler(this::serve);
    }

    private void serve(HttpServerExchange exchange) throws IOException {
        exchange.getResponseHeaders()
                .put(new HttpString("X-Frame-Options"), "sameorigin")
                .put(new HttpString("X-Content-Type-Options"), "nosniff");
        String method = exchange.getRequestMethod().toString();
        String path = exchange.getRequestPath();
        String prefix = settings.prefix();
        if (!path.equals(prefix) && !path.startsWith(prefix + "/")) {
            text(exchange, 404, "Not Found\n");
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET, HEAD");
            text(exchange, 405, "Method Not Allowed\n");
            return;
        }
        String relative = path.substring(prefix.length());
        if (!safe(relative)) {
            text(exchange, 400, "Bad Request\n");
            return;
        }
        switch (relative) {
            case "/kconfig.js" -> {
                exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
                send(exchange, 200, TYPES.get("js"), config.get().script().getBytes(StandardCharsets.UTF_8));
                return;
            }
            case "/robots.txt" -> {
                text(exchange, 200, "User-agent: *\nDisallow: /");
                return;
            }
            default -> {
                // the files below
            }
        }
        if (relative.equals(CONSOLE) || relative.startsWith(CONSOLE + "/")) {
            console(exchange, relative.substring(CONSOLE.length()));
            return;
        }
        @Nullable Path file = relative.length() <= 1 ? null : inside(relative.substring(1));
        if (file != null && Files.isRegularFile(file)) {
            boolean asset = ASSETS.contains(extension(file));
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, asset ? "public, max-age=7776000" : NO_CACHE);
            file(exchange, file);
            return;
        }
        if (ASSETS.contains(extension(Path.of(relative.isEmpty() ? "/" : relative)))) {
            text(exchange, 404, "Not Found\n");
            return;
        }
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, NO_CACHE);
        @Nullable Path index = inside("index.html");
        if (index != null && Files.isRegularFile(index)) {
            file(exchange, index);
        } else {
            consoleIndex(exchange);
        }
    }

    /** {@code rest}: the path below {@code P/console}, {@code ""} or {@code /…}. */
    private void console(HttpServerExchange exchange, String rest) {
        String name = rest.length() <= 1 ? "" : rest.substring(1);
        byte @Nullable [] body = name.isEmpty() ? null : console.file(name);
        String extension = name.isEmpty() ? "" : extension(Path.of(name));
        if (body != null) {
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, name.startsWith("assets/") ? IMMUTABLE : NO_CACHE);
            send(exchange, 200, TYPES.getOrDefault(extension, "application/octet-stream"), body);
        } else if (ASSETS.contains(extension) || name.startsWith("assets/")) {
            text(exchange, 404, "Not Found\n");
        } else {
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, NO_CACHE);
            consoleIndex(exchange);
        }
    }

    private void consoleIndex(HttpServerExchange exchange) {
        byte @Nullable [] index = console.file("index.html");
        send(
                exchange,
                200,
                TYPES.get("html"),
                index != null ? index : notInstalled().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * No {@code .}/{@code ..} segment, backslash, NUL or encoded separator ({@code %2F}, {@code %5C}, which Undertow
     * leaves encoded): the path cannot climb out of the directory.
     */
    static boolean safe(String relative) {
        String lower = relative.toLowerCase(Locale.ROOT);
        if (relative.indexOf('\\') >= 0
                || relative.indexOf('\0') >= 0
                || lower.contains("%2f")
                || lower.contains("%5c")) {
            return false;
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return false;
            }
        }
        return true;
    }

    /** The file at {@code relative} when its real location is inside the directory, else {@code null}. */
    private @Nullable Path inside(String relative) {
        Path file = dir.resolve(relative).normalize();
        if (!file.startsWith(dir)) {
            return null;
        }
        try {
            return Files.exists(file) && !file.toRealPath().startsWith(dir.toRealPath()) ? null : file;
        } catch (IOException e) {
            return null;
        }
    }

    private void file(HttpServerExchange exchange, Path file) throws IOException {
        String extension = extension(file);
        byte[] body = Files.readAllBytes(file);
        if (TEXT.contains(extension)) {
            String text = new String(body, StandardCharsets.UTF_8);
            if (text.contains(BASE_MARKER)) {
                body = text.replace(BASE_MARKER, settings.prefix() + "/").getBytes(StandardCharsets.UTF_8);
            }
        }
        send(exchange, 200, TYPES.getOrDefault(extension, "application/octet-stream"), body);
    }

    private String notInstalled() {
        return "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Tollgate</title></head><body>\n"
                + "<h1>Kong Manager is not installed</h1>\n"
                + "<p>This Tollgate node serves a Kong Manager build from <code>" + html(dir.toString())
                + "</code> (the <code>admin_gui_dir</code> property), which has no <code>index.html</code>.</p>\n"
                + "<p>Build Kong Manager (<code>pnpm install &amp;&amp; pnpm build</code> in a checkout of"
                + " github.com/Kong/kong-manager) and copy the contents of its <code>dist</code> directory there;"
                + " no restart is needed. The Admin API it calls is described in the README's"
                + " \"Kong Manager\" section.</p>\n</body></html>\n";
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String extension(Path file) {
        Path name = file.getFileName();
        String text = name == null ? "" : name.toString();
        int dot = text.lastIndexOf('.');
        return dot < 0 ? "" : text.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static void text(HttpServerExchange exchange, int status, String body) {
        send(exchange, status, TYPES.get("txt"), body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpServerExchange exchange, int status, String type, byte[] body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        if (exchange.getRequestMethod().toString().equals("HEAD")) {
            exchange.endExchange();
            return;
        }
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
        LOG.trace("served {} {} bytes", exchange.getRequestPath(), body.length);
    }
}
