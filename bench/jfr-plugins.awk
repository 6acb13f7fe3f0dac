# Reads `jfr print --events jdk.ExecutionSample` and prints, per bundled plugin class
# (io.tollgate.application.plugin.bundled.<Class>, nested classes folded in), the share of samples with at least one
# of its frames on the stack, and for the plugin runloop (io.tollgate.application.proxy.plugin: PluginPhases,
# RequestContext, the index, the log serializer) the share of samples in it but in no plugin's frames; given
# -v cpu=<us per request of the profiled run>, each share as CPU microseconds per request.
/stackTrace = \[/ { inStack = 1; samples++; delete seen; plugins = 0; runloop = 0; next }
inStack && /^[ \t]*\]/ {
    inStack = 0
    if (runloop && plugins == 0) count["(plugin runloop, outside the plugins)"]++
    next
}
inStack {
    frame = $0
    sub(/^[ \t]+/, "", frame)
    if (frame ~ /^io\.tollgate\.application\.plugin\.bundled\./) {
        name = frame
        sub(/^io\.tollgate\.application\.plugin\.bundled\./, "", name)
        sub(/[.$(].*$/, "", name)
        plugins++
        if (!(name in seen)) { seen[name] = 1; count[name]++ }
    } else if (frame ~ /^io\.tollgate\.application\.proxy\.plugin\./) {
        runloop = 1
    }
}
END {
    if (samples == 0) { print "  no execution samples"; exit }
    for (k in count) printf "  %5.1f%%  %6.1f us  %s\n", 100 * count[k] / samples, cpu * count[k] / samples, k
}
