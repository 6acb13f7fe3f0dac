package io.tollgate.adapter.http.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Parses the PROXY protocol header that starts a connection on a listener with Kong's {@code proxy_protocol} flag:
 * version 1 ({@code PROXY TCP4 192.168.0.1 10.0.0.1 56324 8000\r\n}, at most 107 bytes) or version 2 (a 16-byte
 * binary preamble and its addresses). Pure and stateless: the caller reads bytes as they come and asks again until a
 * header is complete; addresses are IP literals only, never looked up in DNS.
 */
public final class ProxyProtocolParser {

    /** The longest version 1 header, {@code \r\n} included. */
    public static final int V1_MAX = 107;

    private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final int V2_PREAMBLE = 16;

    private ProxyProtocolParser() {}

    /**
     * Parses the header at {@code buffer}'s position.
     *
     * @param buffer the bytes read so far (read mode)
     * @return the header, {@code buffer}'s position then just past it (the rest is the client's first bytes); or
     *     {@code null} when more bytes are needed, the position unchanged
     * @throws IllegalArgumentException when the bytes are not a valid PROXY protocol header
     */
    public static @Nullable ProxyProtocolHeader parse(ByteBuffer buffer) {
        int start = buffer.position();
        int available = buffer.remaining();
        if (startsWith(buffer, start, available, V2_SIGNATURE)) {
            return available < V2_PREAMBLE ? null : v2(buffer, start);
        }
        if (startsWith(buffer, start, available, V1_PREFIX)) {
            return available < V1_PREFIX.length ? null : v1(buffer, start);
        }
        throw new IllegalArgumentException("not a PROXY protocol header");
    }

    /** Whether the available bytes are a prefix of {@code signature} or start with all of it. */
    private static boolean startsWith(ByteBuffer buffer, int start, int available, byte[] signature) {
        for (int i = 0; i < Math.min(available, signature.length); i++) {
            if (buffer.get(start + i) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable ProxyProtocolHeader v1(ByteBuffer buffer, int start) {
        int end = -1;
        int limit = Math.min(buffer.limit(), start + V1_MAX);
        for (int i = start; i < limit - 1; i++) {
            if (buffer.get(i) == '\r' && buffer.get(i + 1) == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            if (buffer.limit() - start >= V1_MAX) {
                throw new IllegalArgumentException("PROXY v1 header longer than " + V1_MAX + " bytes");
            }
            return null;
        }
        byte[] line = new byte[end - start];
        buffer.get(start, line);
        String[] fields = new String(line, StandardCharsets.US_ASCII).split(" ", -1);
        ProxyProtocolHeader header = v1Fields(fields);
        buffer.position(end + 2);
        return header;
    }

    private static ProxyProtocolHeader v1Fields(String[] fields) {
        if (fields.length >= 2 && fields[1].equals("UNKNOWN")) {
            return new ProxyProtocolHeader.Unknown();
        }
        if (fields.length != 6 || !(fields[1].equals("TCP4") || fields[1].equals("TCP6"))) {
            throw new IllegalArgumentException("malformed PROXY v1 header");
        }
        int length = fields[1].equals("TCP4") ? 4 : 16;
        return new ProxyProtocolHeader.Proxied(
                new InetSocketAddress(address(fields[2], length), port(fields[4])),
                new InetSocketAddress(address(fields[3], length), port(fields[5])));
    }

    private static InetAddress address(String text, int length) {
        byte[] bytes = text.startsWith("[") ? null : IpLiterals.parse(text);
        if (bytes == null || bytes.length != length) {
            throw new IllegalArgumentException("malformed PROXY v1 address: " + text);
        }
        return byAddress(bytes);
    }

    private static int port(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("malformed PROXY v1 port: " + text);
        }
        int port = Integer.parseInt(text);
        if (port > 65535) {
            throw new IllegalArgumentException("malformed PROXY v1 port: " + text);
        }
        return port;
    }

    private static @Nullable ProxyProtocolHeader v2(ByteBuffer buffer, int start) {
        int versionCommand = buffer.get(start + 12) & 0xFF;
        int familyProtocol = buffer.get(start + 13) & 0xFF;
        int length = buffer.getShort(start + 14) & 0xFFFF;
        if (versionCommand >> 4 != 2 || (versionCommand & 0x0F) > 1) {
            throw new IllegalArgumentException("unsupported PROXY v2 version or command");
        }
        if (buffer.limit() - start < V2_PREAMBLE + length) {
            return null;
        }
        int family = familyProtocol >> 4;
        int protocol = familyProtocol & 0x0F;
        int size = family == 1 ? 4 : 16;
        ProxyProtocolHeader header;
        if ((versionCommand & 0x0F) == 0 || (family != 1 && family != 2) || protocol < 1 || protocol > 2) {
            header = new ProxyProtocolHeader.Unknown();
        } else if (length < 2 * size + 4) {
            throw new IllegalArgumentException("PROXY v2 addresses shorter than their family");
        } else {
            int at = start + V2_PREAMBLE;
            byte[] source = new byte[size];
            byte[] destination = new byte[size];
            buffer.get(at, source);
            buffer.get(at + size, destination);
            int sourcePort = buffer.getShort(at + 2 * size) & 0xFFFF;
            int destinationPort = buffer.getShort(at + 2 * size + 2) & 0xFFFF;
            header = new ProxyProtocolHeader.Proxied(
                    new InetSocketAddress(byAddress(source), sourcePort),
                    new InetSocketAddress(byAddress(destination), destinationPort));
        }
        buffer.position(start + V2_PREAMBLE + length);
        return header;
    }

    private static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address length " + bytes.length, e);
        }
    }
}
