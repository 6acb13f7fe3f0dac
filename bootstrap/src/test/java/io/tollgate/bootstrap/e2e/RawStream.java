package io.tollgate.bootstrap.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
     * The whole response; call once {@link #done()}.
     *
     * @throws IllegalStateException when reading failed or the response is malformed
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
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (end < 0) {
            throw new IllegalStateException("no response head in " + raw.length + " bytes");
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(
                            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        int from = end + 4;
        List<String> encoding = headers.getOrDefault("transfer-encoding", List.of());
        byte[] body = encoding.contains("chunked") ? dechunk(raw, from) : copy(raw, from, raw.length);
        return new Response(status, headers, body);
    }

    private static byte[] dechunk(byte[] raw, int from) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = from;
        while (true) {
            int lineEnd = indexOf(raw, "\r\n".getBytes(StandardCharsets.US_ASCII), at);
            String size = new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII);
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0) {
                return body.toByteArray();
            }
            body.write(raw, lineEnd + 2, length);
            at = lineEnd + 2 + length + 2;
        }
    }

    private static byte[] copy(byte[] raw, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(raw, from, out, 0, out.length);
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
