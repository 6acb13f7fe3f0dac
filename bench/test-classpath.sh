# Sourced by the benchmarks that run a main from a module's test sources.

# test_classpath MODULE WORK: compiles MODULE and the modules it depends on (main and test sources) in one offline
# reactor build, so a benchmark runs on this tree's classes and never on a stale installed artifact, then prints
# MODULE's test class path: its test classes, its classes, then its dependencies (test scope). The build's log is
# WORK/MODULE-build.log; on a failed build its last 30 lines go to stderr and the function returns 1.
# Run Maven online once first on a fresh machine: the dependency plugin may not be in the local repository yet.
test_classpath() {
  local module=$1 work=$2 root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  (cd "$root" && ./mvnw -B -q -ntp -o -pl "$module" -am test-compile dependency:build-classpath -Dconsole.skip \
    -Dmdep.includeScope=test -Dmdep.outputFile="$work/$module-classpath.txt" >"$work/$module-build.log" 2>&1) \
    || { tail -30 "$work/$module-build.log" >&2; return 1; }
  echo "$root/$module/target/test-classes:$root/$module/target/classes:$(cat "$work/$module-classpath.txt")"
}
