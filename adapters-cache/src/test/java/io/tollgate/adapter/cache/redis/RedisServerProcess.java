package io.tollgate.adapter.cache.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

/**
 * A real {@code redis-server} (Debian's package, installed by {@code bin/test}) on a free loopback port, without
 * persistence, in a directory of its own; started by {@link #start}, ready once it answers {@code PING}. It can be
 * {@linkplain #stop() stopped} and {@linkplain #restart() started again} on the same port (an outage), and is killed
 * by {@link #close()}. For the integration tests of any module.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(20);

    private final Path dir;
    private final int port;
    private final @Nullable String password;
    private final int tlsPort;
    private final String @Nullable [] tls;
    private @Nullable Process process;

    private RedisServerProcess(Path dir, int port, @Nullable String password, int tlsPort, String @Nullable [] tls) {
        this.dir = dir;
        this.port = port;
        this.password = password;
        this.tlsPort = tlsPort;
        this.tls = tls;
    }

    /** A server without password. */
    public static RedisServerProcess start(Path dir) throws IOException {
        return start(dir, null);
    }

    /**
     * @param dir a directory for the server's files (it writes none but its working directory is here)
     * @param password the server's {@code requirepass}, or {@code null} for none
     */
    public static RedisServerProcess start(Path dir, @Nullable String password) throws IOException {
        RedisServerProcess server = new RedisServerProcess(Files.createDirectories(dir), freePort(), password, 0, null);
        server.restart();
        return server;
    }

    /**
     * A server without password that also speaks TLS on {@link #tlsPort()} (clients are not asked for a certificate).
     *
     * @param cert the server certificate's PEM file
     * @param key its private key's PEM file
     */
    public static RedisServerProcess startWithTls(Path dir, Path cert, Path key) throws IOException {
        String[] tls = {"--tls-cert-file", cert.toString(), "--tls-key-file", key.toString(), "--tls-auth-clients", "no"
        };
        RedisServerProcess server =
                new RedisServerProcess(Files.createDirectories(dir), freePort(), null, freePort(), tls);
        server.restart();
        return server;
    }

    /** The loopback port it speaks TLS on, or 0 without TLS. */
    public int tlsPort() {
        return tlsPort;
    }

    /** The loopback port it listens on. */
    public int port() {
        return port;
    }

    /** Starts the server (again) on its port and waits until it answers {@code PING}. */
    public synchronized void restart() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString()));
        if (password != null) {
            command.addAll(List.of("--requirepass", password));
        }
        if (tls != null) {
            command.addAll(List.of("--tls-port", Integer.toString(tlsPort)));
            command.addAll(List.of(tls));
        }
        process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis-" + port + ".log").toFile())
                .start();
        Process started = process;
        Awaitility.await()
                .atMost(READY)
                .pollInterval(Duration.ofMillis(20))
                .ignoreExceptions()
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException(
                                "redis-server exited: " + Files.readString(dir.resolve("redis-" + port + ".log")));
                    }
                    return command("PING").startsWith("+PONG")
                            || command("PING").startsWith("-NOAUTH");
                });
    }

    /** Kills the server (an outage) and waits until it is gone; its counters are lost. */
    public synchronized void stop() throws InterruptedException {
        Process current = process;
        if (current != null) {
            current.destroyForcibly();
            current.waitFor(20, TimeUnit.SECONDS);
            process = null;
        }
    }

    /**
     * Sends one command (inline protocol, authenticated when the server has a password) and returns the first line
     * of the answer, e.g. {@code +PONG}, {@code :42}, {@code $2} for a bulk string.
     */
    public String command(String... words) throws IOException {
        return exchange(0, String.join(" ", words), 1).getFirst();
    }

    /** The value of a string key in database {@code db}, or {@code null} when it does not exist. */
    public @Nullable String get(int db, String key) throws IOException {
        List<String> answer = exchange(db, "GET " + key, 2);
        return answer.getFirst().startsWith("$-1") ? null : answer.get(1);
    }

    /** The number of keys in database {@code db} ({@code DBSIZE}). */
    public long dbsize(int db) throws IOException {
        return Long.parseLong(exchange(db, "DBSIZE", 1).getFirst().substring(1));
    }

    /** The milliseconds {@code key} of database {@code db} has left ({@code PTTL}: -1 without expiry, -2 absent). */
    public long pttl(int db, String key) throws IOException {
        return Long.parseLong(exchange(db, "PTTL " + key, 1).getFirst().substring(1));
    }

    /**
     * Sends {@code command} in database {@code db} (after {@code AUTH} when the server has a password) and reads up
     * to {@code lines} lines of its answer (fewer when the first is a nil, an error or an integer).
     */
    private List<String> exchange(int db, String command, int lines) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            StringBuilder request = new StringBuilder();
            int skip = 0;
            if (password != null) {
                request.append("AUTH ").append(password).append("\r\n");
                skip++;
            }
            if (db != 0) {
                request.append("SELECT ").append(db).append("\r\n");
                skip++;
            }
            out.write(request.append(command).append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (int i = 0; i < skip; i++) {
                readLine(in);
            }
            List<String> answer = new ArrayList<>(List.of(readLine(in)));
            while (answer.size() < lines
                    && answer.getFirst().startsWith("$")
                    && !answer.getFirst().equals("$-1")) {
                answer.add(readLine(in));
            }
            return answer;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
