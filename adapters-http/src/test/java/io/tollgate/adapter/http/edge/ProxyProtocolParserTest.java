package io.tollgate.adapter.http.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProxyProtocolParserTest {

    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void v1Tcp4GivesBothAddressesAndLeavesTheRequestUnread() {
        ByteBuffer buffer = ascii("PROXY TCP4 192.168.0.1 127.0.0.1 56324 8000\r\nGET / HTTP/1.1\r\n");

        ProxyProtocolHeader header = ProxyProtocolParser.parse(buffer);

        assertThat(header)
                .isEqualTo(new ProxyProtocolHeader.Proxied(
                        new InetSocketAddress("192.168.0.1", 56324), new InetSocketAddress("127.0.0.1", 8000)));
        assertThat(StandardCharsets.US_ASCII.decode(buffer).toString()).isEqualTo("GET / HTTP/1.1\r\n");
    }

    @Test
    void v1Tcp6() {
        ProxyProtocolHeader header = ProxyProtocolParser.parse(ascii("PROXY TCP6 2001:db8::1 ::1 1 65535\r\n"));

        assertThat(header)
                .isEqualTo(new ProxyProtocolHeader.Proxied(
                        new InetSocketAddress("2001:db8::1", 1), new InetSocketAddress("::1", 65535)));
    }

    @Test
    void v1UnknownNamesNoAddress() {
        ByteBuffer buffer = ascii("PROXY UNKNOWN ffff:f...f:ffff ffff:f...f:ffff 65535 65535\r\nrest");

        assertThat(ProxyProtocolParser.parse(buffer)).isEqualTo(new ProxyProtocolHeader.Unknown());
        assertThat(buffer.remaining()).isEqualTo(4);
        assertThat(ProxyProtocolParser.parse(ascii("PROXY UNKNOWN\r\n"))).isEqualTo(new ProxyProtocolHeader.Unknown());
    }

    @Test
    void anIncompleteHeaderAsksForMoreWithoutConsumingAnything() {
        for (String partial : new String[] {"", "PRO", "PROXY ", "PROXY TCP4 192.168.0.1 127.0.0.1 56324 8000\r"}) {
            ByteBuffer buffer = ascii(partial);

            assertThat(ProxyProtocolParser.parse(buffer)).as(partial).isNull();
            assertThat(buffer.position()).isZero();
        }
        assertThat(ProxyProtocolParser.parse(ByteBuffer.wrap(V2_SIGNATURE, 0, 7)))
                .isNull();
    }

    @Test
    void v1MalformedHeadersAreRefused() {
        for (String bad : new String[] {
            "GET / HTTP/1.1\r\n",
            "PROXY TCP4 192.168.0.1 127.0.0.1 56324\r\n",
            "PROXY TCP4 example.com 127.0.0.1 56324 8000\r\n",
            "PROXY TCP4 ::1 127.0.0.1 56324 8000\r\n",
            "PROXY TCP6 192.168.0.1 ::1 56324 8000\r\n",
            "PROXY TCP4 192.168.0.1 127.0.0.1 65536 8000\r\n",
            "PROXY TCP4 192.168.0.1 127.0.0.1 -1 8000\r\n",
            "PROXY TCP4  192.168.0.1 127.0.0.1 56324 8000\r\n",
            "PROXY UDP4 192.168.0.1 127.0.0.1 56324 8000\r\n",
            "PROXY " + "x".repeat(120)
        }) {
            assertThatThrownBy(() -> ProxyProtocolParser.parse(ascii(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void v2Tcp4WithATlvIsReadWhole() {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        buffer.put(V2_SIGNATURE).put((byte) 0x21).put((byte) 0x11).putShort((short) 15);
        buffer.put(new byte[] {(byte) 192, (byte) 168, 0, 1}).put(new byte[] {127, 0, 0, 1});
        buffer.putShort((short) 56324).putShort((short) 8000);
        buffer.put(new byte[] {0x04, 0x00, 0x00}); // an empty NOOP TLV
        buffer.put((byte) 'G').flip();

        assertThat(ProxyProtocolParser.parse(buffer))
                .isEqualTo(new ProxyProtocolHeader.Proxied(
                        new InetSocketAddress("192.168.0.1", 56324), new InetSocketAddress("127.0.0.1", 8000)));
        assertThat(buffer.remaining()).isEqualTo(1);
    }

    @Test
    void v2LocalAndUnspecifiedNameNoAddress() {
        ByteBuffer local = ByteBuffer.allocate(16)
                .put(V2_SIGNATURE)
                .put((byte) 0x20)
                .put((byte) 0)
                .putShort((short) 0);

        assertThat(ProxyProtocolParser.parse(local.flip())).isEqualTo(new ProxyProtocolHeader.Unknown());
        assertThat(local.remaining()).isZero();
    }

    @Test
    void v2IncompleteOrMalformedHeaders() {
        ByteBuffer partial =
                ByteBuffer.allocate(20).put(V2_SIGNATURE).put((byte) 0x21).put((byte) 0x11);
        partial.putShort((short) 12).put(new byte[] {1, 2, 3, 4}).flip();
        assertThat(ProxyProtocolParser.parse(partial)).isNull();
        assertThat(partial.position()).isZero();

        ByteBuffer version3 =
                ByteBuffer.allocate(16).put(V2_SIGNATURE).put((byte) 0x31).put((byte) 0x11);
        assertThatThrownBy(() ->
                        ProxyProtocolParser.parse(version3.putShort((short) 0).flip()))
                .isInstanceOf(IllegalArgumentException.class);
        ByteBuffer tooShort =
                ByteBuffer.allocate(20).put(V2_SIGNATURE).put((byte) 0x21).put((byte) 0x11);
        assertThatThrownBy(() -> ProxyProtocolParser.parse(
                        tooShort.putShort((short) 4).put(new byte[4]).flip()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
