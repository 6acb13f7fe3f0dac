package io.tollgate.bootstrap.config;

import java.nio.file.Path;

/**
 * Where the node's own log goes (Kong's {@code proxy_error_log}; Tollgate has one log for the proxy and the Admin
 * API): the console's standard error or output ({@code /dev/stderr}, {@code /dev/stdout}, written to the process's
 * stream rather than by opening the device), or a file rotated by size.
 */
public sealed interface ErrorLog {

    /** {@code /dev/stderr}: the process's standard error (Tollgate's default). */
    record Stderr() implements ErrorLog {}

    /** {@code /dev/stdout}: the process's standard output. */
    record Stdout() implements ErrorLog {}

    /** A file (absolute, resolved against the prefix), rotated as the access logs are. */
    record File(Path path) implements ErrorLog {}

    /** @return the value as written in the configuration: the device name or the file's absolute path */
    default String configValue() {
        return switch (this) {
            case Stderr stderr -> "/dev/stderr";
            case Stdout stdout -> "/dev/stdout";
            case File file -> file.path().toString();
        };
    }

    /**
     * Parses {@code proxy_error_log}: {@code /dev/stderr}, {@code /dev/stdout}, or a path relative to the prefix unless
     * absolute.
     *
     * @throws ConfigException naming the property for an empty or invalid path
     */
    static ErrorLog parse(Path prefix, String value) {
        String v = value.trim();
        return switch (v) {
            case "/dev/stderr" -> new Stderr();
            case "/dev/stdout" -> new Stdout();
            default -> {
                if (v.isEmpty() || v.equalsIgnoreCase("off")) {
                    throw ConfigException.invalid(
                            Property.PROXY_ERROR_LOG, value, "is neither a path nor /dev/stderr or /dev/stdout");
                }
                try {
                    yield new File(prefix.resolve(Path.of(v)).normalize());
                } catch (java.nio.file.InvalidPathException e) {
                    throw ConfigException.invalid(Property.PROXY_ERROR_LOG, value, "is not a valid path");
                }
            }
        };
    }
}
