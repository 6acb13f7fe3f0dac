package io.tollgate.application.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void latencies_fall_in_the_bucket_of_their_upper_bound() {
        assertThat(LatencyHistogram.bucket(-3)).isZero();
        assertThat(LatencyHistogram.bucket(0)).isZero();
        assertThat(LatencyHistogram.bucket(1)).isEqualTo(1);
        assertThat(LatencyHistogram.BOUNDS[LatencyHistogram.bucket(6)]).isEqualTo(7);
        assertThat(LatencyHistogram.BOUNDS[LatencyHistogram.bucket(100)]).isEqualTo(100);
        assertThat(LatencyHistogram.BOUNDS[LatencyHistogram.bucket(101)]).isEqualTo(150);
        assertThat(LatencyHistogram.bucket(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.BOUNDS.length);
    }

    @Test
    void percentiles_interpolate_within_their_bucket() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 0; i < 90; i++) {
            histogram.record(8); // (7, 10]
        }
        for (int i = 0; i < 10; i++) {
            histogram.record(180); // (150, 200]
        }
        long[] counts = histogram.counts();
        // rank 50 of 90 in (7, 10]: 7 + 3 * 50/90
        assertThat(LatencyHistogram.percentile(counts, 0.50)).isCloseTo(7 + 3 * 50 / 90.0, within(1e-9));
        // rank 95: 5 of the 10 in (150, 200]
        assertThat(LatencyHistogram.percentile(counts, 0.95)).isCloseTo(175.0, within(1e-9));
        assertThat(LatencyHistogram.percentile(counts, 0.99)).isCloseTo(195.0, within(1e-9));
        assertThat(LatencyHistogram.percentile(counts, 0.50)).isBetween(7.0, 10.0);
    }

    @Test
    void an_empty_interval_has_zero_percentiles_and_the_overflow_bucket_answers_its_floor() {
        assertThat(LatencyHistogram.percentile(new LatencyHistogram().counts(), 0.99))
                .isZero();
        LatencyHistogram slow = new LatencyHistogram();
        slow.record(500_000);
        assertThat(LatencyHistogram.percentile(slow.counts(), 0.5)).isEqualTo(120_000.0);
    }
}
