package io.tollgate.application.plugin.bundled;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * HTTP dates as nginx's {@code ngx.parse_http_time} reads them, which Kong's plugins use (hmac-auth's {@code Date}
 * and {@code X-Date}, proxy-cache's {@code Expires}): RFC 1123 ({@code Sun, 06 Nov 1994 08:49:37 GMT}), RFC 850
 * ({@code Sunday, 06-Nov-94 08:49:37 GMT}, a two-digit year below 70 in the 2000s, else the 1900s) and C's
 * {@code asctime} ({@code Sun Nov  6 08:49:37 1994}, GMT).
 */
final class HttpDates {

    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, LocalDate.of(1970, 1, 1))
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter ASCTIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("EEE MMM ppd HH:mm:ss yyyy")
            .toFormatter(Locale.ENGLISH);

    private static final List<DateTimeFormatter> ZONED = List.of(DateTimeFormatter.RFC_1123_DATE_TIME, RFC_850);

    private HttpDates() {}

    /** @return the instant {@code value} names, or {@code null} when it is in none of the three formats */
    static @Nullable Instant parse(String value) {
        String text = value.trim();
        for (DateTimeFormatter format : ZONED) {
            try {
                return ZonedDateTime.parse(text, format).toInstant();
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        try {
            return LocalDateTime.parse(text, ASCTIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
