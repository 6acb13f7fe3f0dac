# Reads `jfr print --events jdk.ExecutionSample --stack-depth N` and prints the hottest methods: by self samples
# (the top frame) and by total samples (anywhere on the stack, once per sample), with their share of all samples.
/stackTrace = \[/ { inStack = 1; depth = 0; delete onStack; samples++; next }
inStack && /^[ \t]*\]/ { inStack = 0; next }
inStack {
    frame = $0
    sub(/^[ \t]+/, "", frame); sub(/[ \t]+line:.*$/, "", frame); sub(/\(.*$/, "", frame)
    if (frame == "..." || frame == "") next
    if (depth++ == 0) self[frame]++
    if (!(frame in onStack)) { onStack[frame] = 1; total[frame]++ }
}
function top(arr, title, n,    k, best, bk, i, used) {
    printf "  %s (of %d samples):\n", title, samples
    for (i = 1; i <= n; i++) {
        best = 0; bk = ""
        for (k in arr) if (!(k in used) && arr[k] > best) { best = arr[k]; bk = k }
        if (bk == "") break
        used[bk] = 1
        printf "    %5.1f%%  %s\n", 100 * best / samples, bk
    }
}
END {
    if (samples == 0) { print "  no execution samples"; exit }
    top(self, "self", 25)
    top(total, "total", 40)
}
