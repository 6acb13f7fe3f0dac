package io.tollgate.application.plugin.bundled;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.BodyDescriptorBuilder;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.ByteArrayBuffer;
import org.jspecify.annotations.Nullable;

/**
 * A {@code multipart/form-data} body (RFC 7578) as Kong's {@code lua-multipart} sees it: its boundary and its parts
 * in order, each with its form field {@code name} (from {@code Content-Disposition}), optional {@code filename}, raw
 * header lines and raw content bytes. Parsed with Apache James mime4j (a part is bytes, never parsed further); written
 * back ({@link #toBytes()}) with the same boundary, untouched parts byte for byte, without preamble and epilogue.
 * Mutable, one per request.
 */
final class MultipartForm {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final MimeConfig CONFIG = MimeConfig.custom()
            .setMaxLineLen(-1)
            .setMaxHeaderCount(-1)
            .setMaxHeaderLen(-1)
            .setStrictParsing(false)
            .build();

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

    private MultipartForm(String boundary, List<Part> parts) {
        this.boundary = boundary;
        this.parts = parts;
    }

    /**
     * Parses {@code body} by the boundary of {@code contentType} (the whole {@code Content-Type} value). An empty
     * body has no parts; so has one without any delimiter line (as Kong's parser reads it).
     *
     * @return the form, or {@code null} when {@code contentType} is not {@code multipart/form-data} with a boundary
     *     or the body cannot be read as MIME
     */
    static @Nullable MultipartForm parse(byte[] body, @Nullable String contentType) {
        String boundary = boundary(contentType);
        if (boundary == null) {
            return null;
        }
        List<Part> parts = new ArrayList<>();
        if (body.length == 0) {
            return new MultipartForm(boundary, parts);
        }
        MimeTokenStream stream = new MimeTokenStream(CONFIG, new Descriptors(boundary));
        try {
            stream.parseHeadless(new ByteArrayInputStream(body), contentType);
            List<byte[]> headers = null; // of the part being read (parseHeadless is past the multipart's start)
            for (EntityState state = stream.next(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                switch (state) {
                    case T_START_BODYPART -> headers = new ArrayList<>();
                    case T_FIELD -> {
                        if (headers != null) {
                            headers.add(stream.getField().getRaw().toByteArray());
                        }
                    }
                    case T_BODY -> {
                        if (headers == null) {
                            return null; // mime4j did not read a multipart
                        }
                        parts.add(part(headers, stream.getInputStream().readAllBytes()));
                        headers = null;
                    }
                    default -> {}
                }
            }
        } catch (IOException | MimeException | RuntimeException e) {
            return null;
        }
        return new MultipartForm(boundary, parts);
    }

    /** The {@code boundary} parameter of a {@code multipart/form-data} type, or {@code null}. */
    static @Nullable String boundary(@Nullable String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("multipart/form-data")) {
            return null;
        }
        RawBody parsed = RawFieldParser.DEFAULT.parseRawBody(new RawField("Content-Type", contentType));
        for (NameValuePair param : parsed.getParams()) {
            if (param.getName().equalsIgnoreCase("boundary")
                    && param.getValue() != null
                    && !param.getValue().isEmpty()) {
                return param.getValue();
            }
        }
        return null;
    }

    private static Part part(List<byte[]> headers, byte[] content) {
        String name = "";
        String filename = null;
        for (byte[] raw : headers) {
            RawField field = field(raw);
            if (field == null || !field.getName().equalsIgnoreCase("Content-Disposition")) {
                continue;
            }
            RawBody disposition = RawFieldParser.DEFAULT.parseRawBody(field);
            for (NameValuePair param : disposition.getParams()) {
                String value = param.getValue() == null ? "" : param.getValue();
                switch (param.getName().toLowerCase(Locale.ROOT)) {
                    case "name" -> name = value;
                    case "filename" -> filename = value;
                    default -> {}
                }
            }
        }
        return new Part(List.copyOf(headers), name, filename, content);
    }

    private static @Nullable RawField field(byte[] raw) {
        try {
            ByteArrayBuffer buffer = new ByteArrayBuffer(raw.length);
            buffer.append(raw, 0, raw.length);
            return RawFieldParser.DEFAULT.parseField(buffer);
        } catch (MimeException e) {
            return null;
        }
    }

    /**
     * What mime4j learns of each entity's type: the form is {@code multipart/form-data} with its boundary, every part
     * opaque bytes, so a nested multipart part (RFC 7578 deprecates them) stays bytes, as in Kong.
     */
    private record Descriptors(@Nullable String boundary) implements BodyDescriptorBuilder {

        @Override
        public void reset() {}

        @Override
        public Field addField(RawField field) {
            return field;
        }

        @Override
        public BodyDescriptor build() {
            return boundary == null
                    ? new Descriptor("application", "octet-stream", null)
                    : new Descriptor("multipart", "form-data", boundary);
        }

        @Override
        public BodyDescriptorBuilder newChild() {
            return new Descriptors(null);
        }
    }

    private record Descriptor(
            String getMediaType,
            String getSubType,
            @Nullable String getBoundary) implements BodyDescriptor {

        @Override
        public String getMimeType() {
            return getMediaType + "/" + getSubType;
        }

        @Override
        public @Nullable String getCharset() {
            return null;
        }

        @Override
        public String getTransferEncoding() {
            return "binary";
        }

        @Override
        public long getContentLength() {
            return -1;
        }
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
