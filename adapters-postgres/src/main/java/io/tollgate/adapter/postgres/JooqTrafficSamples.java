package io.tollgate.adapter.postgres;

import io.tollgate.application.port.TrafficSample;
import io.tollgate.application.port.out.TrafficSamples;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;

/**
 * The {@code traffic_samples} table (migration V14) in plain SQL: one multi-row insert per interval, one range read
 * on {@code sampled_at} (its index), one range delete.
 */
@Singleton
final class JooqTrafficSamples implements TrafficSamples {

    private static final String INSERT = "INSERT INTO traffic_samples (node_id, service_id, sampled_at, interval_ms,"
            + " requests, errors, p50_ms, p95_ms, p99_ms, propagation_lag_ms)"
            + " SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::timestamptz[], ?::bigint[], ?::bigint[], ?::bigint[],"
            + " ?::float8[], ?::float8[], ?::float8[], ?::float8[])";

    private static final String SELECT = "SELECT node_id, service_id, sampled_at, interval_ms, requests, errors,"
            + " p50_ms, p95_ms, p99_ms, propagation_lag_ms FROM traffic_samples WHERE sampled_at >= ?::timestamptz"
            + " AND (?::uuid IS NULL OR node_id = ?::uuid) AND (?::uuid IS NULL OR service_id = ?::uuid)"
            + " ORDER BY node_id, service_id NULLS FIRST, sampled_at";

    private final DSLContext dsl;

    @Inject
    JooqTrafficSamples(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void append(List<TrafficSample> samples) {
        if (samples.isEmpty()) {
            return;
        }
        int n = samples.size();
        String[] nodes = new String[n];
        @Nullable String[] services = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        Long[] intervals = new Long[n];
        Long[] requests = new Long[n];
        Long[] errors = new Long[n];
        Double[] p50 = new Double[n];
        Double[] p95 = new Double[n];
        Double[] p99 = new Double[n];
        Double[] lag = new Double[n];
        for (int i = 0; i < n; i++) {
            TrafficSample s = samples.get(i);
            nodes[i] = s.nodeId().toString();
            services[i] = s.serviceId() == null ? null : s.serviceId().toString();
            at[i] = s.at().atOffset(ZoneOffset.UTC);
            intervals[i] = s.intervalMs();
            requests[i] = s.requests();
            errors[i] = s.errors();
            p50[i] = s.p50Ms();
            p95[i] = s.p95Ms();
            p99[i] = s.p99Ms();
            lag[i] = s.propagationLagMs();
        }
        run(() -> dsl.execute(INSERT, nodes, services, at, intervals, requests, errors, p50, p95, p99, lag));
    }

    @Override
    public List<TrafficSample> since(Instant since, @Nullable UUID nodeId, @Nullable UUID serviceId) {
        @Nullable String node = nodeId == null ? null : nodeId.toString();
        @Nullable String service = serviceId == null ? null : serviceId.toString();
        return run(() -> {
            List<TrafficSample> out = new ArrayList<>();
            for (Record r : dsl.fetch(SELECT, since.atOffset(ZoneOffset.UTC), node, node, service, service)) {
                out.add(new TrafficSample(
                        r.get(0, UUID.class),
                        r.get(1, UUID.class),
                        r.get(2, OffsetDateTime.class).toInstant(),
                        r.get(3, Long.class),
                        r.get(4, Long.class),
                        r.get(5, Long.class),
                        r.get(6, Double.class),
                        r.get(7, Double.class),
                        r.get(8, Double.class),
                        r.get(9, Double.class)));
            }
            return out;
        });
    }

    @Override
    public int deleteBefore(Instant before) {
        return run(() -> dsl.execute(
                "DELETE FROM traffic_samples WHERE sampled_at < ?::timestamptz", before.atOffset(ZoneOffset.UTC)));
    }

    private static <T> T run(Supplier<T> statement) {
        try {
            return statement.get();
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }
}
