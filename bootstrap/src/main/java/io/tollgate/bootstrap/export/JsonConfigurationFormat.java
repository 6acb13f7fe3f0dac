package io.tollgate.bootstrap.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tollgate.adapter.postgres.PastConfiguration;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Tollgate's own JSON export (not Kong's declarative format):
 *
 * <pre>{@code
 * {
 *   "_format_version": "tollgate-1",
 *   "_position": "<commit>:<event_id>",
 *   "_at": <epoch seconds, up to six decimals, or null when unknown>,
 *   "certificates": [ {…}, … ],
 *   "snis": [ … ],
 *   …one key per entity kind (its Kong name), in the catalogue's dependency order, [] when empty
 * }
 * }</pre>
 *
 * Entities by id within a kind, each with every field as the Admin API shows it ({@link AdminView}): nulls kept,
 * secrets included (an export is as sensitive as the database) unless {@link #redacted()}. Pretty-printed, UTF-8,
 * ending with a newline.
 */
public final class JsonConfigurationFormat implements ConfigurationFormat {

    /** The value of {@code _format_version}. */
    public static final String FORMAT_VERSION = "tollgate-1";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private final boolean redact;

    /** The format with every secret included ({@code tollgate config export}). */
    public JsonConfigurationFormat() {
        this(false);
    }

    private JsonConfigurationFormat(boolean redact) {
        this.redact = redact;
    }

    /**
     * The format with every secret redacted ({@code "******"}) as the history endpoints redact them
     * ({@code GET /history/export}).
     */
    public static JsonConfigurationFormat redacted() {
        return new JsonConfigurationFormat(true);
    }

    @Override
    public void write(PastConfiguration configuration, Writer out) throws IOException {
        Map<String, @Nullable Object> document = new LinkedHashMap<>();
        document.put("_format_version", FORMAT_VERSION);
        document.put("_position", configuration.position().toString());
        document.put("_at", configuration.epochSeconds());
        AdminView.of(configuration, redact).forEach((kind, entities) -> document.put(kind.kongName(), entities));
        JSON.writeValue(out, document);
        out.write(System.lineSeparator());
        out.flush();
    }
}
