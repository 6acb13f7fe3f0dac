# Reads one `wrk --latency` output; prints one tab-separated line: case body target rep requests/s p50_ms p99_ms
# failed (non-2xx/3xx responses + socket errors) cpu_us_per_request (from -v ticks and -v hz: the CPU time the
# measured proxy used during the run; 0 when not measured).
function ms(v) {
    if (v ~ /us$/) return v / 1000
    if (v ~ /ms$/) return v + 0
    if (v ~ /m$/) return v * 60000
    if (v ~ /s$/) return v * 1000
    return v + 0
}
/^ +50% / { p50 = ms($2) }
/^ +99% / { p99 = ms($2) }
/ requests in / { requests = $1 }
/^Requests\/sec:/ { rps = $2 }
/Non-2xx or 3xx responses:/ { failed += $NF }
/Socket errors:/ { for (i = 3; i <= NF; i += 2) { gsub(",", "", $(i + 1)); failed += $(i + 1) } }
END {
    cpu = requests > 0 && hz > 0 ? ticks / hz * 1e6 / requests : 0
    printf "%s\t%s\t%s\t%s\t%.0f\t%.3f\t%.3f\t%d\t%.1f\n", case, body, target, rep, rps, p50, p99, failed, cpu
}
