package io.tollgate.application.plugin.bundled;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code multipart/form-data} body into a {@link MultipartForm} with Apache James mime4j's token stream: no
 * line or header limits (the node bounds the body), lenient, every part opaque bytes (no transfer decoding, no nested
 * parsing). Field names and file names are read as UTF-8, as browsers send them.
 */
final class MultipartReader {

    private static final MimeConfig CONFIG = MimeConfig.custom()
            .setMaxLineLen(-1)
            .setMaxHeaderCount(-1)
            .setMaxHeaderLen(-1)
            .setStrictParsing(false)
            .build();

    private MultipartReader() {}

    /**
     * Parses {@code body} by the boundary of {@code contentType} (the whole {@code Content-Type} value). An empty
     * body has no parts; so has one without any delimiter line (as Kong's parser reads it).
     *
     * @return the form (its part list mutable), or {@code null} when {@code contentType} is not
     *     {@code multipart/form-data} with a boundary or the body cannot be read as MIME
     */
    static @Nullable MultipartForm read(byte[] body, @Nullable String contentType) {
        String boundary = boundary(contentType);
        if (boundary == null) {
            return null;
        }
        List<MultipartForm.Part> parts = new ArrayList<>();
        if (body.length == 0) {
            return new MultipartForm(boundary, parts);
        }
        MimeTokenStream stream = new MimeTokenStream(CONFIG, new Descriptors(boundary));
        try {
            stream.parseHeadless(new ByteArrayInputStream(body), contentType);
            List<RawField> headers = null; // of the part being read (parseHeadless is past the multipart's start)
            for (EntityState state = stream.next(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
                switch (state) {
                    case T_START_BODYPART -> headers = new ArrayList<>();
                    case T_FIELD -> {
                        if (headers != null && stream.getField() instanceof RawField field) {
                            headers.add(field); // as Descriptors.addField returned it
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

    private static MultipartForm.Part part(List<RawField> headers, byte[] content) {
        String name = "";
        String filename = null;
        List<byte[]> raw = new ArrayList<>(headers.size());
        for (RawField field : headers) {
            raw.add(field.getRaw().toByteArray());
            if (!field.getName().equalsIgnoreCase("Content-Disposition")) {
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
        return new MultipartForm.Part(List.copyOf(raw), name, filename, content);
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
}
