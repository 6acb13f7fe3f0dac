package io.tollgate.application.plugin.bundled;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@code multipart/form-data} body (RFC 7578) as Kong's {@code lua-multipart} sees it: its boundary and its parts
 * in order, each with its form field {@code name} (from {@code Content-Disposition}), optional {@code filename}, raw
 * header lines and raw content bytes. Parsed by {@link MultipartReader} (a part is bytes, never parsed further); written
 * back ({@link #toBytes()}) with the same boundary, untouched parts byte for byte, without preamble and epilogue.
 * Mutable, one per request.
 */
final class MultipartForm {

    private static final byte[] CRLF = {'\r', '\n'};

    /**
     * One part.
     *
     * @param headers its header lines, raw (as the client sent them; each without its CRLF)
     * @param name the {@code name} parameter of its {@code Content-Disposition} ({@code ""} when missing)
     * @param filename the {@code filename} parameter, or {@code null} for a simple field
     * @param content its bytes (no transfer decoding)
     */
    record Part(List<byte[]> headers, String name, @Nullable String filename, byte[] content) {

        /** A simple field as Kong's {@code set_simple} makes it: only a {@code Content-Disposition} header. */
        static Part simple(String name, String value) {
            String disposition = "Content-Disposition: form-data; name=\"" + escape(name) + "\"";
            return new Part(
                    List.of(disposition.getBytes(StandardCharsets.UTF_8)),
                    name,
                    null,
                    value.getBytes(StandardCharsets.UTF_8));
        }

        /** The content as UTF-8 text. */
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private final String boundary;
    private final List<Part> parts;

    /** A form of these parts (kept, not copied) with this boundary. */
    MultipartForm(String boundary, List<Part> parts) {
        this.boundary = boundary;
        this.parts = parts;
    }

    /**
     * Parses {@code body} by the boundary of {@code contentType} (the whole {@code Content-Type} value), as
     * {@link MultipartReader#read} does.
     *
     * @return the form, or {@code null} when {@code contentType} is not {@code multipart/form-data} with a boundary
     *     or the body cannot be read as MIME
     */
    static @Nullable MultipartForm parse(byte[] body, @Nullable String contentType) {
        return MultipartReader.read(body, contentType);
    }

    /** Quotes a name as browsers do ({@code "}, CR and LF percent-encoded). */
    private static String escape(String name) {
        return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** The boundary, as the {@code Content-Type} gave it. */
    String boundary() {
        return boundary;
    }

    /** The parts in order (a live, mutable list). */
    List<Part> parts() {
        return parts;
    }

    /** The text of each part named {@code name}, in order. */
    List<String> values(String name) {
        return parts.stream().filter(p -> p.name().equals(name)).map(Part::text).toList();
    }

    /** Whether a part is named {@code name}. */
    boolean has(String name) {
        return parts.stream().anyMatch(p -> p.name().equals(name));
    }

    /**
     * Removes every part named {@code name} (Kong's {@code delete}).
     *
     * @return whether one was there
     */
    boolean remove(String name) {
        return parts.removeIf(p -> p.name().equals(name));
    }

    /**
     * Kong's {@code set_simple}: the first part named {@code name} becomes a simple field with this value, in its
     * place; without one, the field is added last.
     */
    void setSimple(String name, String value) {
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).name().equals(name)) {
                parts.set(i, Part.simple(name, value));
                return;
            }
        }
        parts.add(Part.simple(name, value));
    }

    /** The body: each part after a delimiter line, then the close delimiter; no parts give an empty body. */
    byte[] toBytes() {
        if (parts.isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        for (Part part : parts) {
            out.writeBytes(delimiter);
            out.writeBytes(CRLF);
            for (byte[] header : part.headers()) {
                out.writeBytes(header);
                out.writeBytes(CRLF);
            }
            out.writeBytes(CRLF);
            out.writeBytes(part.content());
            out.writeBytes(CRLF);
        }
        out.writeBytes(delimiter);
        out.writeBytes("--\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
