# Reads the tab-separated results of bench/run (one line per wrk run, see wrk.awk) and prints, per case and body,
# the medians over the repeats of requests/s, p50 and p99 latency (ms) and the proxy's CPU time per request (us)
# for the upstream alone, the nginx proxy and Tollgate; the ratios Tollgate/nginx; the large-case/small-case
# ratios; and the closing note against the issue's targets. -v count=N names the large cases, -v chain=NAME the
# plugin-chain case and -v prom=NAME the prometheus case (both compared with the 1-route case), -v rl=NAME and
# -v rlredis=NAME the key-auth + rate-limiting cases (local and redis policies).
BEGIN { FS = "\t" }
function median(list,    a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
    k = $1 SUBSEP $2 SUBSEP $3
    rps[k] = rps[k] " " $5; p50[k] = p50[k] " " $6; p99[k] = p99[k] " " $7; failed[k] += $8; cpu[k] = cpu[k] " " $9
    if (!(($1) in seen)) { seen[$1] = 1; cases[++ncases] = $1 }
}
function r(c, b, t) { return median(rps[c SUBSEP b SUBSEP t]) }
function p(c, b, t) { return median(p99[c SUBSEP b SUBSEP t]) }
function u(c, b, t) { return median(cpu[c SUBSEP b SUBSEP t]) }
function has(c, b) { return (c SUBSEP b SUBSEP "tollgate") in rps }
function size(b) { return b == "0" ? "0 B" : "1 KiB" }
function cells(c, b, t, withCpu,    k) {
    k = c SUBSEP b SUBSEP t
    return sprintf("%7.0f %6.2f %6.2f", r(c, b, t), median(p50[k]), p(c, b, t)) (withCpu ? sprintf(" %5.0f", u(c, b, t)) : "")
}
function ratio(x, y) { return y > 0 ? x / y : 0 }
END {
    printf "%-24s %-5s | %-21s | %-27s | %-27s | %s\n", "", "", "upstream alone", "nginx proxy_pass", "Tollgate", "Tollgate / nginx"
    printf "%-24s %-5s | %7s %6s %6s | %7s %6s %6s %5s | %7s %6s %6s %5s | %5s %5s %5s\n", "case", "body", \
        "req/s", "p50ms", "p99ms", "req/s", "p50ms", "p99ms", "cpuus", "req/s", "p50ms", "p99ms", "cpuus", "req/s", "p99", "cpu"
    for (i = 1; i <= ncases; i++) {
        c = cases[i]
        for (bi = 1; bi <= 2; bi++) {
            b = bi == 1 ? "0" : "1k"
            if (!has(c, b)) continue
            printf "%-24s %-5s | %s | %s | %s | %5.2f %5.2f %5.2f\n", c, size(b), cells(c, b, "upstream", 0), \
                cells(c, b, "nginx", 1), cells(c, b, "tollgate", 1), ratio(r(c, b, "tollgate"), r(c, b, "nginx")), \
                ratio(p(c, b, "tollgate"), p(c, b, "nginx")), ratio(u(c, b, "tollgate"), u(c, b, "nginx"))
            for (t in failed) if (failed[t] > 0 && index(t, c SUBSEP b SUBSEP) == 1) {
                split(t, parts, SUBSEP); printf "  ! %d failed responses or socket errors for %s\n", failed[t], parts[3]
            }
        }
    }
    print "(cpuus: CPU time of the proxy's processes per request, in microseconds; robust to a busy machine)"
    one = "1 route"; many = count " routes"; ka1 = "key-auth, 1 consumer"; kan = "key-auth, " count " consumers"
    print ""
    for (bi = 1; bi <= 2; bi++) {
        b = bi == 1 ? "0" : "1k"
        if (has(many, b) && has(one, b))
            printf "%s / 1 route, Tollgate, %-5s: req/s %.2f, cpu/req %.2f (req/s relative to nginx in the same phase: %.2f)\n", \
                many, size(b), ratio(r(many, b, "tollgate"), r(one, b, "tollgate")), ratio(u(many, b, "tollgate"), u(one, b, "tollgate")), \
                ratio(ratio(r(many, b, "tollgate"), r(many, b, "nginx")), ratio(r(one, b, "tollgate"), r(one, b, "nginx")))
        if (chain != "" && has(chain, b) && has(one, b))
            printf "%s / 1 route, Tollgate, %-5s: req/s %.2f, cpu/req %.2f (+%.1f us per request); / nginx: req/s %.2f\n", \
                chain, size(b), ratio(r(chain, b, "tollgate"), r(one, b, "tollgate")), ratio(u(chain, b, "tollgate"), u(one, b, "tollgate")), \
                u(chain, b, "tollgate") - u(one, b, "tollgate"), ratio(r(chain, b, "tollgate"), r(chain, b, "nginx"))
        if (prom != "" && has(prom, b) && has(one, b))
            printf "%s / 1 route, Tollgate, %-5s: req/s %.2f, cpu/req %.2f (+%.1f us per request)\n", \
                prom, size(b), ratio(r(prom, b, "tollgate"), r(one, b, "tollgate")), ratio(u(prom, b, "tollgate"), u(one, b, "tollgate")), \
                u(prom, b, "tollgate") - u(one, b, "tollgate")
        if (has(kan, b) && has(ka1, b))
            printf "key-auth %s / 1 consumer, Tollgate, %-5s: req/s %.2f, cpu/req %.2f (req/s relative to nginx in the same phase: %.2f)\n", \
                count, size(b), ratio(r(kan, b, "tollgate"), r(ka1, b, "tollgate")), ratio(u(kan, b, "tollgate"), u(ka1, b, "tollgate")), \
                ratio(ratio(r(kan, b, "tollgate"), r(kan, b, "nginx")), ratio(r(ka1, b, "tollgate"), r(ka1, b, "nginx")))
    }
    if (has(one, "0")) {
        print ""
        print "Targets (issue 4), 0 B body:"
        v = ratio(r(one, "0", "tollgate"), r(one, "0", "nginx"))
        printf "  1 route, Tollgate/nginx throughput   %5.2f  (target >= 0.8)  %s\n", v, (v >= 0.8 ? "met" : "MISSED")
        v = ratio(p(one, "0", "tollgate"), p(one, "0", "nginx"))
        printf "  1 route, Tollgate/nginx p99 latency  %5.2f  (target <= 1.5)  %s\n", v, (v <= 1.5 ? "met" : "MISSED")
        if (prom != "" && has(prom, "0")) {
            v = ratio(r(prom, "0", "tollgate"), r(one, "0", "tollgate"))
            printf "  %s / 1 route throughput %5.2f  (target >= 0.95, issue 11)  %s\n", prom, v, (v >= 0.95 ? "met" : "MISSED")
        }
        for (k = 1; k <= 2; k++) {
            c = k == 1 ? rl : rlredis
            if (c == "" || !has(c, "0")) continue
            v = ratio(r(c, "0", "tollgate"), r(c, "0", "nginx"))
            printf "  %s, Tollgate/nginx throughput %5.2f  (target >= 0.6 for local, issue 11)  %s; / 1 route %.2f\n", \
                c, v, (k == 2 ? "-" : (v >= 0.6 ? "met" : "MISSED")), ratio(r(c, "0", "tollgate"), r(one, "0", "tollgate"))
        }
        if (has(many, "0")) {
            v = ratio(r(many, "0", "tollgate"), r(one, "0", "tollgate"))
            printf "  %s / 1 route throughput     %5.2f  (target >= 0.9)  %s\n", many, v, (v >= 0.9 ? "met" : "MISSED")
        }
    }
}
