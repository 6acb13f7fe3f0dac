package io.tollgate.application.plugin.bundled;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Kong's rate-limiting periods, shortest first: fixed windows aligned to UTC boundaries (the second, minute, hour,
 * day, first day of the month and January 1st).
 */
enum RatePeriod {
    SECOND(1_000L),
    MINUTE(60_000L),
    HOUR(3_600_000L),
    DAY(86_400_000L),
    MONTH(0),
    YEAR(0);

    /** Every period, shortest first. */
    static final RatePeriod[] ALL = values();

    /** Fixed length in milliseconds; 0 for the calendar periods. */
    private final long length;

    private final String kongName;
    private final String limitHeader;
    private final String remainingHeader;

    RatePeriod(long length) {
        this.length = length;
        this.kongName = name().toLowerCase(java.util.Locale.ROOT);
        String title = name().charAt(0) + kongName.substring(1);
        this.limitHeader = "X-RateLimit-Limit-" + title;
        this.remainingHeader = "X-RateLimit-Remaining-" + title;
    }

    /** Kong's config field and counter name, e.g. {@code minute}. */
    String kongName() {
        return kongName;
    }

    /** {@code X-RateLimit-Limit-<Period>}. */
    String limitHeader() {
        return limitHeader;
    }

    /** {@code X-RateLimit-Remaining-<Period>}. */
    String remainingHeader() {
        return remainingHeader;
    }

    /** The first instant (epoch ms) of the window holding {@code now} (epoch ms). */
    long start(long now) {
        if (length > 0) {
            return Math.floorDiv(now, length) * length;
        }
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC);
        LocalDate first = this == MONTH ? day.withDayOfMonth(1) : day.withDayOfYear(1);
        return first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** The first instant (epoch ms) of the window after the one starting at {@code start} (epoch ms). */
    long end(long start) {
        if (length > 0) {
            return start + length;
        }
        LocalDate first = LocalDate.ofInstant(Instant.ofEpochMilli(start), ZoneOffset.UTC);
        LocalDate next = this == MONTH ? first.plusMonths(1) : first.plusYears(1);
        return next.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
