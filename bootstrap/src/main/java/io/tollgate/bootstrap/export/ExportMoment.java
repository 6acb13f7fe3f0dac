package io.tollgate.bootstrap.export;

import io.tollgate.application.port.out.LogPosition;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The moment {@code tollgate config export --at} and {@code GET /history/export?at=} ask for: now, a moment in epoch
 * seconds, or a log position.
 */
public sealed interface ExportMoment {

    /** No {@code --at}: the configuration now. */
    record Now() implements ExportMoment {}

    /** {@code --at 1700000000} or {@code --at 1700000000.25}: seconds since the epoch (microseconds count). */
    record Epoch(Instant moment) implements ExportMoment {}

    /** {@code --at 1234:56}: a log position {@code <commit number>:<event id>}. */
    record Position(LogPosition position) implements ExportMoment {}

    /**
     * Reads {@code --at}'s value: a position if it holds a {@code :}, otherwise epoch seconds (a decimal number).
     *
     * @throws IllegalArgumentException when it is neither (the message says what is expected)
     */
    static ExportMoment parse(String text) {
        return parse(text, "--at");
    }

    /**
     * As {@link #parse(String)}, naming {@code option} (e.g. {@code at}) in the message.
     *
     * @throws IllegalArgumentException when it is neither (the message says what is expected)
     */
    static ExportMoment parse(String text, String option) {
        String value = text.strip();
        if (value.contains(":")) {
            return new Position(LogPosition.parse(value));
        }
        // Up to 12 digits of seconds (until the year 33658) and up to 9 decimals.
        if (!value.matches("[0-9]{1,12}(\\.[0-9]{1,9})?")) {
            throw new IllegalArgumentException(
                    option + " takes epoch seconds (e.g. 1700000000 or 1700000000.5) or a log"
                            + " position <commit number>:<event id> (e.g. 1234:56); got '" + text + "'");
        }
        BigDecimal seconds = new BigDecimal(value);
        long whole = seconds.longValue();
        int nanos =
                seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        return new Epoch(Instant.ofEpochSecond(whole, nanos));
    }
}
