package io.tollgate.bootstrap.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP/1.1 request ({@code Connection: close}) whose response is read on a virtual thread as it arrives, so a test
 * can watch how many bytes came while the upstream is still sending ({@link #received()}), then read the whole
 * response once the proxy closed the connection ({@link #response()}: status, lower-case headers, the body
 * de-chunked).
 */
final class RawStream implements AutoCloseable {

    /** A whole response: status, headers (lower-case names, every value) and the body's bytes. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {

        @Nullable
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    private final Socket socket;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final AtomicLong received = new AtomicLong();
    private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    private final Thread reader;

    private RawStream(Socket socket) {
        this.socket = socket;
        this.reader = Thread.ofVirtual().name("raw-stream").start(this::read);
    }

    /** Sends {@code GET target} for {@code host} to the proxy on {@code port} and starts reading. */
    static RawStream get(int port, String host, String target) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.getOutputStream()
                .write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new RawStream(socket);
    }

    private void read() {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                synchronized (bytes) {
                    bytes.write(buffer, 0, n);
                }
                received.addAndGet(n);
            }
        } catch (IOException | RuntimeException e) {
            failure.set(e);
        }
    }

    /** Bytes received so far (head and body as they came on the wire). */
    long received() {
        return received.get();
    }

    /** Whether the proxy closed the connection (the response is whole) or reading failed. */
    boolean done() {
        return !reader.isAlive();
    }

    /**
     * The whole response, parsed as {@link RawHttp#parseLatin1} does, its body as bytes; call once {@link #done()}.
     *
     * @throws IllegalStateException when reading failed
     */
    Response response() {
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("reading the response failed", failed);
        }
        byte[] raw;
        synchronized (bytes) {
            raw = bytes.toByteArray();
        }
        RawHttp.Response parsed = RawHttp.parseLatin1(raw);
        return new Response(parsed.status(), parsed.headers(), parsed.body().getBytes(StandardCharsets.ISO_8859_1));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
