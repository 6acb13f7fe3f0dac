package io.tollgate.adapter.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The chunked-body decoder accepts what nginx's chunk parser accepts and refuses what it refuses. */
class ChunkedFramingTest {

    /** Decodes {@code body} fed in pieces of {@code step} bytes into a small destination; returns the data. */
    private static String decode(ChunkedFraming framing, String body, int step) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder();
        ByteBuffer dst = ByteBuffer.allocate(3);
        for (int at = 0; at < bytes.length; at += step) {
            ByteBuffer raw = ByteBuffer.wrap(bytes, at, Math.min(step, bytes.length - at));
            while (raw.hasRemaining() && !framing.ended()) {
                framing.decode(raw, dst);
                dst.flip();
                out.append(StandardCharsets.ISO_8859_1.decode(dst));
                dst.clear();
            }
        }
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 1000})
    void decodes_chunks_and_skips_extensions_and_trailers_whatever_the_pieces(int step) throws Exception {
        ChunkedFraming framing = new ChunkedFraming();
        String body = "5\r\nhello\r\n6;name=value\r\n world\r\n00A \r\n0123456789\r\n0\r\nX-Sum: 42\r\nX-B:b\r\n\r\n";

        assertThat(decode(framing, body, step)).isEqualTo("hello world0123456789");
        assertThat(framing.ended()).isTrue();
        assertThat(framing.data()).isEqualTo(21);
    }

    @Test
    void accepts_bare_line_feeds_as_nginx_does_and_stops_at_the_end_of_the_body() throws Exception {
        ChunkedFraming framing = new ChunkedFraming();
        ByteBuffer raw = ByteBuffer.wrap("3\nabc\n0\n\nGET / HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
        ByteBuffer dst = ByteBuffer.allocate(64);

        assertThat(framing.decode(raw, dst)).isEqualTo(3);
        assertThat(framing.ended()).isTrue();
        assertThat(StandardCharsets.ISO_8859_1.decode(raw).toString())
                .as("the next pipelined request is left unread")
                .isEqualTo("GET / HTTP/1.1\r\n");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "FFFFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n", // size overflow
                "-5\r\nhello\r\n0\r\n\r\n", // negative size
                "zz\r\nhello\r\n0\r\n\r\n", // not hex
                "5x\r\nhello\r\n0\r\n\r\n", // trailing garbage after the size
                "\r\n5\r\nhello\r\n0\r\n\r\n", // no size
                " 5\r\nhello\r\n0\r\n\r\n", // leading space
                "5\rhello\r\n0\r\n\r\n", // CR without LF after the size
                "5\r\nhelloXX\r\n0\r\n\r\n", // data longer than its size: no CRLF after it
                "5\r\nhello\rX0\r\n\r\n", // CR without LF after the data
                "0\r\nX-Trailer: t\rX\r\n", // CR without LF in the trailer section
                "0\r\n\rX" // CR without LF at the end
            })
    void refuses_malformed_framing(String body) {
        ChunkedFraming framing = new ChunkedFraming();

        assertThatThrownBy(() -> decode(framing, body, 1000))
                .isInstanceOf(ChunkedFraming.MalformedChunkException.class)
                .hasMessageStartingWith("client sent invalid chunked body: ");
        assertThatThrownBy(() -> framing.decode(ByteBuffer.wrap(new byte[] {'0'}), ByteBuffer.allocate(8)))
                .as("stays broken")
                .isInstanceOf(ChunkedFraming.MalformedChunkException.class);
    }

    @Test
    void accepts_the_largest_size_nginx_accepts_and_a_trailer_section_up_to_its_bound() throws Exception {
        ChunkedFraming large = new ChunkedFraming();
        large.decode(
                ByteBuffer.wrap("7FFFFFFFFFFFFFFF\r\n".getBytes(StandardCharsets.ISO_8859_1)), ByteBuffer.allocate(8));
        assertThat(large.ended()).isFalse();

        String trailer = "X: " + "v".repeat(ChunkedFraming.MAX_TRAILER_BYTES - 3);
        assertThat(decode(new ChunkedFraming(), "0\r\n" + trailer + "\r\n\r\n", 1000))
                .isEmpty();
        assertThatThrownBy(() -> decode(new ChunkedFraming(), "0\r\n" + trailer + "v\r\n\r\n", 1000))
                .isInstanceOf(ChunkedFraming.MalformedChunkException.class)
                .hasMessageContaining("trailer section too large");
    }
}
