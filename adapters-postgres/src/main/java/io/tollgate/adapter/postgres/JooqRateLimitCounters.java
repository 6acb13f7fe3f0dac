package io.tollgate.adapter.postgres;

import io.tollgate.application.plugin.spi.CounterKey;
import io.tollgate.application.plugin.spi.RateLimitCounters;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The rate-limiting {@code cluster} policy's counters in {@code ratelimiting_metrics} (Kong's table, migration V10).
 * A batch of increments is one {@code INSERT … SELECT FROM unnest(…) ON CONFLICT DO UPDATE SET value = value + n
 * RETURNING value} (rows sorted by key, so that two nodes' batches lock rows in the same order and never deadlock);
 * the counters only read are one {@code SELECT} joined with {@code unnest}. Windows are stored as
 * {@code timestamptz} at millisecond precision.
 */
@Singleton
final class JooqRateLimitCounters implements RateLimitCounters {

    private static final String MS = "to_timestamp(0) + (u.%s)::bigint * interval '1 millisecond'";
    private static final String MS_OUT = "(extract(epoch from m.period_date) * 1000)::bigint";

    private static final String UPSERT = "INSERT INTO ratelimiting_metrics AS m"
            + " (identifier, period, period_date, service_id, route_id, value, ttl)"
            + " SELECT u.i, u.p, " + MS.formatted("d") + ", u.s::uuid, u.r::uuid, u.v::bigint, " + MS.formatted("t")
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])"
            + " WITH ORDINALITY AS u(i, p, d, s, r, v, t, n) ORDER BY u.n"
            + " ON CONFLICT (identifier, period, period_date, service_id, route_id)"
            + " DO UPDATE SET value = m.value + EXCLUDED.value"
            + " RETURNING m.identifier, m.period, " + MS_OUT + " AS d, m.service_id, m.route_id, m.value";

    private static final String READ = "SELECT m.identifier, m.period, " + MS_OUT + " AS d, m.service_id,"
            + " m.route_id, m.value FROM ratelimiting_metrics m"
            + " JOIN unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS u(i, p, d, s, r)"
            + " ON m.identifier = u.i AND m.period = u.p AND m.period_date = " + MS.formatted("d")
            + " AND m.service_id = u.s::uuid AND m.route_id = u.r::uuid";

    private static final Comparator<CounterKey> ORDER = Comparator.comparing(CounterKey::identifier)
            .thenComparing(CounterKey::period)
            .thenComparingLong(CounterKey::windowStart)
            .thenComparing(CounterKey::serviceOrNone)
            .thenComparing(CounterKey::routeOrNone);

    private final DSLContext dsl;

    @Inject
    JooqRateLimitCounters(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A row's identity as the database returns it. */
    private record RowKey(String identifier, String period, long windowStart, UUID service, UUID route) {
        static RowKey of(CounterKey key) {
            return new RowKey(
                    key.identifier(), key.period(), key.windowStart(), key.serviceOrNone(), key.routeOrNone());
        }

        static RowKey of(Record row) {
            return new RowKey(
                    row.get(0, String.class),
                    row.get(1, String.class),
                    row.get(2, Long.class),
                    row.get(3, UUID.class),
                    row.get(4, UUID.class));
        }
    }

    @Override
    public Map<CounterKey, Long> addAndRead(Map<CounterKey, Long> increments, Set<CounterKey> reads) {
        Map<RowKey, CounterKey> wanted = new HashMap<>();
        Map<CounterKey, Long> values = new HashMap<>();
        for (CounterKey key : increments.keySet()) {
            wanted.put(RowKey.of(key), key);
            values.put(key, 0L);
        }
        for (CounterKey key : reads) {
            wanted.put(RowKey.of(key), key);
            values.put(key, 0L);
        }
        if (!increments.isEmpty()) {
            List<CounterKey> sorted = new ArrayList<>(increments.keySet());
            sorted.sort(ORDER);
            Object[] binds = columns(sorted, true, increments);
            collect(dsl.fetch(UPSERT, binds), wanted, values);
        }
        if (!reads.isEmpty()) {
            collect(dsl.fetch(READ, columns(List.copyOf(reads), false, Map.of())), wanted, values);
        }
        return values;
    }

    @Override
    public int deleteEnded(long now) {
        return dsl.execute(
                "DELETE FROM ratelimiting_metrics WHERE ttl <= to_timestamp(0) + ?::bigint * interval '1 millisecond'",
                now);
    }

    private static void collect(
            Iterable<? extends Record> rows, Map<RowKey, CounterKey> wanted, Map<CounterKey, Long> values) {
        for (Record row : rows) {
            CounterKey key = wanted.get(RowKey.of(row));
            if (key != null) {
                values.put(key, row.get(5, Long.class));
            }
        }
    }

    /** The keys as text arrays, one per column: identifier, period, window start, service, route (value, ttl). */
    private static Object[] columns(List<CounterKey> keys, boolean upsert, Map<CounterKey, Long> increments) {
        int n = keys.size();
        String[][] columns = new String[upsert ? 7 : 5][n];
        for (int i = 0; i < n; i++) {
            CounterKey key = keys.get(i);
            columns[0][i] = key.identifier();
            columns[1][i] = key.period();
            columns[2][i] = Long.toString(key.windowStart());
            columns[3][i] = key.serviceOrNone().toString();
            columns[4][i] = key.routeOrNone().toString();
            if (upsert) {
                columns[5][i] = Long.toString(increments.get(key));
                columns[6][i] = Long.toString(key.windowEnd());
            }
        }
        return columns;
    }
}
