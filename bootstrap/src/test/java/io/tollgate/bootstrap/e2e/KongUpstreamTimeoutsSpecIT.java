package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong 3.x's {@code spec/02-integration/05-proxy/07-upstream_timeouts_spec.lua}: a service's
 * {@code connect_timeout}, {@code read_timeout} and {@code write_timeout} (1 ms each) end the request with 504.
 *
 * <p>Kong's upstreams are a blackhole host (connect) and its {@code mock_upstream} ({@code /delay/2} for read, a
 * 32 MiB body to {@code /post} for write). Here they are loopback sockets that cannot miss: a listener whose accept
 * queue is full (the kernel drops the proxy's connection attempt, so the connect times out), and one that accepts and
 * neither answers nor reads (the read waits for ever; the 32 MiB body fills the socket buffers, so a write stalls).
 *
 * <p>Of the spec's 4 cases, 3 are ported. Left out as no counterpart: "sets status for last try" (it reads every
 * try's state through Kong's {@code ctx-checker-last} test plugin).
 */
class KongUpstreamTimeoutsSpecIT {

    private static final String SPEC = "spec/02-integration/05-proxy/07-upstream_timeouts_spec.lua";

    @TempDir
    static Path dir;

    private static NodeProcess node;
    private static ServerSocket full;
    private static ServerSocket mute;
    private static final List<Socket> held = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        full = fullListener();
        mute = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!mute.isClosed()) {
                try {
                    held.add(mute.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        });
        node = NodeProcess.start("upstream-timeouts", dir, Map.of());
        KongSpecClient admin = new KongSpecClient(node.admin());
        service(admin, "api-1", full.getLocalPort(), "connect_timeout", "HEAD");
        service(admin, "api-2", mute.getLocalPort(), "write_timeout", "POST");
        service(admin, "api-3", mute.getLocalPort(), "read_timeout", "GET");
    }

    private static void service(KongSpecClient admin, String name, int port, String timeout, String method)
            throws Exception {
        admin.create("/services", KongSpecClient.body("name", name, "url", "http://127.0.0.1:" + port, timeout, 1));
        admin.create("/routes", KongSpecClient.body("methods", List.of(method), "service", Map.of("name", name)));
    }

    /**
     * A loopback listener that never accepts, its accept queue filled: connections are opened until one cannot
     * complete, which shows the kernel now drops new attempts.
     */
    private static ServerSocket fullListener() throws IOException {
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        for (int i = 0; i < 64; i++) {
            Socket filler = new Socket();
            try {
                filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 250);
                held.add(filler);
            } catch (SocketTimeoutException queueFull) {
                filler.close();
                return listener;
            }
        }
        throw new IllegalStateException("the accept queue never filled");
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        for (Socket socket : held) {
            socket.close();
        }
        if (full != null) {
            full.close();
        }
        if (mute != null) {
            mute.close();
        }
    }

    /** {@value SPEC}: "upstream_connect_timeout sets upstream connect timeout value". */
    @Test
    void sets_upstream_connect_timeout_value() throws IOException {
        RawHttp.Response response = RawHttp.request("HEAD", "127.0.0.1", "/").send(node.proxyPort);
        assertThat(response.status()).isEqualTo(504);
    }

    /** {@value SPEC}: "upstream_read_timeout sets upstream read timeout value". */
    @Test
    void sets_upstream_read_timeout_value() throws IOException {
        RawHttp.Response response =
                RawHttp.request("GET", "127.0.0.1", "/delay/2").send(node.proxyPort);
        assertThat(response.status()).isEqualTo(504);
        assertThat(response.body()).contains("The upstream server is timing out");
    }

    /** {@value SPEC}: "upstream_send_timeout sets upstream send timeout value" (a 32 MiB JSON body). */
    @Test
    void sets_upstream_send_timeout_value() throws IOException {
        byte[] huge = ("{\"huge\":\"" + "a".repeat(1 << 25) + "\"}").getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), node.proxyPort)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /post HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + huge.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // the proxy may answer before it has read the whole body: write it beside the read
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    out.write(huge);
                    out.flush();
                } catch (IOException closedEarly) {
                    // the answer below is what counts
                }
            });
            RawHttp.Response response = RawHttp.parse(socket.getInputStream().readAllBytes());
            writer.interrupt();
            assertThat(response.status()).as(response.body()).isEqualTo(504);
        }
    }
}
