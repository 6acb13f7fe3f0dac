package io.tollgate.bootstrap.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** A Tollgate node running as a separate process from the built jar, as a user runs it. */
final class NodeProcess implements AutoCloseable {

    private static final int BIND_ATTEMPTS = 3;
    private static final int FIRST_PORT = 20_000;
    private static final int PORT_RANGE = 12_000;
    private static final AtomicInteger NEXT_PORT =
            new AtomicInteger(ThreadLocalRandom.current().nextInt(PORT_RANGE));

    final String name;
    final int proxyPort;
    final int adminPort;
    /** The proxy's TLS port ({@code ssl http2}), or 0 when the node has none. */
    final int tlsPort;

    /** The settings the node was started with, {@value #FREE_PORT} replaced by the port chosen for it. */
    final Map<String, String> settings;

    private final Process process;
    private final Path log;
    private final Path conf;

    /** In a setting's value, stands for a free port chosen at each start attempt (e.g. {@code status_listen}). */
    static final String FREE_PORT = "{free_port}";

    /** In a setting's value, stands for the port of the node's (first) proxy listener (e.g. {@code port_maps}). */
    static final String PROXY_PORT = "{proxy_port}";

    /**
     * In a setting's value, stands for the port of the node's Admin API listener that {@link #admin()} names (e.g.
     * an {@code admin_listen} with more listeners than that one).
     */
    static final String ADMIN_PORT = "{admin_port}";

    /** The line a node prints once it serves (its start summary), awaited when it has no Admin API to poll. */
    private static final String STARTED = " started: proxy ";

    private NodeProcess(
            String name,
            int proxyPort,
            int adminPort,
            int tlsPort,
            Map<String, String> settings,
            Process process,
            Path log,
            Path conf) {
        this.name = name;
        this.settings = Map.copyOf(settings);
        this.proxyPort = proxyPort;
        this.adminPort = adminPort;
        this.tlsPort = tlsPort;
        this.process = process;
        this.log = log;
        this.conf = conf;
    }

    /**
     * The settings of a node on an external PostgreSQL on loopback (user, database {@code postgres}), plus
     * {@code extra} key/value pairs; a mutable map.
     */
    static Map<String, String> onPostgres(int port, String... extra) {
        Map<String, String> settings = new java.util.LinkedHashMap<>(Map.of(
                "database",
                "postgres",
                "pg_host",
                "127.0.0.1",
                "pg_port",
                String.valueOf(port),
                "pg_user",
                "postgres",
                "pg_database",
                "postgres"));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        return settings;
    }

    static NodeProcess start(String name, Path dir, Map<String, String> settings) throws Exception {
        return start(name, dir, settings, false, Map.of());
    }

    /** A node whose proxy also listens with {@code ssl http2} on {@link #tlsPort}. */
    static NodeProcess startWithTls(String name, Path dir, Map<String, String> settings) throws Exception {
        return start(name, dir, settings, true, Map.of());
    }

    /** As {@link #startWithTls}, with {@code environment} added to the node process's environment variables. */
    static NodeProcess startWithTls(
            String name, Path dir, Map<String, String> settings, Map<String, String> environment) throws Exception {
        return start(name, dir, settings, true, environment);
    }

    /**
     * Starts the node on freshly chosen ports; when a port was taken between choosing and binding it (the node exits
     * with {@code Address already in use}), tries again on new ports, at most {@value #BIND_ATTEMPTS} times.
     */
    private static NodeProcess start(
            String name, Path dir, Map<String, String> settings, boolean tls, Map<String, String> environment)
            throws Exception {
        List<String> sharing = TestJvmSharing.node();
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(name, dir, settings, tls, environment, sharing);
            } catch (PortTaken e) {
                if (attempt == BIND_ATTEMPTS) {
                    throw new IllegalStateException("node " + name + " could not bind its ports", e);
                }
            }
        }
    }

    /** A node (no TLS listener) whose JVM gets {@code jvmOptions}: {@link TestJvmSharing}'s training run. */
    static NodeProcess startWithJvmOptions(List<String> jvmOptions, String name, Path dir) throws Exception {
        return startOnce(name, dir, Map.of(), false, Map.of(), jvmOptions);
    }

    private static NodeProcess startOnce(
            String name,
            Path dir,
            Map<String, String> settings,
            boolean tls,
            Map<String, String> environment,
            List<String> jvmOptions)
            throws Exception {
        int proxy = freePort();
        int admin = freePort();
        int tlsPort = tls ? freePort() : 0;
        StringBuilder conf = new StringBuilder("# node " + name + "\n");
        conf.append("prefix = ").append(dir.resolve(name)).append('\n');
        conf.append("proxy_listen = 127.0.0.1:")
                .append(proxy)
                .append(tls ? ", 127.0.0.1:" + tlsPort + " http2 ssl" : "")
                .append('\n');
        if (!settings.containsKey("admin_listen")) {
            conf.append("admin_listen = 127.0.0.1:").append(admin).append('\n');
        }
        if (!settings.containsKey("admin_gui_listen")) {
            // Kong Manager's default port 8002 would be shared by every test node
            conf.append("admin_gui_listen = off\n");
        }
        Map<String, String> resolved = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String value = setting.getValue();
            value = value.replace(PROXY_PORT, String.valueOf(proxy)).replace(ADMIN_PORT, String.valueOf(admin));
            while (value.contains(FREE_PORT)) {
                value = value.replaceFirst(java.util.regex.Pattern.quote(FREE_PORT), String.valueOf(freePort()));
            }
            resolved.put(setting.getKey(), value);
        }
        resolved.forEach((k, v) -> conf.append(k).append(" = ").append(v).append('\n'));
        Path file = dir.resolve(name + ".conf");
        Files.writeString(file, conf);
        Path log = dir.resolve(name + ".log");
        String jar = System.getProperty("tollgate.jar", "target/tollgate.jar");
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar, "start", "-c", file.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("KONG_") || k.startsWith("TOLLGATE_"));
        builder.environment().putAll(environment);
        NodeProcess node = new NodeProcess(name, proxy, admin, tlsPort, resolved, builder.start(), log, file);
        NodeLogsOnFailure.started(node);
        try {
            node.awaitReady(Duration.ofSeconds(Long.getLong("tollgate.it.node-start-seconds", 120)));
        } catch (Exception | AssertionError e) {
            node.stop(); // do not leak a node (and its PostgreSQL) when it never got ready
            if (node.log().contains("java.net.BindException: Address already in use")) {
                throw new PortTaken(e);
            }
            throw e;
        }
        return node;
    }

    /**
     * Polls the Admin API's {@code /status} (Awaitility) until it answers 200, or 401 when the node runs with
     * {@code admin_auth} (it answers, asking for credentials); with {@code admin_listen = off}, until the node has
     * printed its start summary. Fails at once if the node exits.
     */
    private void awaitReady(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        try {
            Awaitility.await()
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> isReady(client));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("node " + name + " not ready in " + timeout + ": " + Files.readString(log));
        }
    }

    private boolean isReady(HttpClient client) throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException("node " + name + " exited: " + Files.readString(log));
        }
        if ("off".equals(settings.get("admin_listen"))) {
            return Files.readString(log).contains(STARTED);
        }
        HttpRequest status = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/status"))
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            int code = client.send(status, HttpResponse.BodyHandlers.ofString()).statusCode();
            return code == 200 || code == 401;
        } catch (IOException e) {
            return false; // not listening yet
        }
    }

    /** The name the node was started with (its prefix under the test's directory). */
    String name() {
        return name;
    }

    String proxy() {
        return "http://127.0.0.1:" + proxyPort;
    }

    String admin() {
        return "http://127.0.0.1:" + adminPort;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** The file the node's standard output and error go to. */
    Path logFile() {
        return log;
    }

    /** The node's prefix ({@code <dir>/<name>}), where it keeps its pid file and embedded database. */
    Path prefix() {
        return conf.resolveSibling(name);
    }

    /** Whether the node's process still runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the node's process to exit by itself; returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("node " + name + " still runs after " + timeout);
        }
        return process.exitValue();
    }

    /** The node's configuration file (what other {@code tollgate} commands can be given with {@code -c}). */
    Path conf() {
        return conf;
    }

    /**
     * Writes {@code text} as the node's configuration file and runs {@code tollgate reload -p <prefix>} (Kong's
     * {@code kong reload}), which the node answers once it has applied what it could.
     *
     * @return the command's exit code and output
     */
    CliProcess.Result reload(String text) throws IOException, InterruptedException {
        Files.writeString(conf, text);
        return CliProcess.run(conf.getParent(), "reload", "-p", prefix().toString());
    }

    /** Freezes the node's process (SIGSTOP): it neither serves nor polls until {@link #resume()}. */
    void freeze() throws Exception {
        signal("STOP");
    }

    /** Lets a {@link #freeze() frozen} node run again (SIGCONT). */
    void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .redirectErrorStream(true)
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed: "
                    + new String(kill.getInputStream().readAllBytes()));
        }
    }

    /** Kills the node's process at once (SIGKILL): it stops without any goodbye. */
    void kill() throws InterruptedException {
        NodeLogsOnFailure.stopped(this);
        process.destroyForcibly();
        process.waitFor();
    }

    /** Sends SIGTERM and waits for a clean exit; returns the exit code. */
    int stop() throws InterruptedException {
        NodeLogsOnFailure.stopped(this);
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    /**
     * Runs a one-off {@code tollgate} command from the built jar (e.g. {@code db compact -c FILE}) and waits for it.
     *
     * @return its exit code and everything it printed (standard output and error)
     */
    static CommandResult command(Duration timeout, String... args) throws Exception {
        return commandWithInput(timeout, "", args);
    }

    /** As {@link #command}, with {@code input} on the command's standard input (then closed). */
    static CommandResult commandWithInput(Duration timeout, String input, String... args) throws Exception {
        String jar = System.getProperty("tollgate.jar", "target/tollgate.jar");
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m"));
        command.addAll(TestJvmSharing.command());
        command.addAll(List.of("-jar", jar));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("tollgate-command", ".log");
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("KONG_") || k.startsWith("TOLLGATE_"));
            Process process = builder.start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("tollgate " + String.join(" ", args) + " did not end in " + timeout
                        + ": " + Files.readString(output));
            }
            return new CommandResult(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** What a one-off command gave: its exit code and its output. */
    record CommandResult(int exitCode, String output) {}

    /**
     * A port nothing listens on, outside Linux's ephemeral range (32768–60999 by default): the kernel never hands
     * it to an outgoing connection or a port-0 bind, so a node's own database connections cannot take it between
     * the test choosing it and the node binding it. Successive calls in one JVM walk the range from a random start.
     */
    static int freePort() throws IOException {
        for (int tries = 0; tries < PORT_RANGE; tries++) {
            int port = FIRST_PORT + Math.floorMod(NEXT_PORT.getAndIncrement(), PORT_RANGE);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // in use: try the next one
            }
        }
        throw new IOException("no free port in " + FIRST_PORT + ".." + (FIRST_PORT + PORT_RANGE - 1));
    }

    /** The node exited because one of its ports was already in use. */
    private static final class PortTaken extends Exception {
        PortTaken(Throwable cause) {
            super(cause);
        }
    }
}
