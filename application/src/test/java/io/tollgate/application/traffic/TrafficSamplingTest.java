package io.tollgate.application.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.port.DatabaseUnavailable;
import io.tollgate.application.port.TrafficSample;
import io.tollgate.application.port.in.BrowseTraffic;
import io.tollgate.application.port.out.TrafficSamples;
import io.tollgate.domain.service.ServiceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class TrafficSamplingTest {

    static final UUID NODE = UUID.randomUUID();
    static final ServiceId SERVICE = new ServiceId(UUID.randomUUID());
    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    /** An in-memory table, as the port describes it. */
    static final class Table implements TrafficSamples {
        final List<TrafficSample> rows = new ArrayList<>();
        boolean down;

        @Override
        public void append(List<TrafficSample> samples) {
            if (down) {
                throw new DatabaseUnavailable("down", new RuntimeException());
            }
            rows.addAll(samples);
        }

        @Override
        public List<TrafficSample> since(Instant since, @Nullable UUID nodeId, @Nullable UUID serviceId) {
            return rows.stream()
                    .filter(s -> !s.at().isBefore(since))
                    .filter(s -> nodeId == null || s.nodeId().equals(nodeId))
                    .filter(s -> serviceId == null || serviceId.equals(s.serviceId()))
                    .sorted(java.util.Comparator.comparing(TrafficSample::nodeId)
                            .thenComparing(s ->
                                    s.serviceId() == null ? "" : s.serviceId().toString())
                            .thenComparing(TrafficSample::at))
                    .toList();
        }

        @Override
        public int deleteBefore(Instant before) {
            int n = rows.size();
            rows.removeIf(s -> s.at().isBefore(before));
            return n - rows.size();
        }
    }

    final Table table = new Table();
    final TrafficRecorder recorder = new TrafficRecorder(NODE);

    TrafficSampling sampling(Instant now) {
        return new TrafficSampling(recorder, table, Duration.ofSeconds(10), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void samples_are_written_per_interval_grouped_into_series_and_pruned_after_an_hour() {
        table.rows.add(new TrafficSample(NODE, null, NOW.minusSeconds(3601), 10_000, 1, 0, 1, 1, 1, null));
        recorder.proxied(SERVICE, 200, 3);
        sampling(NOW).sampleOnce();

        assertThat(table.rows).hasSize(2).allSatisfy(s -> assertThat(s.at()).isEqualTo(NOW));
        List<BrowseTraffic.Series> series = sampling(NOW.plusSeconds(1)).traffic(60, null, null);
        assertThat(series).extracting(BrowseTraffic.Series::serviceId).containsExactly(null, SERVICE.value());
        assertThat(series.getFirst().points())
                .singleElement()
                .satisfies(p -> assertThat(p.requests()).isEqualTo(1));
        assertThat(sampling(NOW.plusSeconds(1)).traffic(60, null, SERVICE.value()))
                .singleElement()
                .satisfies(s -> assertThat(s.serviceId()).isEqualTo(SERVICE.value()));
        assertThat(sampling(NOW.plusSeconds(61)).traffic(1, null, null)).isEmpty();
        assertThat(sampling(NOW).intervalSeconds()).isEqualTo(10);
    }

    @Test
    void minutes_out_of_range_are_refused() {
        assertThatThrownBy(() -> sampling(NOW).traffic(0, null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sampling(NOW).traffic(61, null, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_outage_drops_the_interval_and_sampling_goes_on() {
        table.down = true;
        recorder.proxied(SERVICE, 200, 3);
        assertThatThrownBy(() -> sampling(NOW).sampleOnce()).isInstanceOf(DatabaseUnavailable.class);
        table.down = false;
        recorder.proxied(SERVICE, 200, 3);
        sampling(NOW.plusSeconds(10)).sampleOnce();
        assertThat(table.rows)
                .filteredOn(s -> s.serviceId() == null)
                .singleElement()
                .satisfies(s -> assertThat(s.requests()).isEqualTo(1));
        assertThat(Objects.requireNonNull(table.rows.getFirst().at())).isEqualTo(NOW.plusSeconds(10));
    }
}
