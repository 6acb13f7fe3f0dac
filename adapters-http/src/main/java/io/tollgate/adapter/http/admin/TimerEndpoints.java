package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.in.InspectTimers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Kong's {@code GET /timers} in its shape ({@code worker}, {@code stats.sys}, {@code stats.timers},
 * {@code stats.flamegraph}), with the node's schedulers as the timers: Tollgate is one process, Kong's one worker
 * ({@code id} 0 of {@code count} 1), and each scheduler is one named timer whose call stack is its name. The flame
 * graphs are in the folded format Kong gives ({@code <stack> <value>} lines): tasks running, tasks pending, and the
 * milliseconds the runs took.
 */
final class TimerEndpoints {

    static final String PATH = "/timers";

    private final InspectTimers timers;

    TimerEndpoints(InspectTimers timers) {
        this.timers = Objects.requireNonNull(timers, "timers");
    }

    Endpoint timers() {
        return new Endpoint(Set.of("GET"), (method, exchange) -> Responses.json(exchange, 200, body(timers.timers())));
    }

    static Map<String, Object> body(InspectTimers.Timers now) {
        Map<String, Object> sys = new LinkedHashMap<>();
        sys.put("total", now.total());
        sys.put("runs", now.runs());
        sys.put("running", now.running());
        sys.put("pending", now.pending());
        sys.put("waiting", now.waiting());
        Map<String, Object> named = new LinkedHashMap<>();
        Map<String, InspectTimers.Timer> byName = new LinkedHashMap<>();
        for (InspectTimers.Timer timer : now.timers()) {
            String name = timer.name();
            for (int n = 2; byName.containsKey(name); n++) {
                name = timer.name() + "#" + n; // two schedulers of one name (e.g. health checks of two upstreams)
            }
            byName.put(name, timer);
            InspectTimers.Elapsed elapsed = timer.elapsed();
            named.put(
                    name,
                    Map.of(
                            "name",
                            name,
                            "meta",
                            Map.of("name", name, "callstack", timer.name()),
                            "stats",
                            Map.of(
                                    "elapsed_time",
                                    Map.of(
                                            "min", elapsed.min(),
                                            "max", elapsed.max(),
                                            "avg", elapsed.avg(),
                                            "variance", elapsed.variance()),
                                    "runs",
                                    timer.runs(),
                                    "finish",
                                    timer.finish(),
                                    "last_err_msg",
                                    timer.lastError())));
        }
        Map<String, Object> flamegraph = new LinkedHashMap<>();
        flamegraph.put("running", folded(byName, InspectTimers.Timer::running));
        flamegraph.put("pending", folded(byName, InspectTimers.Timer::pending));
        flamegraph.put(
                "elapsed_time", folded(byName, t -> Math.round(t.elapsed().avg() * t.runs() * 1000)));
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("flamegraph", flamegraph);
        stats.put("sys", sys);
        stats.put("timers", named);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("worker", Map.of("id", 0, "count", 1));
        body.put("stats", stats);
        return body;
    }

    /** One {@code <stack> <value>} line per timer with a value above zero. */
    private static String folded(Map<String, InspectTimers.Timer> timers, ToLongFunction<InspectTimers.Timer> value) {
        StringBuilder lines = new StringBuilder();
        timers.forEach((name, timer) -> {
            long v = value.applyAsLong(timer);
            if (v > 0) {
                lines.append(name).append(' ').append(v).append('\n');
            }
        });
        return lines.toString();
    }
}
