package io.tollgate.bootstrap.config;

/**
 * An invalid configuration: a value that does not parse or breaks a rule, or a configuration file that cannot be
 * read. The message is one line that names the property (Kong's style, e.g.
 * {@code invalid db_update_frequency: "abc" is not a number of seconds}) and is meant to be shown to the operator
 * as is; the CLI prints it as {@code Error: <message>} and exits with status 2.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the property or file at fault */
    public ConfigException(String message) {
        super(message);
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
        return new ConfigException("invalid " + property.key() + ": \"" + shown + "\" " + problem);
    }
}
