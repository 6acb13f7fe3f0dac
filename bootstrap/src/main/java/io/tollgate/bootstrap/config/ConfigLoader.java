package io.tollgate.bootstrap.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the configuration the way Kong's {@code conf_loader} does. Sources, lowest precedence first:
 *
 * <ol>
 *   <li>built-in defaults ({@link Property#defaultValue()});
 *   <li>a {@code kong.conf}-style file: the one given ({@code -c FILE}), else the first existing of
 *       {@link #DEFAULT_CONFIG_FILES}; no file at all is fine;
 *   <li>the environment: {@code TOLLGATE_<PROPERTY>}, else Kong's {@code KONG_<PROPERTY>};
 *   <li>programmatic overrides ({@link #load(Path, Map)}), e.g. for tests.
 * </ol>
 *
 * <p>Values are trimmed and an empty value counts as not set (the next lower source applies). The file holds
 * {@code key = value} lines read as Java properties (so {@code :} also separates and {@code \} escapes); lines
 * starting with {@code #} are comments, and so is the rest of a line from a {@code #} that starts the value or
 * follows a space or tab ({@code pg_password = pa#ss} keeps its {@code #}). Unknown properties in the file are
 * ignored with a warning. Invalid values raise {@link ConfigException}.
 *
 * <p>At debug level (Kong's {@code --vv}) the loader logs, as Kong's {@code conf_loader}, the file it reads
 * ({@code reading config file at <path>}), each environment variable it takes ({@code KONG_DATABASE ENV found with
 * "postgres"}) and then every setting in alphabetical order ({@code pg_port = 5432}, as JSON); sensitive values are
 * {@code ******}.
 */
public final class ConfigLoader {
    /** Files tried, in order, when no {@code -c FILE} is given. */
    public static final List<Path> DEFAULT_CONFIG_FILES =
            List.of(Path.of("/etc/tollgate/tollgate.conf"), Path.of("/etc/kong/kong.conf"));

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
    private static final Pattern TRAILING_COMMENT = Pattern.compile("(^|[ \\t])#.*$", Pattern.DOTALL);

    private final Map<String, String> environment;
    private final List<Path> defaultFiles;
    private final Consumer<String> warnings;

    /**
     * @param environment the process environment (inject a map in tests)
     * @param defaultFiles files tried in order when no file is given
     * @param warnings receives one-line warnings (unknown properties, ignored listener flags)
     */
    public ConfigLoader(Map<String, String> environment, List<Path> defaultFiles, Consumer<String> warnings) {
        this.environment = Map.copyOf(environment);
        this.defaultFiles = List.copyOf(defaultFiles);
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    /** @return a loader over {@link System#getenv()} and {@link #DEFAULT_CONFIG_FILES}, warning through SLF4J */
    public static ConfigLoader fromSystem() {
        return new ConfigLoader(System.getenv(), DEFAULT_CONFIG_FILES, LOG::warn);
    }

    /**
     * Loads the configuration.
     *
     * @param file the file given with {@code -c}, or {@code null} to try the default files
     * @return the validated configuration
     * @throws ConfigException if the given file does not exist ({@code no file at: <file>}, Kong's message) or cannot
     *     be read, or a value is invalid
     */
    public TollgateConfig load(@Nullable Path file) {
        return load(file, Map.of());
    }

    /**
     * Loads the configuration with programmatic overrides, which win over every other source.
     *
     * @param file the file given with {@code -c}, or {@code null} to try the default files
     * @param overrides values by Kong property name, e.g. {@code "admin_listen" -> "127.0.0.1:0"}
     * @return the validated configuration
     * @throws ConfigException as {@link #load(Path)}, or if an override names an unknown property
     */
    public TollgateConfig load(@Nullable Path file, Map<String, String> overrides) {
        Map<Property, String> raw = new EnumMap<>(Property.class);
        configFile(file).ifPresent(path -> readFile(path, raw));
        for (Property p : Property.values()) {
            fromEnvironment(p, p.envName())
                    .or(() -> fromEnvironment(p, p.kongEnvName()))
                    .ifPresent(v -> raw.put(p, v));
        }
        overrides.forEach((key, value) -> {
            Property p = Property.byKey(key).orElseThrow(() -> new ConfigException("unknown property: " + key));
            nonEmpty(value).ifPresent(v -> raw.put(p, v));
        });
        TollgateConfig config = ConfigParser.parse(raw, warnings);
        if (LOG.isDebugEnabled()) { // Kong's `--vv`: every setting in alphabetical order, secrets masked
            ObjectMapper json = new ObjectMapper(); // only then: a command's start-up does not pay for it
            new TreeMap<>(config.sanitised()).forEach((key, value) -> LOG.debug("{} = {}", key, shown(json, value)));
        }
        return config;
    }

    /** The value of the environment variable {@code name}, logged at debug as Kong's conf_loader does. */
    private Optional<String> fromEnvironment(Property property, String name) {
        Optional<String> value = nonEmpty(environment.get(name));
        value.ifPresent(v -> LOG.debug("{} ENV found with \"{}\"", name, property.sensitive() ? Property.MASK : v));
        return value;
    }

    /** A setting as JSON ({@code "text"}, {@code 5}, {@code ["a","b"]}, {@code null}). */
    private static String shown(ObjectMapper json, @Nullable Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    private Optional<Path> configFile(@Nullable Path file) {
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("no file at: " + file);
            }
            return Optional.of(file);
        }
        return defaultFiles.stream().filter(Files::isRegularFile).findFirst();
    }

    private void readFile(Path path, Map<Property, String> raw) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("cannot read configuration file " + path + ": " + e.getMessage());
        }
        LOG.debug("reading config file at {}", path); // Kong's wording
        for (String key : properties.stringPropertyNames()) {
            Optional<Property> property = Property.byKey(key);
            if (property.isEmpty()) {
                warnings.accept("unknown property \"" + key + "\" in " + path + " is ignored");
                continue;
            }
            String value = TRAILING_COMMENT.matcher(properties.getProperty(key)).replaceFirst("");
            nonEmpty(value).ifPresent(v -> raw.put(property.get(), v));
        }
    }

    private static Optional<String> nonEmpty(@Nullable String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }
}
