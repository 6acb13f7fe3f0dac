# Reads `jfr print --events jdk.ExecutionSample` and prints, per bundled plugin class
# (io.tollgate.application.plugin.bundled.<Class>, nested classes folded in) and for the plugin runloop
# (io.tollgate.application.proxy.plugin), the share of samples with at least one of its frames on the stack and,
# given -v cpu=<us per request of the profiled run>, that share as CPU microseconds per request.
/stackTrace = \[/ { inStack = 1; samples++; delete seen; next }
inStack && /^[ \t]*\]/ { inStack = 0; next }
inStack {
    frame = $0
    sub(/^[ \t]+/, "", frame)
    if (frame ~ /^io\.tollgate\.application\.plugin\.bundled\./) {
        name = frame
        sub(/^io\.tollgate\.application\.plugin\.bundled\./, "", name)
        sub(/[.$(].*$/, "", name)
    } else if (frame ~ /^io\.tollgate\.application\.proxy\.plugin\./) {
        name = "(plugin runloop: PluginPhases, RequestContext, index)"
    } else {
        next
    }
    if (!(name in seen)) { seen[name] = 1; count[name]++ }
}
END {
    if (samples == 0) { print "  no execution samples"; exit }
    for (k in count) printf "  %5.1f%%  %6.1f us  %s\n", 100 * count[k] / samples, cpu * count[k] / samples, k
}
