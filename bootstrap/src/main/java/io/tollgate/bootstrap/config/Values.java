package io.tollgate.bootstrap.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the scalar value kinds of the configuration; each failure is a {@link ConfigException}. */
final class Values {
    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg]?)", Pattern.CASE_INSENSITIVE);

    private Values() {}

    /**
     * Seconds, fractions allowed ({@code 0.5}), held to the nanosecond.
     *
     * @param mustBePositive {@code true} for "greater than 0", {@code false} for "0 or more"
     */
    static Duration seconds(Property property, String value, boolean mustBePositive) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(property, value, "is not a number of seconds");
        }
        if (mustBePositive && seconds.signum() <= 0) {
            throw ConfigException.invalid(property, value, "must be greater than 0 seconds");
        }
        if (seconds.signum() < 0) {
            throw ConfigException.invalid(property, value, "must be 0 or more seconds");
        }
        try {
            long nanos =
                    seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
            if (mustBePositive && nanos == 0) {
                throw ConfigException.invalid(property, value, "must be greater than 0 seconds");
            }
            return Duration.ofNanos(nanos);
        } catch (ArithmeticException e) {
            throw ConfigException.invalid(property, value, "is too large a number of seconds");
        }
    }

    /** A whole number of milliseconds, greater than 0 (Kong's {@code pg_timeout}). */
    static Duration positiveMillis(Property property, String value) {
        long millis = integer(property, value, "is not a whole number of milliseconds");
        if (millis <= 0) {
            throw ConfigException.invalid(property, value, "must be greater than 0 milliseconds");
        }
        return Duration.ofMillis(millis);
    }

    /** A TCP port, 1 to 65535. */
    static int port(Property property, String value) {
        long port = integer(property, value, "is not a port number (1-65535)");
        if (port < 1 || port > 65535) {
            throw ConfigException.invalid(property, value, "is not a port number (1-65535)");
        }
        return (int) port;
    }

    /** A size in bytes: digits with an optional {@code k}, {@code m} or {@code g} suffix (powers of 1024); > 0. */
    static long size(Property property, String value) {
        Matcher m = SIZE.matcher(value);
        String problem = "is not a size (bytes, or a number followed by k, m or g)";
        if (!m.matches()) {
            throw ConfigException.invalid(property, value, problem);
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        try {
            long bytes = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
            if (bytes <= 0) {
                throw ConfigException.invalid(property, value, "must be greater than 0");
            }
            return bytes;
        } catch (ArithmeticException | NumberFormatException e) {
            throw ConfigException.invalid(property, value, "is too large a size");
        }
    }

    /**
     * Comma-separated absolute {@code http} or {@code https} URLs with a host (Kong's {@code admin_gui_url}); blanks
     * around the commas are ignored.
     */
    static List<String> urls(Property property, String value) {
        List<String> urls = new ArrayList<>();
        for (String part : value.split(",")) {
            String url = part.trim();
            if (url.isEmpty()) {
                continue;
            }
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    urls.add(url);
                    continue;
                }
            } catch (URISyntaxException e) {
                // reported below
            }
            throw ConfigException.invalid(property, url, "is not an http(s) URL with a host");
        }
        return List.copyOf(urls);
    }

    /** A path; a relative one is resolved against the working directory. */
    static Path path(Property property, String value) {
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw ConfigException.invalid(property, value, "is not a valid path");
        }
    }

    /** One of an enum's constants, written in lower case (upper case accepted). */
    static <E extends Enum<E>> E oneOf(Property property, String value, Class<E> type, String expected) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid(property, value, "is not one of " + expected);
        }
    }

    /** Kong's flag values: {@code on} / {@code true} or {@code off} / {@code false} (any case). */
    static boolean onOff(Property property, String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw ConfigException.invalid(property, value, "is not on or off");
        };
    }

    /** A UUID in its canonical 36-character form ({@code 8-4-4-4-12} hexadecimal digits, any case). */
    static UUID uuid(Property property, String value) {
        if (!UUID_FORM.matcher(value).matches()) {
            throw ConfigException.invalid(property, value, "is not a UUID");
        }
        return UUID.fromString(value);
    }

    static int nonNegativeInt(Property property, String value) {
        long n = integer(property, value.trim(), "is not a whole number");
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw ConfigException.invalid(property, value, "must be between 0 and " + Integer.MAX_VALUE);
        }
        return (int) n;
    }

    private static long integer(Property property, String value, String problem) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(property, value, problem);
        }
    }
}
