package io.tollgate.application.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.TrafficSample;
import io.tollgate.domain.service.ServiceId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrafficRecorderTest {

    static final UUID NODE = UUID.randomUUID();
    static final ServiceId A = new ServiceId(UUID.randomUUID());
    static final ServiceId B = new ServiceId(UUID.randomUUID());

    final TrafficRecorder recorder = new TrafficRecorder(NODE);

    @Test
    void an_interval_holds_what_was_recorded_since_the_previous_drain() {
        recorder.proxied(A, 200, 5);
        recorder.proxied(A, 502, 5);
        recorder.proxied(null, 404, 1);
        recorder.proxied(B, 500, 100);

        List<TrafficSample> first = recorder.drain(Instant.ofEpochSecond(10), 10_000);
        assertThat(first.getFirst().serviceId()).isNull();
        assertThat(first.getFirst().nodeId()).isEqualTo(NODE);
        assertThat(first.getFirst().requests()).isEqualTo(4);
        assertThat(first.getFirst().errors()).isEqualTo(2);
        assertThat(first.getFirst().at()).isEqualTo(Instant.ofEpochSecond(10));
        assertThat(first.getFirst().intervalMs()).isEqualTo(10_000);
        assertThat(first.getFirst().propagationLagMs()).isNull();
        assertThat(first.stream().filter(s -> A.value().equals(s.serviceId())))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.requests()).isEqualTo(2);
                    assertThat(s.errors()).isEqualTo(1);
                    assertThat(s.p50Ms()).isBetween(4.0, 5.0);
                });

        // roll-over: the next interval starts from zero; a quiet service has no sample, the node always has one
        recorder.proxied(B, 200, 30);
        recorder.propagated(40);
        recorder.propagated(12);
        List<TrafficSample> second = recorder.drain(Instant.ofEpochSecond(20), 10_000);
        assertThat(second).extracting(TrafficSample::serviceId).containsExactly(null, B.value());
        assertThat(second.get(0).requests()).isEqualTo(1);
        assertThat(second.get(0).errors()).isZero();
        assertThat(second.get(0).propagationLagMs()).isEqualTo(40.0);
        assertThat(second.get(1).propagationLagMs()).isNull();
        assertThat(second.get(1).p99Ms()).isBetween(25.0, 30.0);

        List<TrafficSample> quiet = recorder.drain(Instant.ofEpochSecond(30), 10_000);
        assertThat(quiet).singleElement().satisfies(s -> {
            assertThat(s.requests()).isZero();
            assertThat(s.p50Ms()).isZero();
            assertThat(s.propagationLagMs()).isNull();
        });
    }

    @Test
    void a_service_idle_for_long_is_forgotten_and_counted_afresh_when_it_comes_back() {
        TrafficRecorder forgetful = new TrafficRecorder(NODE, 2);
        forgetful.proxied(A, 200, 1);
        assertThat(forgetful.drain(Instant.EPOCH, 1000)).hasSize(2);
        assertThat(forgetful.drain(Instant.EPOCH, 1000)).hasSize(1); // idle once
        assertThat(forgetful.drain(Instant.EPOCH, 1000)).hasSize(1); // idle twice: forgotten
        forgetful.proxied(A, 200, 1);
        assertThat(forgetful.drain(Instant.EPOCH, 1000))
                .filteredOn(s -> A.value().equals(s.serviceId()))
                .singleElement()
                .satisfies(s -> assertThat(s.requests()).isEqualTo(1));
    }

    @Test
    void concurrent_recording_loses_no_request() throws Exception {
        int threads = 4;
        int each = 20_000;
        Thread[] workers = IntStream.range(0, threads)
                .mapToObj(t -> Thread.ofPlatform().unstarted(() -> {
                    for (int i = 0; i < each; i++) {
                        recorder.proxied(i % 2 == 0 ? A : B, i % 10 == 0 ? 503 : 200, i % 50);
                    }
                }))
                .toArray(Thread[]::new);
        long drained = 0;
        for (Thread w : workers) {
            w.start();
        }
        for (Thread w : workers) {
            while (w.isAlive()) {
                drained += recorder.drain(Instant.now(), 1000).getFirst().requests();
                w.join(1);
            }
        }
        List<TrafficSample> last = recorder.drain(Instant.now(), 1000);
        drained += last.getFirst().requests();
        assertThat(drained).isEqualTo((long) threads * each);
    }
}
