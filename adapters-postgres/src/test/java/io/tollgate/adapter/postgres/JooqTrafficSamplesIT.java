package io.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.TrafficSample;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code traffic_samples} table (V14) on a real PostgreSQL: writes, reads per node and service, pruning. */
class JooqTrafficSamplesIT extends DatabaseIT {

    static final UUID NODE_A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final UUID NODE_B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    static final UUID SERVICE = UUID.fromString("00000000-0000-0000-0000-000000000005");

    JooqTrafficSamples samples;
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @BeforeEach
    void samples() {
        db.dsl.execute("TRUNCATE traffic_samples");
        samples = new JooqTrafficSamples(db.dsl);
    }

    @Test
    void samples_read_back_per_node_and_service_oldest_first() {
        samples.append(List.of(
                sample(NODE_B, null, now.minusSeconds(10), 7, 1.5),
                sample(NODE_A, SERVICE, now, 3, null),
                sample(NODE_A, null, now, 5, null),
                sample(NODE_A, null, now.minusSeconds(10), 4, 12.0)));
        samples.append(List.of()); // nothing to write is no statement and no failure

        List<TrafficSample> all = samples.since(now.minusSeconds(60), null, null);
        assertThat(all)
                .extracting(TrafficSample::nodeId, TrafficSample::serviceId, TrafficSample::requests)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(NODE_A, null, 4L),
                        org.assertj.core.groups.Tuple.tuple(NODE_A, null, 5L),
                        org.assertj.core.groups.Tuple.tuple(NODE_A, SERVICE, 3L),
                        org.assertj.core.groups.Tuple.tuple(NODE_B, null, 7L));
        TrafficSample first = all.getFirst();
        assertThat(first.at()).isEqualTo(now.minusSeconds(10));
        assertThat(first.intervalMs()).isEqualTo(10_000);
        assertThat(first.errors()).isEqualTo(1);
        assertThat(first.p50Ms()).isEqualTo(2.0);
        assertThat(first.p95Ms()).isEqualTo(20.0);
        assertThat(first.p99Ms()).isEqualTo(40.5);
        assertThat(first.propagationLagMs()).isEqualTo(12.0);
        assertThat(all.get(1).propagationLagMs()).isNull();

        assertThat(samples.since(now.minusSeconds(60), NODE_B, null))
                .extracting(TrafficSample::requests)
                .containsExactly(7L);
        assertThat(samples.since(now.minusSeconds(60), null, SERVICE))
                .extracting(TrafficSample::nodeId, TrafficSample::requests)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(NODE_A, 3L));
        assertThat(samples.since(now.minusSeconds(60), NODE_B, SERVICE)).isEmpty();
        assertThat(samples.since(now.minusSeconds(5), null, null))
                .extracting(TrafficSample::at)
                .containsOnly(now);
    }

    @Test
    void pruning_deletes_the_samples_before_the_cutoff_only() {
        samples.append(List.of(
                sample(NODE_A, null, now.minusSeconds(3700), 1, null),
                sample(NODE_A, SERVICE, now.minusSeconds(3601), 1, null),
                sample(NODE_A, null, now.minusSeconds(3600), 2, null),
                sample(NODE_A, null, now, 3, null)));

        assertThat(samples.deleteBefore(now.minusSeconds(3600))).isEqualTo(2);

        assertThat(samples.since(Instant.EPOCH, null, null))
                .extracting(TrafficSample::requests)
                .containsExactly(2L, 3L);
        assertThat(samples.deleteBefore(now.minusSeconds(3600))).isZero();
    }

    private static TrafficSample sample(
            UUID node, @Nullable UUID service, Instant at, long requests, @Nullable Double lag) {
        return new TrafficSample(node, service, at, 10_000, requests, Math.min(1, requests), 2.0, 20.0, 40.5, lag);
    }
}
