package io.tollgate.bootstrap.lifecycle;

import io.tollgate.adapter.http.tls.TrustAnyCertificate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * What {@code tollgate stop}, {@code quit}, {@code health}, {@code restart}, {@code drain} and {@code unready} do to
 * the node running under a prefix (found through its {@link RuntimeFiles}). Failures are {@link NodeControlException}s
 * whose one-line message the CLI prints.
 */
public final class NodeControl {
    /** How long {@link #stop} waits for the node to exit before it kills the process. */
    public static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final RuntimeFiles files;

    /** Controls the node whose runtime files these are. */
    public NodeControl(RuntimeFiles files) {
        this.files = files;
    }

    /**
     * Kong's {@code kong stop}: asks the node to stop at once (requests in flight are cut) and waits for its process
     * to exit; when it has not exited after {@link #STOP_WAIT} (it cannot read its control file), terminates it
     * (SIGTERM, then SIGKILL 10 s later).
     *
     * @return the stopped process's id
     * @throws NodeControlException when no node runs under the prefix or it could not be stopped
     */
    public long stop() {
        ProcessHandle node = running();
        files.request(new ShutdownRequest.Stop());
        if (!exits(node, STOP_WAIT)) {
            node.destroy();
            if (!exits(node, Duration.ofSeconds(10))) {
                node.destroyForcibly();
                if (!exits(node, Duration.ofSeconds(10))) {
                    throw new NodeControlException(
                            "could not stop Tollgate at " + files.prefix() + " (pid " + node.pid() + ")");
                }
            }
            files.release();
        }
        return node.pid();
    }

    /**
     * Kong's {@code kong reload}: asks the node to re-read its configuration ({@code file}, else the one it started
     * with) and apply what can change at run time, and waits for its answer.
     *
     * @param file the configuration file the node should read instead of its own
     * @param timeout how long to wait for the answer
     * @return the node's answer ({@link ReloadReply#ok()} is false for an invalid configuration: nothing applied)
     * @throws NodeControlException when no node runs under the prefix or it did not answer in time
     */
    public ReloadReply reload(Optional<Path> file, Duration timeout) {
        ProcessHandle node = running();
        ReloadRequest request = ReloadRequest.of(file);
        files.request(request);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && node.isAlive()) {
            Optional<ReloadReply> reply = files.reloadReply(request.id());
            if (reply.isPresent()) {
                return reply.get();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NodeControlException("interrupted");
            }
        }
        throw new NodeControlException("Tollgate at " + files.prefix() + " (pid " + node.pid()
                + ") did not answer the reload within " + timeout.toSeconds() + " s");
    }

    /**
     * Kong's {@code kong quit}: after {@code wait}, asks the node to stop accepting requests and finish those in
     * flight for up to {@code timeout}, and waits for its process to exit; when it still runs {@code timeout} plus
     * {@link #STOP_WAIT} later, {@link #stop() stops} it.
     *
     * @param wait how long to wait before asking (Kong's {@code --wait}); not negative
     * @param timeout the longest requests in flight may take (Kong's {@code --timeout}); not negative
     * @return whether the node quit by itself ({@code false}: it had to be stopped)
     * @throws NodeControlException when no node runs under the prefix or it could not be stopped
     */
    public boolean quit(Duration wait, Duration timeout) throws InterruptedException {
        ProcessHandle node = running();
        if (wait.isPositive()) {
            TimeUnit.MILLISECONDS.sleep(wait.toMillis()); // Kong's --wait: a deliberate pause, not a synchronisation
        }
        files.request(new ShutdownRequest.Quit(timeout));
        if (exits(node, timeout.plus(STOP_WAIT))) {
            return true;
        }
        stop();
        return false;
    }

    /** Whether a node runs under the prefix (its pid file names a live process). */
    public boolean isRunning() {
        return files.runningProcess().isPresent();
    }

    /**
     * Kong's {@code kong health}: whether the node under the prefix runs and its Admin API answers: {@code GET /status}
     * gives 200 within 5 s, or 401 when {@code admin_auth} asks for credentials (the node answers; the command has
     * none to give) (a TLS-only Admin API, which may use a self-signed certificate: accepts a connection).
     *
     * @return a one-line description of the healthy node
     * @throws NodeControlException naming what is wrong: not running, still starting, or not answering
     */
    public String health() {
        ProcessHandle node = running();
        Optional<URI> admin = files.admin();
        if (admin.isEmpty()) {
            throw new NodeControlException("Tollgate at " + files.prefix() + " (pid " + node.pid()
                    + ") is starting: its listeners are not bound yet");
        }
        URI url = admin.get();
        try {
            if (url.getScheme().equals("https")) {
                answersTcp(url); // a TLS-only Admin API may use a self-signed certificate: a connect is the check
            } else {
                answersStatus(url.resolve("/status"));
            }
        } catch (IOException e) {
            throw new NodeControlException(
                    "Tollgate at " + files.prefix() + " (pid " + node.pid() + ") does not answer at " + url + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeControlException("interrupted");
        }
        return "Tollgate is healthy at " + files.prefix() + " (pid " + node.pid() + ", Admin API " + admin.get() + ")";
    }

    /**
     * Kong's {@code kong drain} and {@code kong unready}: asks the node's status API ({@code status_listen}, its
     * first listener; a TLS one's certificate is not verified, as Kong's command does not) to answer
     * {@code GET /status/ready} with 503 from now on, so load balancers take the node out of rotation. It goes on
     * proxying.
     *
     * @return Kong's answer: {@code Tollgate's status successfully changed to '<state>'}, or
     *     {@code No status listeners found in configuration.} when the node has no status listener
     * @throws NodeControlException when no node runs under the prefix, it is still starting, the request fails
     *     ({@code Failed to send request to <url>: <reason>}) or its answer is not 204 ({@code Unexpected response
     *     status from <url>: <code>})
     */
    public String withdraw(Withdrawal withdrawal) {
        ProcessHandle node = running();
        StatusApi api = files.statusApi()
                .orElseThrow(() -> new NodeControlException("Tollgate at " + files.prefix() + " (pid " + node.pid()
                        + ") is starting: its listeners are not bound yet"));
        return switch (api) {
            case StatusApi.Off off -> "No status listeners found in configuration.";
            case StatusApi.At at -> {
                URI url = at.url().resolve(withdrawal.path());
                int code = post(url, withdrawal.body());
                if (code != 204) {
                    throw new NodeControlException("Unexpected response status from " + url + ": " + code);
                }
                yield "Tollgate's status successfully changed to '" + withdrawal.state() + "'";
            }
        };
    }

    /** What {@link #withdraw} asks the status API for: Kong's request of each command. */
    public enum Withdrawal {
        /** {@code kong drain}: {@code POST /status/ready {"status":"draining"}}. */
        DRAIN("draining", "/status/ready", "{\"status\":\"draining\"}"),
        /** {@code kong unready}: {@code POST /status/unready {}}. */
        UNREADY("unready", "/status/unready", "{}");

        private final String state;
        private final String path;
        private final String body;

        Withdrawal(String state, String path, String body) {
            this.state = state;
            this.path = path;
            this.body = body;
        }

        /** The state {@code GET /status/ready} names afterwards. */
        public String state() {
            return state;
        }

        String path() {
            return path;
        }

        String body() {
            return body;
        }
    }

    private static int post(URI url, String json) {
        try {
            return statusCode(HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build());
        } catch (IOException e) {
            throw new NodeControlException("Failed to send request to " + url + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NodeControlException("interrupted");
        }
    }

    /** Sends {@code request} (connect within 5 s; TLS unverified) and gives the answer's status, its body discarded. */
    private static int statusCode(HttpRequest request) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .sslContext(unverified())
                .build()) {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static SSLContext unverified() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAnyCertificate()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }

    private void answersStatus(URI status) throws IOException, InterruptedException {
        int code = statusCode(
                HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(5)).build());
        if (code != 200 && code != 401) {
            throw new NodeControlException(
                    "Tollgate at " + files.prefix() + " is not healthy: GET " + status + " answered " + code);
        }
    }

    private static void answersTcp(URI url) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5000);
        }
    }

    private ProcessHandle running() {
        if (!Files.isDirectory(files.prefix())) {
            throw new NodeControlException("no such prefix: " + files.prefix()); // Kong's check before the pid file
        }
        return files.runningProcess()
                .orElseThrow(() -> new NodeControlException("Tollgate is not running at " + files.prefix()));
    }

    private static boolean exits(ProcessHandle node, Duration within) {
        try {
            node.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !node.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A control command failed; the message is one line for the operator. */
    public static final class NodeControlException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NodeControlException(String message) {
            super(message);
        }
    }
}
