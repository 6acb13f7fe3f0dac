package io.tollgate.bootstrap.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback receiver of a log plugin's entries (Kong's {@code helpers.tcp_server} / {@code helpers.udp_server}), for
 * the tcp-log and udp-log spec ports: {@link #tcp()} a plain {@link ServerSocket}, {@link #tls()} an
 * {@code SSLServerSocket} with a self-signed certificate for {@code localhost}, both keeping each line of every
 * connection as a JSON entry, and {@link #udp()} a {@link DatagramSocket} keeping each datagram as one.
 *
 * <p>Each listens on a free port of 127.0.0.1 ({@link #port()}) from its creation, a virtual thread receiving, until
 * {@link #close()}. A case finds its entry by a request header of its own ({@code X-Case}, see {@link #entry}).
 */
final class LogCollector implements AutoCloseable {

    /** How long an entry may take to arrive. */
    private static final Duration DELIVERY = Duration.ofSeconds(10);

    private final Closeable socket;
    private final int port;
    private final List<JsonNode> entries = new CopyOnWriteArrayList<>();

    private LogCollector(Closeable socket, int port) {
        this.socket = socket;
        this.port = port;
    }

    /** A plain TCP collector. */
    static LogCollector tcp() throws IOException {
        return stream(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /** A TLS collector whose self-signed certificate (for {@code localhost}) nobody trusts. */
    static LogCollector tls() throws Exception {
        return stream(TestPki.selfSigned("tcp-log-collector", "localhost")
                .context(null)
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    }

    /** A UDP collector. */
    static LogCollector udp() throws IOException {
        DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        LogCollector collector = new LogCollector(socket, socket.getLocalPort());
        Thread.ofVirtual().name("udp-log-collector").start(() -> collector.receive(socket));
        return collector;
    }

    private static LogCollector stream(ServerSocket server) {
        LogCollector collector = new LogCollector(server, server.getLocalPort());
        Thread.ofVirtual().name("tcp-log-collector").start(() -> collector.accept(server));
        return collector;
    }

    int port() {
        return port;
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                Thread.ofVirtual().start(() -> read(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void read(Socket connection) {
        try (connection;
                BufferedReader lines = new BufferedReader(
                        new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
            connection.setSoTimeout(10_000);
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) {
                    entries.add(Http.JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            // a connection that broke off: whatever it delivered whole was kept
        }
    }

    /** Keeps each datagram as a JSON entry until the socket closes. */
    private void receive(DatagramSocket datagrams) {
        byte[] buffer = new byte[65_535];
        while (!datagrams.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                datagrams.receive(packet);
                entries.add(Http.JSON.readTree(buffer, 0, packet.getLength()));
            } catch (IOException closedOrNotJson) {
                // closed: the loop ends; a datagram that is not JSON is no entry
            }
        }
    }

    /** The entry of the request whose {@code X-Case} header was {@code id}, once it arrived. */
    JsonNode entry(String id) {
        return await().atMost(DELIVERY)
                .until(
                        () -> entries.stream()
                                .filter(e -> id.equals(e.path("request")
                                        .path("headers")
                                        .path("x-case")
                                        .asText()))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
