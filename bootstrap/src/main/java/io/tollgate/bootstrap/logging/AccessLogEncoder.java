package io.tollgate.bootstrap.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import io.tollgate.adapter.http.AccessLogEntry;
import io.tollgate.adapter.http.AccessLogJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON access log's Logback encoder ({@code access_log_format = json}): an event whose one argument is an
 * {@link AccessLogEntry} becomes its {@link AccessLogJson} line, any other event its message; each followed by
 * {@code \n}. It runs on the asynchronous appender's worker, so the request's I/O thread only queues the entry.
 */
final class AccessLogEncoder extends EncoderBase<ILoggingEvent> {

    private static final byte[] NONE = new byte[0];

    @Override
    public byte[] headerBytes() {
        return NONE;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        Object[] arguments = event.getArgumentArray();
        try {
            if (arguments != null && arguments.length == 1 && arguments[0] instanceof AccessLogEntry entry) {
                AccessLogJson.write(entry, out);
            } else {
                out.write(event.getFormattedMessage().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not on a byte array
        }
        out.write('\n');
        return out.toByteArray();
    }

    @Override
    public byte[] footerBytes() {
        return NONE;
    }
}
