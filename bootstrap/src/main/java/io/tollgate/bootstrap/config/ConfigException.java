package io.tollgate.bootstrap.config;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An invalid configuration: a value that does not parse or breaks a rule, or a configuration file that cannot be
 * read. The message is one line that names the property (Kong's style, e.g.
 * {@code invalid db_update_frequency: "abc" is not a number of seconds}) and is meant to be shown to the operator
 * as is; the CLI prints it as {@code Error: <message>} and exits with status 2. When several properties are invalid
 * the message names the first and {@link #problems()} lists them all ({@code tollgate check} prints every one).
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final @Nullable Property property;
    private final List<String> problems;

    /** @param message one line naming the property or file at fault */
    public ConfigException(String message) {
        this(message, null, List.of(message));
    }

    private ConfigException(String message, @Nullable Property property, List<String> problems) {
        super(message);
        this.property = property;
        this.problems = List.copyOf(problems);
    }

    /**
     * @return every problem found, one line each, in the order found; the first is {@link #getMessage()}; never
     *     empty
     */
    public List<String> problems() {
        return problems;
    }

    /** The property whose value is at fault, when one is ({@link #invalid}); empty for a file or a rule of several. */
    Optional<Property> property() {
        return Optional.ofNullable(property);
    }

    /**
     * Builds the standard message for a value that fails a rule.
     *
     * @param property the property at fault
     * @param value the offending (trimmed) value
     * @param problem what is wrong, e.g. {@code is not a number of seconds}
     * @return {@code invalid <property>: "<value>" <problem>}; a sensitive value is shown as {@code ******}
     */
    static ConfigException invalid(Property property, String value, String problem) {
        String shown = property.sensitive() ? Property.MASK : value;
        String message = "invalid " + property.key() + ": \"" + shown + "\" " + problem;
        return new ConfigException(message, property, List.of(message));
    }

    /**
     * @param problems one line each, at least one
     * @return an exception whose message is the first problem and whose {@link #problems()} are all of them
     */
    static ConfigException all(List<String> problems) {
        return new ConfigException(problems.getFirst(), null, problems);
    }
}
