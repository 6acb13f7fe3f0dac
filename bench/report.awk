# Reads the tab-separated results of bench/run (see wrk.awk) and prints the table: per case and body the median
# over the repeats of requests/s, p50 and p99 for the upstream, the nginx proxy and Tollgate, the ratios
# Tollgate/nginx, then the large-case/small-case ratios and the closing note against the issue's targets.
BEGIN { FS = "\t" }
function median(list,    a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
    k = $1 SUBSEP $2 SUBSEP $3
    rps[k] = rps[k] " " $5; p50[k] = p50[k] " " $6; p99[k] = p99[k] " " $7; failed[k] += $8
    if (!(($1) in seen)) { seen[$1] = 1; cases[++ncases] = $1 }
}
function cell(c, b, t) { k = c SUBSEP b SUBSEP t; return sprintf("%8.0f %6.2f %6.2f", median(rps[k]), median(p50[k]), median(p99[k])) }
function r(c, b, t) { return median(rps[c SUBSEP b SUBSEP t]) }
function p(c, b, t) { return median(p99[c SUBSEP b SUBSEP t]) }
END {
    printf "%-24s %-5s | %-22s | %-22s | %-22s | %-9s %-9s\n", "", "", "upstream (direct)", "nginx proxy_pass", "Tollgate", "Tollgate/nginx", ""
    printf "%-24s %-5s | %8s %6s %6s | %8s %6s %6s | %8s %6s %6s | %9s %9s\n", "case", "body", "req/s", "p50ms", "p99ms", "req/s", "p50ms", "p99ms", "req/s", "p50ms", "p99ms", "req/s", "p99"
    for (i = 1; i <= ncases; i++) {
        c = cases[i]
        for (bi = 1; bi <= 2; bi++) {
            b = bi == 1 ? "0" : "1k"
            if (!((c SUBSEP b SUBSEP "tollgate") in rps)) continue
            printf "%-24s %-5s | %s | %s | %s | %9.2f %9.2f\n", c, b == "0" ? "0 B" : "1 KiB", cell(c, b, "upstream"), cell(c, b, "nginx"), cell(c, b, "tollgate"), r(c, b, "tollgate") / r(c, b, "nginx"), p(c, b, "tollgate") / p(c, b, "nginx")
            for (t in failed) if (failed[t] > 0 && index(t, c SUBSEP b SUBSEP) == 1) { split(t, parts, SUBSEP); printf "  ! %d failed responses or socket errors for %s\n", failed[t], parts[3] }
        }
    }
    one = "1 route"; many = count " routes"; ka1 = "key-auth, 1 consumer"; kan = "key-auth, " count " consumers"
    print ""
    for (bi = 1; bi <= 2; bi++) {
        b = bi == 1 ? "0" : "1k"
        if ((many SUBSEP b SUBSEP "tollgate") in rps && (one SUBSEP b SUBSEP "tollgate") in rps)
            printf "%s / 1 route, Tollgate req/s, %-5s: %.2f   (relative to nginx in the same phase: %.2f)\n", many, b == "0" ? "0 B" : "1 KiB", r(many, b, "tollgate") / r(one, b, "tollgate"), (r(many, b, "tollgate") / r(many, b, "nginx")) / (r(one, b, "tollgate") / r(one, b, "nginx"))
        if ((kan SUBSEP b SUBSEP "tollgate") in rps && (ka1 SUBSEP b SUBSEP "tollgate") in rps)
            printf "key-auth %s / 1 consumer, Tollgate req/s, %-5s: %.2f   (relative to nginx in the same phase: %.2f)\n", count, b == "0" ? "0 B" : "1 KiB", r(kan, b, "tollgate") / r(ka1, b, "tollgate"), (r(kan, b, "tollgate") / r(kan, b, "nginx")) / (r(ka1, b, "tollgate") / r(ka1, b, "nginx"))
    }
    if ((one SUBSEP "0" SUBSEP "tollgate") in rps) {
        print ""
        print "Targets (issue 4), 1 route, 0 B body:"
        v = r(one, "0", "tollgate") / r(one, "0", "nginx")
        printf "  Tollgate/nginx throughput  %.2f  (target >= 0.8)  %s\n", v, (v >= 0.8 ? "met" : "MISSED")
        v = p(one, "0", "tollgate") / p(one, "0", "nginx")
        printf "  Tollgate/nginx p99         %.2f  (target <= 1.5)  %s\n", v, (v <= 1.5 ? "met" : "MISSED")
        if ((many SUBSEP "0" SUBSEP "tollgate") in rps) {
            v = r(many, "0", "tollgate") / r(one, "0", "tollgate")
            printf "  %s/1 route throughput %.2f  (target >= 0.9)  %s\n", many, v, (v >= 0.9 ? "met" : "MISSED")
        }
    }
}
