package io.tollgate.adapter.postgres;

import java.math.BigDecimal;
import java.time.Instant;

/** Moments as operators read and type them: epoch seconds with up to six decimals, and the UTC date. */
final class Moments {

    private Moments() {}

    /** E.g. {@code 1700000000.123456 (2023-11-14T22:13:20.123456Z)}. */
    static String text(Instant moment) {
        return epochSeconds(moment).toPlainString() + " (" + moment + ")";
    }

    /** Seconds since the epoch, the fraction without trailing zeros (whole seconds have none). */
    static BigDecimal epochSeconds(Instant moment) {
        BigDecimal seconds = BigDecimal.valueOf(moment.getEpochSecond())
                .add(BigDecimal.valueOf(moment.getNano(), 9))
                .stripTrailingZeros();
        return seconds.scale() < 0 ? seconds.setScale(0) : seconds;
    }
}
