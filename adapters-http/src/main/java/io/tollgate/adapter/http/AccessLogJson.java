package io.tollgate.adapter.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The JSON access log's line ({@code access_log_format = json}): one object per request, written with Jackson's
 * streaming generator (strings escaped by JSON's rules: quotes, backslashes and control characters), UTF-8:
 *
 * <pre>{@code
 * {"time":"2026-12-03T16:43:45.123Z","client_ip":"127.0.0.1","method":"GET","uri":"/a?b=1","protocol":"HTTP/1.1",
 *  "status":200,"body_bytes_sent":12,"referer":"...","user_agent":"...",
 *  "latencies":{"request":3,"kong":1,"proxy":2},"request_id":"<X-Kong-Request-Id>",
 *  "route":{"id":"...","name":"..."},"service":{"id":"...","name":"..."},"consumer":{"id":"..."}}
 * }</pre>
 *
 * {@code time} is ISO-8601 in UTC with milliseconds; latencies are milliseconds with Kong's log serializer's names
 * ({@code proxy} is the upstream's wait). Members without a value are left out: {@code referer}, {@code user_agent},
 * {@code request_id}, {@code latencies.proxy} when no upstream answered, {@code latencies.kong} on the Admin API,
 * {@code route}, {@code service}, {@code consumer} (and a {@code name}) when unknown. Thread-safe.
 */
public final class AccessLogJson {

    private static final JsonFactory FACTORY =
            JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private AccessLogJson() {}

    /** {@code entry} as one JSON object, without a line separator. */
    public static String line(AccessLogEntry entry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            write(entry, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not on a byte array
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Writes {@code entry} as one JSON object (UTF-8, no line separator) to {@code out}, which stays open.
     *
     * @throws IOException when {@code out} fails
     */
    public static void write(AccessLogEntry entry, OutputStream out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("time", TIME.format(Instant.ofEpochMilli(entry.timeMillis())));
            json.writeStringField("client_ip", entry.clientIp());
            json.writeStringField("method", entry.method());
            json.writeStringField("uri", entry.query() == null ? entry.path() : entry.path() + '?' + entry.query());
            json.writeStringField("protocol", entry.protocol());
            json.writeNumberField("status", entry.status());
            json.writeNumberField("body_bytes_sent", entry.bodyBytesSent());
            optional(json, "referer", entry.referer());
            optional(json, "user_agent", entry.userAgent());
            json.writeObjectFieldStart("latencies");
            json.writeNumberField("request", entry.requestMs());
            if (entry.kongMs() >= 0) {
                json.writeNumberField("kong", entry.kongMs());
            }
            if (entry.upstreamMs() >= 0) {
                json.writeNumberField("proxy", entry.upstreamMs());
            }
            json.writeEndObject();
            optional(json, "request_id", entry.requestId());
            named(json, "route", entry.routeId(), entry.routeName());
            named(json, "service", entry.serviceId(), entry.serviceName());
            named(json, "consumer", entry.consumerId(), null);
            json.writeEndObject();
        }
    }

    private static void optional(JsonGenerator json, String name, @Nullable String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    private static void named(JsonGenerator json, String field, @Nullable UUID id, @Nullable String name)
            throws IOException {
        if (id == null) {
            return;
        }
        json.writeObjectFieldStart(field);
        json.writeStringField("id", id.toString());
        optional(json, "name", name);
        json.writeEndObject();
    }
}
