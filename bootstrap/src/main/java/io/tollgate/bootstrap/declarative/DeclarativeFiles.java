package io.tollgate.bootstrap.declarative;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The two syntaxes of a declarative file: JSON when the file name ends with {@code .json}, YAML otherwise (and on
 * standard input/output). Both read and written by Jackson (its YAML module, over SnakeYAML).
 */
public final class DeclarativeFiles {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .build())
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private DeclarativeFiles() {}

    /** The mapper for {@code file}: JSON for {@code *.json}, else YAML; YAML when {@code file} is {@code null}. */
    public static ObjectMapper mapperFor(@Nullable Path file) {
        return file != null
                        && file.getFileName()
                                .toString()
                                .toLowerCase(Locale.ROOT)
                                .endsWith(".json")
                ? JSON
                : YAML;
    }

    /** The YAML mapper (standard output). */
    public static ObjectMapper yaml() {
        return YAML;
    }
}
